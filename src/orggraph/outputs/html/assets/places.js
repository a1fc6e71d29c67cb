/* orggraph page: the map (points at the places' coordinates, lon/lat projection) and the
   article reader (the report with its extracted spans highlighted, offsets shown). */
(function () {
  "use strict";
  var ui = window.ogui;
  var views = window.ogviews;
  var V = ui.DATA.views;
  var el = ui.el;
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ui.DATA.classes;

  // ---------------------------------------------------------------- map
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function renderMap() {
    var map = document.getElementById("map");
    var points = V.places;
    document.getElementById("map-note").textContent =
      points.length + " 个有坐标的地点，经纬度等距投影；无省界底图（离线数据未附带）。 " +
      points.length + " places with coordinates, equirectangular lon/lat projection; points only (no outline data ships offline).";
    map.replaceChildren();
    if (!points.length) return;
    var lons = points.map(function (p) { return p.lon; }), lats = points.map(function (p) { return p.lat; });
    var minLon = Math.min.apply(null, lons) - 1, maxLon = Math.max.apply(null, lons) + 1;
    var minLat = Math.min.apply(null, lats) - 1, maxLat = Math.max.apply(null, lats) + 1;
    var kx = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
    var w = (maxLon - minLon) * kx, h = maxLat - minLat;
    var scale = 1000 / Math.max(w, h);
    map.setAttribute("viewBox", "0 0 " + Math.round(w * scale + 160) + " " + Math.round(h * scale + 40));
    var grid = svg("g", { "class": "grid" });
    for (var lon = Math.ceil(minLon); lon <= maxLon; lon++) {
      if (lon % 5) continue;
      var x = (lon - minLon) * kx * scale + 20;
      grid.append(svg("line", { x1: x, x2: x, y1: 0, y2: h * scale + 40 }), svg("text", { x: x + 2, y: 12 }, lon + "°E"));
    }
    for (var lat = Math.ceil(minLat); lat <= maxLat; lat++) {
      if (lat % 5) continue;
      var y = (maxLat - lat) * scale + 20;
      grid.append(svg("line", { x1: 0, x2: w * scale + 160, y1: y, y2: y }), svg("text", { x: 2, y: y - 2 }, lat + "°N"));
    }
    map.append(grid);
    points.slice().sort(function (a, b) { return ui.DATA.nodes[a.id].depth - ui.DATA.nodes[b.id].depth; }).forEach(function (p) {
      var cx = (p.lon - minLon) * kx * scale + 20, cy = (maxLat - p.lat) * scale + 20;
      var node = ui.DATA.nodes[p.id];
      var g = svg("g", { "class": "place", "data-id": p.id, tabindex: "0" });
      g.append(svg("circle", { cx: cx, cy: cy, r: Math.max(3, 9 - 2 * node.depth), fill: COLOURS.place.color }),
               svg("text", { x: cx + 8, y: cy + 4, "font-size": Math.max(11, 18 - 2 * node.depth) }, ui.label(p.id)));
      g.addEventListener("click", function () { views.openNode(p.id); });
      map.append(g);
    });
  }
  views.onShow.map = renderMap;

  // ---------------------------------------------------------------- reader
  var select = document.getElementById("reader-article");
  V.articles.forEach(function (a) {
    select.append(new Option(a.title || a.file, String(a.id)));
  });
  select.addEventListener("change", function () { views.show("reader", { node: ui.nodeIri(Number(select.value)) }); });

  /* Pieces of [from, to) with the innermost span covering each, spans as [start, end, node]. */
  function pieces(spans, from, to) {
    var cuts = new Set([from, to]);
    spans.forEach(function (s) {
      if (s[1] > from && s[0] < to) { cuts.add(Math.max(s[0], from)); cuts.add(Math.min(s[1], to)); }
    });
    var points = Array.from(cuts).sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < points.length; i++) {
      var a = points[i], b = points[i + 1], inner = null;
      spans.forEach(function (s) {
        if (s[0] <= a && s[1] >= b && (!inner || s[1] - s[0] < inner[1] - inner[0])) inner = s;
      });
      out.push([a, b, inner]);
    }
    return out;
  }
  function appendText(box, text, offset, spans) {
    var shownStart = new Set();
    pieces(spans, offset, offset + text.length).forEach(function (p) {
      var chunk = text.slice(p[0] - offset, p[1] - offset);
      if (!p[2]) { box.append(document.createTextNode(chunk)); return; }
      var s = p[2], cls = ui.DATA.nodes[s[2]].cls;
      if (!shownStart.has(s)) { shownStart.add(s); box.append(el("sup", s[0], "off")); }
      var mark = el("mark", chunk, cls);
      mark.title = ui.label(s[2]) + " [" + s[0] + ":" + s[1] + "]";
      mark.style.borderColor = COLOURS[cls].color;
      mark.addEventListener("click", function () { views.openNode(s[2]); });
      box.append(mark);
    });
  }
  function renderReader(opts) {
    var id = opts.node ? ui.nodeId(opts.node) : -1;
    var article = ui.article(id) || V.articles[0];
    var box = document.getElementById("reader");
    box.replaceChildren();
    if (!article) return;
    select.value = String(article.id);
    document.getElementById("reader-meta").textContent = [article.issued, article.text_file, article.url]
      .filter(Boolean).join(" · ");
    box.append(el("h2", article.title || article.file));
    var body = el("div", null, "text");
    if (article.text !== null && article.text !== undefined) {
      appendText(body, article.text, 0, article.spans);
    } else {
      body.append(el("p", "原文未随图附带，仅显示引用的句子。 The text is not beside the graph: quoted sentences only.", "note"));
      article.sentences.forEach(function (s) {
        var p = el("p");
        p.append(el("span", "[" + s[0] + "] ", "off"));
        appendText(p, s[1], s[0], article.spans);
        body.append(p);
      });
    }
    box.append(body);
    if (opts.node === undefined) ui.writeHash({ view: "reader", node: ui.nodeIri(article.id) });
  }
  views.onShow.reader = renderReader;
})();
