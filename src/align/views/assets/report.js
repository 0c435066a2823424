/* The alignment report's controls: sort, threshold, kind, omissions and additions, review status and
   text search.  Rows are rendered (and escaped) by the server side; this
   script only reorders and hides them, and never writes HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var byId = function (id) { return document.getElementById(id); };
  var sortSel = byId("sort"), thr = byId("threshold"), thrOut = byId("threshold-value");
  var gapSel = byId("gap"), kindSel = byId("kind"), statusSel = byId("status"), search = byId("search"), count = byId("shown-count");
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.beads"));

  function num(row, key) {
    var v = row.getAttribute("data-" + key);
    return (v === null || v === "") ? null : parseFloat(v);
  }

  function comparer(mode) {
    return function (a, b) {
      var pa = num(a, "pos"), pb = num(b, "pos");
      if (mode === "divergence" || mode === "similarity") {
        var va = num(a, mode === "divergence" ? "div" : "sim");
        var vb = num(b, mode === "divergence" ? "div" : "sim");
        if (va === null && vb !== null) { return 1; }   /* unscored beads go last */
        if (vb === null && va !== null) { return -1; }
        if (va !== null && vb !== null && va !== vb) {
          return mode === "divergence" ? vb - va : va - vb;
        }
      }
      return pa - pb;
    };
  }

  /* Why a table shows nothing: the threshold (say which score is the highest), or the other filters. */
  function emptyText(rows, t) {
    var scores = rows.map(function (r) { return num(r, "div"); }).filter(function (d) { return d !== null; });
    var top = scores.length ? Math.max.apply(null, scores) : null;
    if (t > 0 && (top === null || top < t - 1e-9)) {
      return "Nothing in this alignment scores at or above " + t.toFixed(2) + " (the highest divergence is " +
        (top === null ? "not scored" : top.toFixed(2)) + "). Lower the threshold to see the closest beads.";
    }
    return "No bead of this alignment matches the filters.";
  }

  function showAll() {
    thr.value = "0";
    kindSel.value = ""; gapSel.value = ""; statusSel.value = ""; search.value = "";
    apply();
  }

  /* The sticky toolbar's height, so that what a link jumps to lands below it (CSS: scroll-margin-top). */
  function measureToolbar() {
    var bar = byId("controls");
    var sticky = bar && window.getComputedStyle(bar).position === "sticky";
    document.documentElement.style.setProperty("--toolbar-h", (sticky ? bar.offsetHeight : 0) + "px");
  }

  function apply() {
    var t = parseFloat(thr.value) || 0;
    var kind = kindSel.value, status = statusSel.value, gap = gapSel.value;
    var q = search.value.trim().toLowerCase();
    var shown = 0, total = 0;
    thrOut.textContent = t.toFixed(2);
    tables.forEach(function (table) {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(comparer(sortSel.value));
      rows.forEach(function (r) { body.appendChild(r); });
      var visible = 0;
      rows.forEach(function (r) {
        var d = num(r, "div");
        var ok = (t <= 0 || (d !== null && d >= t - 1e-9)) &&
                 (!kind || r.getAttribute("data-kind") === kind) &&
                 (!gap || (gap === "any" ? r.getAttribute("data-gap") !== "" : r.getAttribute("data-gap") === gap)) &&
                 (!status || r.getAttribute("data-status") === status) &&
                 (!q || r.textContent.toLowerCase().indexOf(q) !== -1);
        r.hidden = !ok;
        if (ok) { visible += 1; }
      });
      total += rows.length;
      shown += visible;
      var note = table.parentNode.querySelector(".empty-note");
      if (note) {
        note.hidden = visible > 0;
        if (!visible) { note.querySelector(".empty-text").textContent = emptyText(rows, t); }
      }
    });
    count.textContent = "showing " + shown + " of " + total + " beads";
    document.body.setAttribute("data-shown", String(shown));
  }

  sortSel.value = data.settings.sort;
  thr.value = String(data.settings.threshold);
  [sortSel, kindSel, gapSel, statusSel].forEach(function (el) { el.addEventListener("change", apply); });
  [thr, search].forEach(function (el) { el.addEventListener("input", apply); });
  Array.prototype.forEach.call(document.querySelectorAll(".empty-note .show-all"), function (b) {
    b.addEventListener("click", showAll);
  });
  window.addEventListener("resize", measureToolbar);
  measureToolbar();
  apply();
  document.body.setAttribute("data-ready", "1");
}());
