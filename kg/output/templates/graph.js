// The fazhi-kg graph page: filters, search, neighbourhood, evidence panel, language toggle.
// Report text is only ever set through textContent or drawn on the canvas (vis-network's
// string tooltips use innerText), never parsed as HTML.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var timings = {firstDraw: null, stabilised: null};
  var lang = "zh";
  var byId = new Map();
  var adjacent = new Map();
  var positions = {};
  DATA.nodes.forEach(function (n) {
    byId.set(n.id, n); adjacent.set(n.id, new Set());
    if (typeof n.x === "number") { positions[n.id] = {x: n.x, y: n.y}; }
  });
  // Laid out by the page's maker: draw at once, no physics. Otherwise vis-network's physics
  // lays the graph out and stops once it has settled.
  var laidOut = DATA.nodes.length > 0 && Object.keys(positions).length === DATA.nodes.length;
  DATA.edges.forEach(function (e) { adjacent.get(e.from).add(e.to); adjacent.get(e.to).add(e.from); });
  var legendByGroup = new Map(DATA.legend.map(function (l) { return [l.group, l]; }));
  var ALL_SECTIONS = DATA.sections.map(function (s) { return s.key; });
  // Nodes without any edge (vocabulary no report uses, mechanisms with no strong pair) ring
  // the picture and shrink the rest: hidden until asked for.
  var isolated = new Set(DATA.nodes.filter(function (n) { return !adjacent.get(n.id).size; }).map(function (n) { return n.id; }));
  var state = {hiddenTypes: new Set(), town: "", year: "", sections: new Set(ALL_SECTIONS), focus: null,
               isolated: isolated.size === DATA.nodes.length};
  // "all": every node is in the network and filters only hide; "subset": the network holds
  // the nodes that pass the filters (the graph is bigger than the limit); "overview": one
  // node per type because too many nodes pass.
  var mode = DATA.nodes.length <= DATA.limit ? "all" : "subset";
  var drawn = new Set();
  var hiddenNow = new Set(), hiddenEdges = new Set();  // hidden now (mode "all")
  var settled = false;
  var afterSettle = [];
  var selected = null;

  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var big = DATA.nodes.length > 1000;
  var options = {
    autoResize: true,
    layout: {improvedLayout: DATA.nodes.length <= 200, randomSeed: 7},
    physics: {enabled: !laidOut, solver: "forceAtlas2Based",
              forceAtlas2Based: {gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.2},
              stabilization: {enabled: true, iterations: big ? 200 : 400, updateInterval: 50, fit: true}},
    interaction: {hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big},
    nodes: {font: {size: 14, face: "sans-serif"}, borderWidth: 1},
    edges: {smooth: false, color: {opacity: 0.55}, font: {size: 9, color: "#777", strokeWidth: 2}},
  };
  var network = new vis.Network(document.getElementById("network"), {nodes: nodes, edges: edges}, options);
  var staticDraw = false;
  network.on("afterDrawing", function () {
    if (timings.firstDraw === null && nodes.length) { timings.firstDraw = performance.now(); }
    if (staticDraw) { staticDraw = false; done(); }
  });
  network.on("stabilizationIterationsDone", function () {
    // Settled: stop moving so the page stays still and cheap.
    network.setOptions({physics: {enabled: false}});
    done();
  });
  function done() {
    if (timings.stabilised === null) { timings.stabilised = performance.now(); }
    if (!staticFit) { fitTo(null); }
    staticFit = false;
    settled = true;
    var todo = afterSettle; afterSettle = [];
    todo.forEach(function (fn) { fn(); });
  }
  var staticFit = false;
  // Fit the view to these node ids (all drawn nodes when null), then make the labels of the
  // largest nodes legible at that zoom: on screen at least LABEL_PX pixels high, the rest
  // drawn at their own size (readable once zoomed in).
  var LABEL_PX = 13, LEGIBLE = 40;
  function fitTo(ids) {
    var list = ids ? Array.from(ids).filter(function (id) { return nodes.get(id); })
      : nodes.getIds({filter: function (n) { return !n.hidden; }});
    if (!list.length) { return; }
    network.fit({nodes: list, animation: false});
    staticFit = true;
    var scale = network.getScale() || 1;
    var ranked = list.map(function (id) { return nodes.get(id); }).filter(function (n) { return n && !n.hidden; });
    ranked.sort(function (a, b) { return (b.size || 0) - (a.size || 0); });
    var big = Math.min(120, Math.max(14, LABEL_PX / scale));
    var updates = [];
    ranked.forEach(function (n, i) {
      var size = i < LEGIBLE ? big : 14;
      if (!n.font || n.font.size !== size) { updates.push({id: n.id, font: {size: size}}); }
    });
    if (updates.length) { nodes.update(updates); }
  }
  window.kgFit = fitTo;
  function whenSettled(fn) { if (settled) { fn(); } else { afterSettle.push(fn); } }

  function nodeLabel(n) { return lang === "en" && n.label_en ? n.label_en : n.label; }
  function groupLabel(g) {
    var l = legendByGroup.get(g);
    return l ? (lang === "en" ? l.label_en : l.label) : g;
  }
  function edgeLabel(e) { return lang === "en" && e.label_en ? e.label_en : e.label; }

  function visNode(n) {
    var v = {id: n.id, label: nodeLabel(n), color: n.color, shape: n.shape, size: n.size,
             title: n.tooltip, hidden: false};
    if (positions[n.id]) { v.x = positions[n.id].x; v.y = positions[n.id].y; }
    return v;
  }
  function visEdge(e, withLabel) {
    return {id: e.id, from: e.from, to: e.to, label: withLabel ? edgeLabel(e) : undefined,
            title: e.tooltip || undefined, width: e.width, color: {color: e.color, opacity: 0.55},
            dashes: e.dashes, arrows: e.arrows, hidden: false};
  }

  // --- filters -------------------------------------------------------------------------
  function passes(n) {
    if (state.hiddenTypes.has(n.group)) { return false; }
    if (!state.isolated && isolated.has(n.id)) { return false; }
    if (state.town && n.towns.indexOf(state.town) < 0) { return false; }
    if (state.year && n.years.indexOf(Number(state.year)) < 0) { return false; }
    if (n.sections.length && state.sections.size < ALL_SECTIONS.length &&
        !n.sections.some(function (s) { return state.sections.has(s); })) { return false; }
    return true;
  }
  function edgePasses(e) {
    return !e.sections.length || state.sections.size === ALL_SECTIONS.length ||
      e.sections.some(function (s) { return state.sections.has(s); });
  }
  function visibleIds() {
    var ids = new Set();
    DATA.nodes.forEach(function (n) { if (passes(n)) { ids.add(n.id); } });
    if (state.focus && byId.has(state.focus)) {
      var near = new Set([state.focus]);
      adjacent.get(state.focus).forEach(function (m) { if (ids.has(m) || !passes(byId.get(m))) { near.add(m); } });
      ids = near;
    }
    return ids;
  }

  function rememberPositions() {
    if (!drawn.size) { return; }
    var pos = network.getPositions();
    Object.keys(pos).forEach(function (id) { if (byId.has(id)) { positions[id] = pos[id]; } });
  }

  function layout(nodeList, edgeList) {
    settled = false;
    nodes.clear(); edges.clear();
    var placed = nodeList.every(function (n) { return typeof n.x === "number"; });
    if (placed) {
      // Nothing to simulate: the next frame is the settled picture.
      network.setOptions({physics: {enabled: false}});
      nodes.add(nodeList); edges.add(edgeList);
      staticDraw = true;
      fitTo(new Set(nodeList.filter(function (n) { return !n.hidden; }).map(function (n) { return n.id; })));
      network.redraw();
    } else {
      nodes.add(nodeList); edges.add(edgeList);
      network.setOptions({physics: {enabled: true}});
      network.stabilize(nodeList.length > 1000 ? 200 : 400);
    }
  }

  function redraw() {
    var ids = visibleIds();
    var notice = document.getElementById("notice");
    if (ids.size > DATA.limit) {
      overview(ids);
      notice.style.display = "block";
      notice.textContent = ids.size + " 个节点，太多无法同时绘制（上限 " + DATA.limit + "）：每类显示一个节点。" +
        "请点击类型、选择乡镇或年份，或搜索。 / " + ids.size + " nodes are too many to draw at once (limit " +
        DATA.limit + "): one node per type is shown. Click a type, pick a town or year, or search.";
      return ids;
    }
    notice.style.display = "none";
    var edgeIds = DATA.edges.filter(function (e) { return ids.has(e.from) && ids.has(e.to) && edgePasses(e); });
    var withLabels = edgeIds.length <= DATA.edge_label_limit;
    if (mode === "all" && drawn.size === DATA.nodes.length) {
      // Everything is laid out already: hiding keeps every node where it is.
      // Every update makes vis-network recount the whole graph (about 0.3 s at 5,000
      // nodes), so send one batch, of the items that change, and none when nothing does.
      // An edge with a hidden end is not drawn anyway: edges change only with the section
      // filter.
      var nodeChanges = DATA.nodes.filter(function (n) { return hiddenNow.has(n.id) === ids.has(n.id); });
      var edgeChanges = DATA.edges.filter(function (e) { return hiddenEdges.has(e.id) === edgePasses(e); });
      if (nodeChanges.length) {
        nodes.update(nodeChanges.map(function (n) { return {id: n.id, hidden: !ids.has(n.id)}; }));
      }
      if (edgeChanges.length) {
        edges.update(edgeChanges.map(function (e) { return {id: e.id, hidden: !edgePasses(e)}; }));
      }
      nodeChanges.forEach(function (n) { if (ids.has(n.id)) { hiddenNow.delete(n.id); } else { hiddenNow.add(n.id); } });
      edgeChanges.forEach(function (e) { if (edgePasses(e)) { hiddenEdges.delete(e.id); } else { hiddenEdges.add(e.id); } });
      fitTo(ids);
    } else {
      rememberPositions();
      var list = mode === "all" ? DATA.nodes : DATA.nodes.filter(function (n) { return ids.has(n.id); });
      var nodeList = list.map(function (n) { var v = visNode(n); v.hidden = !ids.has(n.id); return v; });
      var edgeList = (mode === "all" ? DATA.edges : edgeIds).map(function (e) { return visEdge(e, withLabels); });
      hiddenNow = new Set(); hiddenEdges = new Set();
      if (mode === "all") {
        edgeList.forEach(function (e, i) { e.hidden = !edgePasses(DATA.edges[i]); });
        nodeList.forEach(function (x) { if (x.hidden) { hiddenNow.add(x.id); } });
        edgeList.forEach(function (x) { if (x.hidden) { hiddenEdges.add(x.id); } });
      }
      drawn = new Set(list.map(function (n) { return n.id; }));
      layout(nodeList, edgeList);
    }
    document.getElementById("stats").textContent = ids.size + " / " + DATA.nodes.length + " 节点 nodes, " +
      edgeIds.length + " / " + DATA.edges.length + " 边 edges";
    return ids;
  }

  function overview(ids) {
    rememberPositions();
    drawn = new Set();
    var count = new Map();
    ids.forEach(function (id) { var g = byId.get(id).group; count.set(g, (count.get(g) || 0) + 1); });
    var links = new Map();
    DATA.edges.forEach(function (e) {
      if (!ids.has(e.from) || !ids.has(e.to)) { return; }
      var a = byId.get(e.from).group, b = byId.get(e.to).group;
      if (a === b) { return; }
      var key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
      links.set(key, (links.get(key) || 0) + 1);
    });
    var top = Math.max.apply(null, Array.from(links.values()).concat([1]));
    var nodeList = Array.from(count.keys()).map(function (g) {
      var l = legendByGroup.get(g) || {color: "#999999"};
      return {id: "type:" + g, label: groupLabel(g) + " (" + count.get(g) + ")", color: l.color,
              shape: "dot", size: 10 + 4 * Math.sqrt(count.get(g)) / 2, title: groupLabel(g)};
    });
    var edgeList = Array.from(links.keys()).map(function (key, i) {
      var p = key.split("\u0000");
      return {id: "agg" + i, from: "type:" + p[0], to: "type:" + p[1], label: String(links.get(key)),
              width: 1 + 9 * links.get(key) / top, color: {color: "#888888", opacity: 0.6}};
    });
    layout(nodeList, edgeList);
    document.getElementById("stats").textContent = ids.size + " / " + DATA.nodes.length + " 节点 nodes (overview)";
  }

  // --- side panel ----------------------------------------------------------------------
  var panel = document.getElementById("panel");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function button(text, fn) { var b = el("button", text); b.type = "button"; b.addEventListener("click", fn); return b; }
  function show(id) {
    var n = byId.get(id);
    if (!n) { return; }
    selected = id;
    panel.textContent = "";
    panel.appendChild(el("h2", n.label));
    if (n.label_en) { panel.appendChild(el("div", n.label_en, "en")); }
    panel.appendChild(el("div", "类型 type: " + groupLabel(n.group), "meta"));
    if (n.towns.length) { panel.appendChild(el("div", "乡镇 towns: " + n.towns.join("、"), "meta")); }
    if (n.years.length) { panel.appendChild(el("div", "年份 years: " + n.years.join(", "), "meta")); }
    if (n.sections.length) {
      var names = new Map(DATA.sections.map(function (s) { return [s.key, s.label + " " + s.label_en]; }));
      panel.appendChild(el("div", "出现于 stance: " + n.sections.map(function (s) { return names.get(s); }).join("、"), "meta"));
    }
    panel.appendChild(el("div", "相连 neighbours: " + adjacent.get(id).size, "meta"));
    var bar = el("div");
    bar.appendChild(button(state.focus === id ? "显示全部 show all" : "显示邻居 show neighbourhood", function () {
      state.focus = state.focus === id ? null : id;
      redraw();
      whenSettled(function () { focusNode(id); });
      show(id);
    }));
    panel.appendChild(bar);
    if (n.evidence.length) {
      panel.appendChild(el("h3", "证据 evidence (" + n.evidence_total + ")"));
      var ol = el("ol", undefined, "evidence");
      n.evidence.forEach(function (e) {
        var li = el("li");
        li.appendChild(el("span", e.sentence, "sentence"));
        var src = "《" + e.report + "》 · " + e.section + (e.heading ? " · " + e.heading : "");
        li.appendChild(el("span", src, "src"));
        ol.appendChild(li);
      });
      panel.appendChild(ol);
      if (n.evidence_total > n.evidence.length) {
        panel.appendChild(el("div", "另有 " + (n.evidence_total - n.evidence.length) + " 条 more in graph.ttl", "meta"));
      }
    } else if (n.tooltip && n.tooltip !== n.label) {
      panel.appendChild(el("div", n.tooltip, "tip"));
    }
  }
  function focusNode(id) {
    if (!drawn.has(id)) { return; }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: false});
  }

  network.on("click", function (params) {
    if (!params.nodes.length) { return; }
    var id = params.nodes[0];
    if (String(id).indexOf("type:") === 0 && !byId.has(id)) {
      // An overview node: draw only that type.
      var g = id.slice(5);
      DATA.legend.forEach(function (l) { if (l.group !== g) { state.hiddenTypes.add(l.group); } });
      state.hiddenTypes.delete(g);
      syncLegend();
      redraw();
      return;
    }
    show(id);
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && byId.has(params.nodes[0])) {
      state.focus = params.nodes[0];
      redraw();
      show(params.nodes[0]);
    }
  });

  // --- search --------------------------------------------------------------------------
  var names = document.getElementById("names");
  if (DATA.nodes.length <= 20000) {
    var seen = new Set();
    DATA.nodes.forEach(function (n) {
      if (!seen.has(n.label)) { seen.add(n.label); var o = document.createElement("option"); o.value = n.label; names.appendChild(o); }
    });
  }
  function rank(n, q) {
    var l = n.label.toLowerCase(), e = n.label_en.toLowerCase();
    var score = (l === q || e === q) ? 0 : (l.indexOf(q) === 0 || e.indexOf(q) === 0) ? 1 : 2;
    return [score, n.group === "Town" ? 0 : 1, n.label.length];
  }
  function search(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    var hits = DATA.nodes.filter(function (n) {
      return n.label.toLowerCase().indexOf(q) >= 0 || n.label_en.toLowerCase().indexOf(q) >= 0;
    });
    var stats = document.getElementById("stats");
    if (!hits.length) { stats.textContent = "没有找到 no match: " + text.trim(); return null; }
    hits.sort(function (a, b) {
      var x = rank(a, q), y = rank(b, q);
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
    var hit = hits[0];
    var ids = visibleIds();
    if (!ids.has(hit.id) || (mode !== "all" && !drawn.has(hit.id))) {
      // The hit is filtered out or not drawn: clear the filters, and in a big graph show
      // its neighbourhood rather than everything.
      resetFilters(false);
      if (isolated.has(hit.id)) { state.isolated = true; isolatedBox.checked = true; }
      if (mode !== "all" || visibleIds().size > DATA.limit) { state.focus = hit.id; }
      redraw();
    }
    whenSettled(function () { focusNode(hit.id); });
    show(hit.id);
    return hit.id;
  }
  var box = document.getElementById("search");
  box.addEventListener("change", function () { search(box.value); });
  box.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { search(box.value); } });

  // --- filter controls -----------------------------------------------------------------
  var legend = document.getElementById("legend");
  var legendSpans = new Map();
  DATA.legend.forEach(function (item) {
    var span = el("span");
    span.dataset.group = item.group;
    var glyph = el("i", item.glyph);
    glyph.style.color = item.color;
    span.appendChild(glyph);
    span.appendChild(el("b", ""));
    span.title = "点击隐藏或显示 click to hide or show";
    span.addEventListener("click", function () {
      if (state.hiddenTypes.has(item.group)) { state.hiddenTypes.delete(item.group); } else { state.hiddenTypes.add(item.group); }
      syncLegend();
      redraw();
    });
    legendSpans.set(item.group, span);
    legend.appendChild(span);
  });
  function syncLegend() {
    DATA.legend.forEach(function (item) {
      var span = legendSpans.get(item.group);
      span.classList.toggle("off", state.hiddenTypes.has(item.group));
      span.querySelector("b").textContent = (lang === "en" ? item.label_en : item.label) + " (" + item.count + ")";
    });
  }
  function fill(select, values) {
    values.forEach(function (v) { var o = el("option", String(v)); o.value = String(v); select.appendChild(o); });
    if (!values.length) { select.style.display = "none"; }
  }
  var townSelect = document.getElementById("town"), yearSelect = document.getElementById("year");
  fill(townSelect, DATA.towns);
  fill(yearSelect, DATA.years);
  townSelect.addEventListener("change", function () { state.town = townSelect.value; state.focus = null; redraw(); });
  yearSelect.addEventListener("change", function () { state.year = yearSelect.value; state.focus = null; redraw(); });
  var sectionBox = document.getElementById("sections");
  var sectionInputs = [];
  DATA.sections.forEach(function (s) {
    var lab = el("label");
    var input = el("input");
    input.type = "checkbox"; input.checked = true; input.value = s.key;
    input.addEventListener("change", function () {
      if (input.checked) { state.sections.add(s.key); } else { state.sections.delete(s.key); }
      redraw();
    });
    lab.appendChild(input);
    var swatch = el("span");
    swatch.className = "swatch" + (s.dashes ? " dashed" : "");
    swatch.style.borderTopColor = s.color;
    lab.appendChild(swatch);
    lab.appendChild(document.createTextNode(s.label + " " + s.label_en));
    sectionInputs.push(input);
    sectionBox.appendChild(lab);
  });
  if (DATA.sections.length) {
    var other = el("span", "");
    other.className = "other";
    var grey = el("span");
    grey.className = "swatch";
    grey.style.borderTopColor = DATA.other_edge_color;
    other.appendChild(grey);
    other.appendChild(document.createTextNode("多种立场或其他关系 several stances or other relations"));
    sectionBox.appendChild(other);
  }
  var isolatedBox = document.getElementById("isolated");
  document.getElementById("isolated-count").textContent = String(isolated.size);
  if (!isolated.size || isolated.size === DATA.nodes.length) { document.getElementById("isolated-box").style.display = "none"; }
  isolatedBox.checked = state.isolated;
  isolatedBox.addEventListener("change", function () { state.isolated = isolatedBox.checked; redraw(); });
  function resetFilters(draw) {
    state.hiddenTypes.clear(); state.town = ""; state.year = ""; state.focus = null;
    state.sections = new Set(ALL_SECTIONS);
    state.isolated = isolatedBox.checked;
    townSelect.value = ""; yearSelect.value = "";
    sectionInputs.forEach(function (i) { i.checked = true; });
    syncLegend();
    if (draw) { redraw(); }
  }
  document.getElementById("reset").addEventListener("click", function () { resetFilters(true); });

  // --- language ------------------------------------------------------------------------
  var langButton = document.getElementById("lang");
  langButton.addEventListener("click", function () {
    lang = lang === "zh" ? "en" : "zh";
    langButton.textContent = lang === "zh" ? "EN" : "中文";
    document.documentElement.lang = lang;
    syncLegend();
    var ids = nodes.getIds();
    nodes.update(ids.filter(function (id) { return byId.has(id); }).map(function (id) { return {id: id, label: nodeLabel(byId.get(id))}; }));
    var edgeById = new Map(DATA.edges.map(function (e) { return [e.id, e]; }));
    if (edges.length <= DATA.edge_label_limit) {
      edges.update(edges.getIds().filter(function (id) { return edgeById.has(id); }).map(function (id) {
        return {id: id, label: edgeLabel(edgeById.get(id))};
      }));
    }
    if (!drawn.size) { overview(visibleIds()); }
    if (selected) { show(selected); }
  });

  syncLegend();
  redraw();
  // For tests, benchmarks and the browser console; the page itself does not need it.
  window.kgView = {network: network, nodes: nodes, edges: edges, timings: timings, state: state,
                   search: search, redraw: redraw, isSettled: function () { return settled; },
                   isolated: isolated, fit: fitTo,
                   mode: function () { return drawn.size ? mode : "overview"; }};
})();
