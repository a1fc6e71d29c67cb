/* orggraph page: view switching, the table view (sort, filter, CSV), diffusion and timeline. */
(function () {
  "use strict";
  var ui = window.ogui;
  var graph = window.orggraph;
  var V = ui.DATA.views;
  var el = ui.el;
  var label = ui.label;
  var MAX_ROWS = 1000;

  // ---------------------------------------------------------------- view switching
  var current = "graph";
  var onShow = {};
  function show(view, extra) {
    if (!document.getElementById("view-" + view) && view !== "graph") view = "graph";
    current = view;
    document.querySelectorAll("main > .view").forEach(function (s) {
      s.hidden = s.id !== "view-" + view;
    });
    document.querySelectorAll("#tabs button").forEach(function (b) {
      b.classList.toggle("active", b.dataset.view === view);
    });
    if (view !== "graph") graph.hidePanel();
    if (onShow[view]) onShow[view](extra || {});
    var state = Object.assign({ view: view }, extra || {});
    if (view !== "graph" || !state.node) ui.writeHash(state);
    document.body.dataset.view = view;
  }
  document.querySelectorAll("#tabs button").forEach(function (b) {
    b.addEventListener("click", function () { show(b.dataset.view); });
  });
  function openNode(id) {
    show("graph");
    graph.select(id, { focus: true });
  }
  function nodeLink(id) {
    if (id < 0) return el("span", "");
    var b = el("button", label(id), "link");
    b.type = "button";
    b.addEventListener("click", function () { openNode(id); });
    return b;
  }

  // ---------------------------------------------------------------- tables
  function col(key, name, type, get, cell) { return { key: key, name: name, type: type, get: get, cell: cell }; }
  function idCol(key, name) {
    return col(key, name, "text", function (r) { return label(r[key]); },
               function (r) { return nodeLink(r[key]); });
  }
  function citeCell(r) { return ui.citeButton(r.article, r.start, r.end, r.quote); }
  var common = [
    col("quote", "原文 Quote", "quote", function (r) { return r.quote; }),
    col("file", "文件 File", "text", function (r) { var a = ui.article(r.article); return a ? a.text_file : ""; }),
    col("start", "起 Start", "num", function (r) { return r.start; }),
    col("end", "止 End", "num", function (r) { return r.end; }),
    col("cite", "引用 Cite", "none", function () { return ""; }, citeCell)
  ];
  var TABLES = {
    metrics: {
      name: "数据指标 Metrics", rows: V.metrics, sort: "value",
      columns: [
        idCol("place", "地点 Place"),
        col("year", "年份 Year", "text", function (r) { return r.year; }),
        col("measure", "指标 Measure", "text", function (r) { return r.measure; }),
        col("value", "数值 Value", "num", function (r) { return r.value; }),
        col("unit", "单位 Unit", "text", function (r) { return r.unit; }),
        col("approximate", "约数 Approx.", "bool", function (r) { return r.approximate; }),
        idCol("program", "所属举措 Program"),
        col("issued", "文章日期 Article date", "text", function (r) { return r.issued; })
      ].concat(common)
    },
    links: {
      name: "工作品牌×地点 Programs × places", rows: V.links, sort: "program",
      columns: [
        idCol("program", "工作品牌 Program"),
        idCol("place", "地点 Place"),
        col("kind_name", "类型 Kind", "text", function (r) { return r.kind_name; }),
        col("year", "首次年份 First year", "text", function (r) { return r.year; }),
        col("year_source", "年份来源 Year from", "text", function (r) { return r.year_source; })
      ].concat(common)
    },
    documents: {
      name: "文献 Documents", rows: V.documents, sort: "id",
      columns: [
        idCol("id", "文献 Document"),
        col("issuers", "发布地 Issuer", "text", function (r) { return r.issuers.map(label).join("、"); }),
        col("year", "年份 Year", "text", function (r) { return r.year; }),
        col("mentions", "提及 Mentions", "num", function (r) { return r.mentions; })
      ].concat(common)
    }
  };
  var table = { name: "metrics", sort: null, desc: false, filter: "" };
  var tabs = document.getElementById("table-tabs");
  Object.keys(TABLES).forEach(function (name) {
    var b = el("button", TABLES[name].name + " (" + TABLES[name].rows.length + ")");
    b.type = "button";
    b.dataset.table = name;
    b.addEventListener("click", function () { show("table", { tab: name }); });
    tabs.append(b);
  });
  var filterBox = document.getElementById("table-filter");
  filterBox.addEventListener("input", function () { table.filter = filterBox.value.trim(); renderTable(); });
  document.getElementById("table-csv").addEventListener("click", downloadCsv);

  function compare(c, desc) {
    return function (a, b) {
      var x = c.get(a), y = c.get(b);
      var ex = x === null || x === "" || x === undefined, ey = y === null || y === "" || y === undefined;
      if (ex || ey) return ex === ey ? 0 : ex ? 1 : -1; // blanks last either way
      var r = c.type === "num" ? x - y : String(x).localeCompare(String(y), "zh-Hans-CN");
      return desc ? -r : r;
    };
  }
  function tableRows() {
    var def = TABLES[table.name];
    var rows = def.rows;
    var q = table.filter.toLowerCase();
    if (q) {
      rows = rows.filter(function (r) {
        return def.columns.some(function (c) { return String(c.get(r)).toLowerCase().indexOf(q) >= 0; });
      });
    }
    var sortCol = def.columns.filter(function (c) { return c.key === table.sort; })[0];
    return sortCol ? rows.slice().sort(compare(sortCol, table.desc)) : rows;
  }
  function renderTable() {
    var def = TABLES[table.name];
    tabs.querySelectorAll("button").forEach(function (b) {
      b.classList.toggle("active", b.dataset.table === table.name);
    });
    var head = el("tr");
    def.columns.forEach(function (c) {
      var th = el("th", c.name + (table.sort === c.key ? (table.desc ? " ▼" : " ▲") : ""));
      th.dataset.key = c.key;
      if (c.type !== "none") {
        th.className = "sortable";
        th.addEventListener("click", function () {
          table.desc = table.sort === c.key ? !table.desc : c.type === "num";
          table.sort = c.key;
          show("table", { tab: table.name, sort: c.key, desc: table.desc ? "1" : "" });
        });
      }
      head.append(th);
    });
    var thead = document.querySelector("#table thead");
    thead.replaceChildren(head);
    var rows = tableRows();
    var body = document.createDocumentFragment();
    rows.slice(0, MAX_ROWS).forEach(function (r) {
      var tr = el("tr");
      def.columns.forEach(function (c) {
        var td = el("td", null, c.type);
        if (c.cell) td.append(c.cell(r)); else td.textContent = ui.formatValue(c.get(r));
        tr.append(td);
      });
      body.append(tr);
    });
    document.querySelector("#table tbody").replaceChildren(body);
    document.getElementById("table-count").textContent =
      "显示 Shown " + Math.min(rows.length, MAX_ROWS) + " / " + rows.length + " 行 rows";
  }
  onShow.table = function (opts) {
    if (opts.tab && TABLES[opts.tab]) table.name = opts.tab;
    table.sort = opts.sort || table.sort;
    table.desc = opts.desc !== undefined ? opts.desc === "1" : table.desc;
    if (opts.tab && !opts.sort) { table.sort = null; table.desc = false; }
    renderTable();
  };
  function csvCell(v) {
    var text = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function tableCsv() {
    var def = TABLES[table.name];
    var cols = def.columns.filter(function (c) { return c.type !== "none"; });
    var lines = [cols.map(function (c) { return csvCell(c.key); }).join(",")];
    tableRows().forEach(function (r) {
      lines.push(cols.map(function (c) { return csvCell(c.get(r)); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  function downloadCsv() {
    var blob = new Blob(["\ufeff" + tableCsv()], { type: "text/csv;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = "orggraph-" + table.name + ".csv";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  // ---------------------------------------------------------------- diffusion
  var programs = new Map();
  V.links.forEach(function (r) {
    if (!programs.has(r.program)) programs.set(r.program, { id: r.program, kind: r.kind, kind_name: r.kind_name, places: [] });
    programs.get(r.program).places.push(r);
  });
  var kindBox = document.getElementById("diffusion-kind");
  var minBox = document.getElementById("diffusion-min");
  var diffFilter = document.getElementById("diffusion-filter");
  [kindBox, minBox, diffFilter].forEach(function (x) { x.addEventListener("input", renderDiffusion); });
  function renderDiffusion() {
    var kind = kindBox.value, min = Number(minBox.value) || 1, q = diffFilter.value.trim();
    var list = Array.from(programs.values()).filter(function (p) {
      if (p.places.length < min) return false;
      if (kind === "local" && p.kind === "Campaign") return false;
      if (kind && kind !== "local" && p.kind !== kind) return false;
      return !q || label(p.id).indexOf(q) >= 0 || p.places.some(function (r) { return label(r.place).indexOf(q) >= 0; });
    });
    list.sort(function (a, b) { return b.places.length - a.places.length || label(a.id).localeCompare(label(b.id), "zh-Hans-CN"); });
    var body = document.createDocumentFragment();
    list.forEach(function (p) {
      var tr = el("tr");
      tr.dataset.program = label(p.id);
      var chips = el("td");
      p.places.slice().sort(function (a, b) { return (a.year || "9999").localeCompare(b.year || "9999"); })
        .forEach(function (r) {
          var chip = el("span", null, "chip");
          chip.append(nodeLink(r.place), el("span", r.year ? r.year + (r.year_source === "stated" ? "" : "*") : "?", "year"));
          chip.title = r.quote;
          chips.append(chip);
        });
      var kindCell = el("td", p.kind_name, p.kind === "Campaign" ? "campaign" : "");
      var name = el("td");
      name.append(nodeLink(p.id));
      tr.append(name, kindCell, el("td", p.places.length, "num"), chips);
      body.append(tr);
    });
    document.querySelector("#diffusion tbody").replaceChildren(body);
    document.getElementById("diffusion-count").textContent =
      list.length + " 项 programs · * 年份取自句子或文章日期 year from the sentence or article date";
  }
  onShow.diffusion = renderDiffusion;

  // ---------------------------------------------------------------- timeline
  function renderTimeline() {
    var years = new Map();
    function add(year, kind, id) {
      if (!year) return;
      if (!years.has(year)) years.set(year, { metric: [], document: [] });
      years.get(year)[kind].push(id);
    }
    V.metrics.forEach(function (r) { add(r.year, "metric", r.id); });
    V.documents.forEach(function (r) { add(r.year, "document", r.id); });
    var most = 1;
    years.forEach(function (y) { most = Math.max(most, y.metric.length, y.document.length); });
    var box = document.getElementById("timeline");
    box.replaceChildren();
    Array.from(years.keys()).sort().forEach(function (year) {
      var y = years.get(year);
      var row = el("details", null, "year-row");
      row.dataset.year = year;
      var sum = el("summary");
      sum.append(el("span", year, "year"));
      [["metric", "指标 metrics"], ["document", "文献 documents"]].forEach(function (k) {
        var bar = el("span", null, "bar " + k[0]);
        bar.style.width = Math.max(2, 240 * y[k[0]].length / most) + "px";
        sum.append(bar, el("span", y[k[0]].length + " " + k[1], "n"));
      });
      row.append(sum);
      var list = el("ul");
      y.document.concat(y.metric).slice(0, 300).forEach(function (id) {
        var li = el("li");
        li.append(nodeLink(id));
        list.append(li);
      });
      row.append(list);
      box.append(row);
    });
    box.append(el("p", "年份：指标为文中所述年份，文献为所见文章的日期。 Years: stated for metrics; the article date for documents.", "note"));
  }
  onShow.timeline = renderTimeline;

  // ---------------------------------------------------------------- hash routing
  function route() {
    var h = ui.readHash();
    var view = h.view || "graph";
    if (view === "graph") {
      show("graph", {});
      var id = h.node ? ui.nodeId(h.node) : -1;
      if (id >= 0) graph.select(id, { focus: true });
    } else {
      show(view, h);
    }
  }
  window.ogviews = { show: show, onShow: onShow, nodeLink: nodeLink, openNode: openNode,
                     tableCsv: tableCsv, route: route, current: function () { return current; } };
  window.addEventListener("hashchange", route);
  document.addEventListener("DOMContentLoaded", route); // after every view script has run
})();
