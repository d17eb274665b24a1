/* fazhi-kg explorer: search (home), sortable tables, entity toggles (report pages). No network. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  function text(el) { return (el.textContent || "").trim(); }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  // --- sortable tables: click a head to sort by that column (numbers as numbers) -------------
  function sortTable(table, col, th) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var desc = th.classList.contains("asc");
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.classList.remove("asc", "desc"); });
    th.classList.add(desc ? "desc" : "asc");
    rows.sort(function (a, b) {
      var x = text(a.cells[col] || a), y = text(b.cells[col] || b);
      var nx = parseFloat(x), ny = parseFloat(y), r;
      r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
      return desc ? -r : r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.addEventListener("click", function () { sortTable(table, i, th); });
    });
  });

  // --- search: names in Chinese, English or pinyin initials ------------------------------------
  var KINDS = { unit: "单位 unit", mechanism: "机制 mechanism", report: "报告 report" };
  var RANK = { unit: 0, mechanism: 1, report: 2 };
  function search(q) {
    var rows = window.KG_SEARCH || [], found = [], lq = q.toLowerCase();
    if (!q) { return found; }
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], score = -1;
      if (r[0] === q) { score = 0; }
      else if (r[0].indexOf(q) === 0) { score = 1; }
      else if (r[1] && r[1].indexOf(lq) === 0) { score = 2; }
      else if (r[0].indexOf(q) >= 0) { score = 3; }
      else if (r[4] && r[4].toLowerCase().indexOf(lq) >= 0) { score = 4; }
      else if (r[1] && lq.length > 1 && r[1].indexOf(lq) >= 0) { score = 5; }
      if (score >= 0) { found.push([score, RANK[r[2]], r[0].length, r]); }
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return found.slice(0, 50).map(function (f) { return f[3]; });
  }
  window.kgSearch = search;
  var box = document.getElementById("search"), list = document.getElementById("results");
  if (box && list) {
    var show = function () {
      list.textContent = "";
      search(box.value.trim()).forEach(function (r) {
        list.appendChild(el("li", {}, [
          el("a", { href: root + r[3], "class": "hit-" + r[2] }, [r[0]]),
          el("span", { "class": "kind" }, [KINDS[r[2]] + (r[2] === "unit" && r[4] ? " · " + r[4] : "")])
        ]));
      });
      if (box.value.trim() && !list.children.length) { list.appendChild(el("li", {}, ["无结果 nothing found"])); }
    };
    box.addEventListener("input", show);
    box.addEventListener("keydown", function (e) {
      var first = list.querySelector("a");
      if (e.key === "Enter" && first) { window.location.href = first.getAttribute("href"); }
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { box.value = q; show(); }
  }

  // --- report pages: show or hide the highlight of each kind of entity -------------------------
  Array.prototype.forEach.call(document.querySelectorAll("#kind-legend input[data-kind]"), function (input) {
    input.addEventListener("change", function () {
      var kind = input.getAttribute("data-kind");
      Array.prototype.forEach.call(document.querySelectorAll("#text .k-" + kind), function (e) {
        e.classList.toggle("hidden", !input.checked);
      });
    });
  });
}());
