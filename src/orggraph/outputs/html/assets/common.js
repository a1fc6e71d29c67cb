/* orggraph page: helpers shared by the graph and the other views (window.ogui).
   Text from reports only ever goes through textContent. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("og-data").textContent);
  var numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });
  var byIri = new Map();
  DATA.details.forEach(function (d, i) { byIri.set(d.iri, i); });
  var articles = new Map();
  DATA.views.articles.forEach(function (a) { articles.set(a.id, a); });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function label(id) { return id >= 0 && DATA.details[id] ? DATA.details[id].label : ""; }
  /* Numbers for people: 36000 → "36,000", 0.125 → "0.125"; booleans → 是/否. */
  function formatValue(v) {
    if (typeof v === "number") return numberFormat.format(v);
    if (v === true || v === "true") return "是 yes";
    if (v === false || v === "false") return "否 no";
    if (typeof v === "string" && /^-?\d+\.0+$/.test(v)) return numberFormat.format(Number(v));
    return v === null || v === undefined ? "" : String(v);
  }
  /* A citation a reader can paste: title, date, file, offsets, quote. */
  function citation(articleId, start, end, quote) {
    var a = articles.get(articleId) || {};
    var parts = [];
    if (a.title) parts.push("《" + a.title + "》");
    if (a.issued) parts.push(a.issued);
    if (a.url) parts.push(a.url);
    parts.push((a.text_file || a.file || "") + " [" + start + ":" + end + "]");
    return parts.join(", ") + "\n“" + quote + "”";
  }
  function copy(text) {
    api.lastCopied = text;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).catch(function () { copyByTextarea(text); });
    } else {
      copyByTextarea(text);
    }
  }
  function copyByTextarea(text) {
    var area = document.getElementById("clipboard");
    area.value = text;
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the text stays selectable */ }
  }
  function citeButton(articleId, start, end, quote) {
    var btn = el("button", "复制引用 Copy citation", "cite");
    btn.type = "button";
    btn.addEventListener("click", function (ev) {
      ev.stopPropagation();
      copy(citation(articleId, start, end, quote));
      btn.textContent = "已复制 Copied";
    });
    return btn;
  }

  /* The URL hash names the view and the selected node: #view=graph&node=<IRI>. */
  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var out = {};
    params.forEach(function (v, k) { out[k] = v; });
    return out;
  }
  function writeHash(state) {
    var params = new URLSearchParams();
    Object.keys(state).forEach(function (k) {
      if (state[k] !== null && state[k] !== undefined && state[k] !== "") params.set(k, state[k]);
    });
    var text = "#" + params.toString();
    if (text !== location.hash) history.replaceState(null, "", text);
  }
  /* Nodes in the hash by their IRI without the instance prefix: node=place/431200. */
  var PREFIX = "https://w3id.org/orggraph/id/";
  function nodeIri(id) { return id >= 0 ? DATA.details[id].iri.replace(PREFIX, "") : ""; }
  function nodeId(iri) {
    var full = /^[a-z]+:/.test(iri) ? iri : PREFIX + iri;
    return byIri.has(full) ? byIri.get(full) : -1;
  }

  var api = window.ogui = {
    DATA: DATA,
    el: el,
    label: label,
    formatValue: formatValue,
    citation: citation,
    citeButton: citeButton,
    copy: copy,
    lastCopied: "",
    readHash: readHash,
    writeHash: writeHash,
    nodeIri: nodeIri,
    nodeId: nodeId,
    article: function (id) { return articles.get(id); }
  };
})();
