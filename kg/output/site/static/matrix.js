/* fazhi-kg explorer: the units x mechanisms matrix, drawn a page of rows at a time from
   window.KG_MATRIX (matrix-data.js). Filters: county, year, stance, unit name; sorting by a
   mechanism (click its head), by count or name; cells link to the unit's evidence. */
(function () {
  "use strict";
  var M = window.KG_MATRIX, root = document.body.getAttribute("data-root") || "";
  if (!M) { return; }
  var PAGE = 150;
  var table = document.getElementById("matrix"), stats = document.getElementById("m-stats");
  var fCounty = document.getElementById("f-county"), fYear = document.getElementById("f-year");
  var fUnit = document.getElementById("f-unit"), fOrder = document.getElementById("f-order");
  var pager = document.getElementById("m-pager");
  var nU = M.units.length, nM = M.mechanisms.length;
  // cells by unit: unit index -> list of [mechanism index, stance index, years]
  var byUnit = [];
  for (var i = 0; i < nU; i++) { byUnit.push([]); }
  M.cells.forEach(function (c) { byUnit[c[0]].push([c[1], c[2], c[3]]); });
  var state = { county: "", year: "", stances: [true, true, true], name: "", order: "cluster", sortMech: -1, page: 0 };

  function option(select, value, label) {
    var o = document.createElement("option"); o.value = value; o.textContent = label; select.appendChild(o);
  }
  var counties = {}, years = {};
  M.units.forEach(function (u) {
    counties[u[3] + " " + u[2]] = true;
    u[4].forEach(function (y) { years[y] = true; });
  });
  Object.keys(counties).sort(function (a, b) { return a.localeCompare(b, "zh"); }).forEach(function (c) {
    option(fCounty, c, c.trim() || "（未定位 not placed）");
  });
  Object.keys(years).sort().forEach(function (y) { option(fYear, y, y); });

  // What a unit shows under the filters: mechanism index -> sorted stance indices.
  function shown(ui) {
    var found = {}, year = state.year ? parseInt(state.year, 10) : null;
    byUnit[ui].forEach(function (c) {
      if (!state.stances[c[1]]) { return; }
      if (year !== null && c[2].indexOf(year) < 0) { return; }
      (found[c[0]] = found[c[0]] || []).push(c[1]);
    });
    return found;
  }
  function visibleUnits() {
    var out = [], name = state.name.toLowerCase(), year = state.year ? parseInt(state.year, 10) : null;
    for (var ui = 0; ui < nU; ui++) {
      var u = M.units[ui];
      if (state.county && (u[3] + " " + u[2]) !== state.county) { continue; }
      if (year !== null && u[4].indexOf(year) < 0) { continue; }
      if (name && u[1].toLowerCase().indexOf(name) < 0) { continue; }
      out.push({ i: ui, cells: shown(ui) });
    }
    var count = function (r) { return Object.keys(r.cells).length; };
    if (state.sortMech >= 0) {
      var m = state.sortMech;
      out.sort(function (a, b) {
        return (b.cells[m] ? 1 : 0) - (a.cells[m] ? 1 : 0) || count(b) - count(a) || a.i - b.i;
      });
    } else if (state.order === "count") {
      out.sort(function (a, b) { return count(b) - count(a) || a.i - b.i; });
    } else if (state.order === "name") {
      out.sort(function (a, b) { return M.units[a.i][1].localeCompare(M.units[b.i][1], "zh") || a.i - b.i; });
    }
    return out;
  }
  function cell(tr, classes, href, title) {
    var td = document.createElement("td");
    if (classes) {
      td.className = classes;
      var a = document.createElement("a"); a.href = href; a.title = title; td.appendChild(a);
    }
    tr.appendChild(td);
  }
  function draw() {
    var units = visibleUnits();
    // Columns: mechanisms any visible unit shows.
    var used = {};
    units.forEach(function (r) { Object.keys(r.cells).forEach(function (m) { used[m] = true; }); });
    var cols = [];
    for (var m = 0; m < nM; m++) { if (used[m]) { cols.push(m); } }
    var pages = Math.max(1, Math.ceil(units.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    table.textContent = "";
    var thead = table.createTHead(), hr = thead.insertRow();
    var corner = document.createElement("th"); corner.textContent = "单位 unit \\ 机制 mechanism"; hr.appendChild(corner);
    cols.forEach(function (m) {
      var th = document.createElement("th"), div = document.createElement("div");
      var name = M.mechanisms[m][1];
      div.textContent = name.length > 12 ? name.slice(0, 11) + "…" : name; th.title = M.mechanisms[m][1] + " · " + M.mechanisms[m][2] + " (click: sort)";
      th.setAttribute("data-mech", M.mechanisms[m][0]);
      if (m === state.sortMech) { th.className = "sorted"; }
      th.appendChild(div);
      th.addEventListener("click", function () { state.sortMech = state.sortMech === m ? -1 : m; state.page = 0; draw(); });
      hr.appendChild(th);
    });
    var body = table.createTBody();
    units.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (r) {
      var u = M.units[r.i], tr = body.insertRow(), th = document.createElement("th");
      tr.setAttribute("data-unit", u[0]);
      var a = document.createElement("a"); a.href = root + "unit/" + u[0] + ".html"; a.textContent = u[1];
      var small = document.createElement("small"); small.textContent = u[2];
      th.appendChild(a); th.appendChild(small); tr.appendChild(th);
      cols.forEach(function (m) {
        var s = r.cells[m];
        if (!s) { cell(tr, "", "", ""); return; }
        s.sort();
        var names = s.map(function (x) { return M.stances[x]; }).join(", ");
        cell(tr, "s" + s.join(""), root + "unit/" + u[0] + ".html#m-" + M.mechanisms[m][0],
             u[1] + " · " + M.mechanisms[m][1] + " · " + names);
      });
    });
    stats.textContent = units.length + " / " + nU + " 单位 units, " + cols.length + " / " + nM + " 机制 mechanisms";
    pager.textContent = "";
    if (pages > 1) {
      var prev = document.createElement("button"), next = document.createElement("button"), at = document.createElement("span");
      prev.textContent = "← 上一页"; next.textContent = "下一页 →"; prev.disabled = state.page === 0; next.disabled = state.page >= pages - 1;
      prev.id = "m-prev"; next.id = "m-next";
      at.textContent = " " + (state.page + 1) + " / " + pages + " ";
      prev.addEventListener("click", function () { state.page--; draw(); });
      next.addEventListener("click", function () { state.page++; draw(); });
      pager.appendChild(prev); pager.appendChild(at); pager.appendChild(next);
    }
    window.kgMatrix.units = units.map(function (r) { return M.units[r.i][0]; });
    window.kgMatrix.columns = cols.map(function (m) { return M.mechanisms[m][0]; });
  }
  window.kgMatrix = { units: [], columns: [], draw: draw, state: state };
  fCounty.addEventListener("change", function () { state.county = fCounty.value; state.page = 0; draw(); });
  fYear.addEventListener("change", function () { state.year = fYear.value; state.page = 0; draw(); });
  fUnit.addEventListener("input", function () { state.name = fUnit.value.trim(); state.page = 0; draw(); });
  fOrder.addEventListener("change", function () { state.order = fOrder.value; state.sortMech = -1; draw(); });
  Array.prototype.forEach.call(document.querySelectorAll("#f-stances input"), function (box) {
    box.addEventListener("change", function () {
      state.stances[M.stances.indexOf(box.value)] = box.checked; draw();
    });
  });
  var wanted = new URLSearchParams(window.location.search).get("m");
  if (wanted) {
    M.mechanisms.forEach(function (m, i) { if (m[0] === wanted) { state.sortMech = i; } });
  }
  draw();
}());
