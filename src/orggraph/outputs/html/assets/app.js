/* orggraph page: filters, search, side panel. Text from reports only ever goes through textContent. */
(function () {
  "use strict";
  var ui = window.ogui;
  var DATA = ui.DATA;
  var el = ui.el;
  var CLASSES = DATA.classes;
  var details = DATA.details;
  var byId = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); });
  var outEdges = new Map();
  var inEdges = new Map();
  DATA.edges.forEach(function (e, i) {
    e.id = i;
    push(outEdges, e.from, e);
    push(inEdges, e.to, e);
  });
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);

  var state = {
    classOn: {},
    focus: null,         // place id whose neighbourhood is shown
    focusSet: null,      // Set of node ids in that neighbourhood
    metricPlaces: new Set(), // places whose metrics are shown
    revealed: new Set(), // nodes shown on demand (search, panel links)
    selected: null
  };
  Object.keys(CLASSES).forEach(function (c) {
    state.classOn[c] = CLASSES[c].on && (!DATA.large || c === "place");
  });
  var visible = new Set();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return visible.has(e.from) && visible.has(e.to); }
  });

  function push(map, key, value) {
    var list = map.get(key);
    if (!list) { list = []; map.set(key, list); }
    list.push(value);
  }
  function neighbours(id) {
    var out = [];
    (outEdges.get(id) || []).forEach(function (e) { out.push(e.to); });
    (inEdges.get(id) || []).forEach(function (e) { out.push(e.from); });
    return out;
  }
  function isPlace(id) { return byId.get(id).cls === "place"; }

  function isVisible(n) {
    if (state.revealed.has(n.id)) return true;
    if (n.cls === "metric" && state.metricPlaces.has(n.anchor)) return true;
    if (!state.classOn[n.cls]) return false;
    return !state.focusSet || state.focusSet.has(n.id);
  }
  function refresh() {
    visible = new Set();
    DATA.nodes.forEach(function (n) { if (isVisible(n)) visible.add(n.id); });
    nodeView.refresh();
    edgeView.refresh();
    document.getElementById("stats").textContent =
      "显示 Shown " + visible.size + " / " + DATA.nodes.length + " 节点 nodes · " +
      edgeView.length + " / " + DATA.edges.length + " 关系 edges";
  }

  // ---------------------------------------------------------------- network
  var container = document.getElementById("graph");
  refresh();
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, DATA.options);
  var api = window.orggraph = {
    ready: false,
    network: network,
    counts: function () { return { nodes: nodes.length, edges: edges.length }; },
    visibleCounts: function () { return { nodes: visible.size, edges: edgeView.length }; },
    findIds: function (label) {
      return details.map(function (d, i) { return d.label === label ? i : -1; })
        .filter(function (i) { return i >= 0; });
    },
    hidePanel: function () { hidePanel(); },
    domPosition: function (id) {
      var p = network.getPositions([id])[id];
      var dom = network.canvasToDOM(p);
      var box = container.getBoundingClientRect();
      return { x: box.left + dom.x, y: box.top + dom.y };
    },
    select: select
  };
  network.once("afterDrawing", function () {
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
  if (document.fonts) document.fonts.ready.then(function () { network.redraw(); });
  network.on("beforeDrawing", drawGroups);

  function drawGroups(ctx) {
    var colours = ["rgba(59,130,246,0.06)", "rgba(16,185,129,0.06)", "rgba(249,115,22,0.06)",
                   "rgba(168,85,247,0.06)"];
    DATA.groups.forEach(function (g, i) {
      ctx.beginPath();
      ctx.arc(g.x, g.y, g.radius, 0, 2 * Math.PI);
      ctx.fillStyle = colours[i % colours.length];
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "rgba(100,116,139,0.25)";
      ctx.stroke();
      var size = Math.max(18, g.radius / 8);
      ctx.font = "600 " + size + "px '" + DATA.font + "', sans-serif";
      ctx.fillStyle = "rgba(71,85,105,0.55)";
      ctx.textAlign = "center";
      ctx.fillText(g.label, g.x, g.y - g.radius + size * 1.3);
    });
  }

  // ---------------------------------------------------------------- highlight
  var dimmed = [];
  function highlight(id) {
    clearHighlight();
    var keep = new Set(neighbours(id));
    keep.add(id);
    var updates = [];
    visible.forEach(function (v) {
      if (!keep.has(v)) {
        var n = byId.get(v);
        updates.push({ id: v, color: faded(n.color), font: { color: "#94a3b8", size: n.font.size } });
      }
    });
    dimmed = updates.map(function (u) { return u.id; });
    nodes.update(updates);
  }
  function faded(hex) {
    var rgb = [1, 3, 5].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
    return "rgba(" + rgb.join(",") + ",0.28)";
  }
  function clearHighlight() {
    if (!dimmed.length) return;
    nodes.update(dimmed.map(function (v) {
      var n = byId.get(v);
      return { id: v, color: n.color, font: { color: DATA.options.nodes.font.color, size: n.font.size } };
    }));
    dimmed = [];
  }

  // ---------------------------------------------------------------- selection & panel
  function select(id, opts) {
    opts = opts || {};
    if (!visible.has(id)) { state.revealed.add(id); refresh(); }
    state.selected = id;
    network.selectNodes([id]);
    if (opts.focus) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    highlight(id);
    showPanel(id);
    ui.writeHash({ view: "graph", node: ui.nodeIri(id) });
  }
  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0]);
    else if (!params.edges.length) { clearHighlight(); hidePanel(); }
  });

  var panel = document.getElementById("panel");
  var metricValue = new Map();
  DATA.views.metrics.forEach(function (m) { if (m.value !== null) metricValue.set(m.id, m.value); });
  function hidePanel() {
    panel.hidden = true; state.selected = null; ui.writeHash({ view: "graph" });
  }
  document.getElementById("panel-close").addEventListener("click", function () {
    network.unselectAll(); clearHighlight(); hidePanel();
  });

  function showPanel(id) {
    var n = byId.get(id);
    var d = details[id];
    document.getElementById("panel-title").textContent = d.label;
    document.getElementById("panel-class").textContent = CLASSES[n.cls].name;
    var actions = document.getElementById("panel-actions");
    actions.replaceChildren();
    if (n.cls === "place") placeActions(id, actions);
    var facts = document.getElementById("panel-facts");
    facts.replaceChildren();
    d.facts.forEach(function (f) { facts.append(el("dt", f[0]), el("dd", ui.formatValue(f[1]))); });
    var rels = document.getElementById("panel-relations");
    rels.replaceChildren();
    var rows = [];
    (outEdges.get(id) || []).forEach(function (e) { rows.push([e.label + " →", e.to]); });
    (inEdges.get(id) || []).forEach(function (e) { rows.push(["← " + e.label, e.from]); });
    rows.sort(function (a, b) { // metrics by value (largest first), the rest by name
      if (a[0] !== b[0]) return a[0].localeCompare(b[0]);
      var va = metricValue.get(a[1]), vb = metricValue.get(b[1]);
      if (va !== undefined && vb !== undefined && va !== vb) return vb - va;
      return details[a[1]].label.localeCompare(details[b[1]].label);
    });
    rows.slice(0, 200).forEach(function (r) {
      var li = el("li");
      var link = el("button", details[r[1]].label);
      link.type = "button";
      link.addEventListener("click", function () { select(r[1], { focus: true }); });
      li.append(el("span", r[0], "rel"), link);
      rels.append(li);
    });
    if (rows.length > 200) rels.append(el("li", "… +" + (rows.length - 200), "empty"));
    if (!rows.length) rels.append(el("li", "无 None", "empty"));
    var ev = document.getElementById("panel-evidence");
    ev.replaceChildren();
    d.evidence.forEach(function (e) {
      var li = el("li");
      li.append(el("blockquote", e.quote));
      var src = [];
      if (e.article_title) src.push("《" + e.article_title + "》");
      if (e.source_file) src.push(e.source_file + " [" + e.start + ":" + e.end + "]");
      e.relations.forEach(function (r) { src.push(r); });
      if (e.rules.length) src.push("规则 rule: " + e.rules.join(", "));
      li.append(el("div", src.join(" · "), "source"), ui.citeButton(e.article, e.start, e.end, e.quote));
      ev.append(li);
    });
    if (!d.evidence.length) ev.append(el("li", "无 None", "empty"));
    panel.hidden = false;
  }

  function metricsOf(place) {
    return (inEdges.get(place) || []).filter(function (e) {
      return byId.get(e.from).cls === "metric";
    }).map(function (e) { return e.from; });
  }
  function placeActions(id, actions) {
    var only = el("button", state.focus === id ? "显示全部 Show all" : "只看此地 Only this place");
    only.type = "button";
    only.addEventListener("click", function () {
      setFocus(state.focus === id ? null : id);
      showPanel(id);
    });
    actions.append(only);
    var count = metricsOf(id).length;
    if (!count) return;
    var shown = state.metricPlaces.has(id);
    var btn = el("button", (shown ? "隐藏指标 Hide metrics" : "显示指标 Show metrics") + " (" + count + ")");
    btn.type = "button";
    btn.className = "metrics";
    btn.addEventListener("click", function () {
      if (shown) state.metricPlaces.delete(id); else state.metricPlaces.add(id);
      refresh();
      showPanel(id);
    });
    actions.append(btn);
  }

  // ---------------------------------------------------------------- place filter
  var placeSelect = document.getElementById("place-filter");
  DATA.nodes.filter(function (n) { return n.cls === "place"; })
    .sort(function (a, b) {
      return a.group_key.localeCompare(b.group_key) || a.depth - b.depth ||
        details[a.id].label.localeCompare(details[b.id].label);
    })
    .forEach(function (n) {
      var indent = "\u3000".repeat(Math.max(0, n.depth));
      placeSelect.append(new Option(indent + details[n.id].label, String(n.id)));
    });
  placeSelect.addEventListener("change", function () {
    setFocus(placeSelect.value === "" ? null : Number(placeSelect.value));
  });

  function descendants(place) {
    var found = new Set([place]);
    var stack = [place];
    while (stack.length) {
      var cur = stack.pop();
      (inEdges.get(cur) || []).forEach(function (e) {
        if (isPlace(e.from) && e.rel.slice(-7) === "#partOf" && !found.has(e.from)) {
          found.add(e.from); stack.push(e.from);
        }
      });
    }
    return found;
  }
  function setFocus(place) {
    state.focus = place;
    state.revealed.clear();
    placeSelect.value = place === null ? "" : String(place);
    if (place === null) {
      state.focusSet = null;
    } else {
      var core = descendants(place);
      var set = new Set(core);
      core.forEach(function (p) { neighbours(p).forEach(function (v) { set.add(v); }); });
      state.focusSet = set;
      if (DATA.large) { state.classOn.program = true; state.classOn.document = true; syncLegend(); }
    }
    clearHighlight();
    refresh();
    var ids = Array.from(visible);
    if (ids.length) network.fit({ nodes: ids, animation: false });
  }

  // ---------------------------------------------------------------- legend
  var counts = {};
  DATA.nodes.forEach(function (n) { counts[n.cls] = (counts[n.cls] || 0) + 1; });
  var legend = document.getElementById("classes");
  var boxes = {};
  Object.keys(CLASSES).forEach(function (c) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = state.classOn[c];
    box.dataset.cls = c;
    box.addEventListener("change", function () {
      state.classOn[c] = box.checked; clearHighlight(); refresh();
    });
    boxes[c] = box;
    var sw = el("span", null, "swatch " + CLASSES[c].shape);
    sw.style.background = CLASSES[c].color;
    label.append(box, sw, el("span", CLASSES[c].name), el("span", counts[c] || 0, "count"));
    li.append(label);
    legend.append(li);
  });
  function syncLegend() {
    Object.keys(boxes).forEach(function (c) { boxes[c].checked = state.classOn[c]; });
  }
  document.getElementById("hint").textContent = DATA.large
    ? "大图概览：先只显示地点；选择地点查看其工作品牌与文献。 Overview of a large graph: places only; pick a place to see its programs and documents."
    : "点击节点查看证据；地点面板可显示其数据指标。 Click a node for its evidence; a place's panel shows its metrics.";

  document.getElementById("reset").addEventListener("click", function () {
    Object.keys(CLASSES).forEach(function (c) {
      state.classOn[c] = CLASSES[c].on && (!DATA.large || c === "place");
    });
    state.metricPlaces.clear();
    syncLegend();
    network.unselectAll();
    hidePanel();
    setFocus(null);
  });

  // ---------------------------------------------------------------- search
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var folded = details.map(function (d) { return d.label.toLowerCase(); });
  var terms = DATA.views.terms.map(function (t) { return t.toLowerCase(); });
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(runSearch, 120);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { results.hidden = true; }
    if (ev.key === "Enter") { var first = results.querySelector("button"); if (first) first.click(); }
  });
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    results.replaceChildren();
    if (!q) { results.hidden = true; return; }
    var hits = [];
    for (var i = 0; i < folded.length; i++) {
      var at = folded[i].indexOf(q);
      if (at >= 0) hits.push([folded[i] === q ? 0 : at === 0 ? 1 : 2, folded[i].length, i]);
      else if (terms[i].indexOf(q) >= 0) hits.push([3, folded[i].length, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    hits.slice(0, 40).forEach(function (h) {
      var id = h[2];
      var n = byId.get(id);
      var li = el("li");
      var btn = el("button");
      btn.type = "button";
      btn.dataset.id = String(id);
      var sw = el("span", null, "swatch " + CLASSES[n.cls].shape);
      sw.style.background = CLASSES[n.cls].color;
      btn.append(sw, el("span", details[id].label, "name"), el("span", CLASSES[n.cls].name, "cls"));
      btn.addEventListener("click", function () {
        results.hidden = true;
        select(id, { focus: true });
      });
      li.append(btn);
      results.append(li);
    });
    if (!hits.length) results.append(el("li", "无结果 No match", "empty"));
    results.hidden = false;
  }

  // ---------------------------------------------------------------- tooltip
  var tip = document.getElementById("tip");
  network.on("hoverNode", function (params) {
    var n = byId.get(params.node);
    tip.textContent = details[params.node].label + "\n" + CLASSES[n.cls].name;
    tip.style.left = (params.pointer.DOM.x + 14) + "px";
    tip.style.top = (params.pointer.DOM.y + 14) + "px";
    tip.hidden = false;
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
})();
