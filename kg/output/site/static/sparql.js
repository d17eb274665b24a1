/* fazhi-kg explorer: the SPARQL page. Runs a query on the endpoint beside the site (../sparql)
   and shows the result as a table, with a CSV link. From disk (file://) it only lists queries. */
(function () {
  "use strict";
  var endpoint = new URL("../sparql", window.location.href).href;
  var served = window.location.protocol === "http:" || window.location.protocol === "https:";
  var box = document.getElementById("query"), table = document.getElementById("result");
  var status = document.getElementById("q-status"), csv = document.getElementById("csv");
  var examples = document.getElementById("examples");
  document.getElementById("offline").style.display = served ? "none" : "";
  function csvLink() { csv.href = endpoint + "?format=csv&query=" + encodeURIComponent(box.value); }
  examples.addEventListener("change", function () {
    var pre = document.querySelector("#q-" + CSS.escape(examples.value) + " pre");
    if (pre) { box.value = pre.textContent; csvLink(); }
  });
  box.addEventListener("input", csvLink);
  csvLink();
  function show(json) {
    table.textContent = "";
    if (json.boolean !== undefined) { table.insertRow().insertCell().textContent = String(json.boolean); return 1; }
    var vars = json.head.vars, head = table.createTHead().insertRow();
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    var body = table.createTBody();
    json.results.bindings.forEach(function (b) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.insertCell().textContent = b[v] ? b[v].value : ""; });
    });
    return json.results.bindings.length;
  }
  function run() {
    if (!served) { status.textContent = "需要 kg serve: run kg serve OUT and open this page from it"; return; }
    status.textContent = "…";
    var t0 = performance.now();
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: "query=" + encodeURIComponent(box.value)
    }).then(function (r) {
      if (!r.ok) { return r.text().then(function (t) { throw new Error(r.status + ": " + t); }); }
      var ct = r.headers.get("Content-Type") || "";
      if (ct.indexOf("json") < 0) { return r.text().then(function (t) { table.textContent = ""; table.insertRow().insertCell().textContent = t; return -1; }); }
      return r.json().then(show);
    }).then(function (n) {
      status.textContent = (n >= 0 ? n + " rows, " : "") + Math.round(performance.now() - t0) + " ms";
    }).catch(function (e) { status.textContent = String(e.message || e); table.textContent = ""; });
  }
  document.getElementById("run").addEventListener("click", run);
  box.addEventListener("keydown", function (e) { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { run(); } });
  window.kgSparql = { run: run };
}());
