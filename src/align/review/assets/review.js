// The review page: a keyboard-driven queue over one alignment file.
// Every text from the file is put on the page with textContent, never as HTML.
"use strict";

(function () {
  const token = document.querySelector('meta[name="review-token"]').content;
  const $ = (id) => document.getElementById(id);
  const KEY_KINDS = "123456";
  const KEY_SEVERITIES = "789";

  let data = null;        // the server's state: revision, beads, labels
  let view = [];          // the beads shown, in order
  let current = null;     // ids of the selected bead
  let filtersReady = false;

  // -- talking to the server --------------------------------------------------

  async function api(method, path, body) {
    const opts = { method, headers: { "X-Review-Token": token }, cache: "no-store" };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, opts);
    } catch (err) {
      return { status: 0, payload: { error: "The review server does not answer (was it stopped?)." } };
    }
    let payload = {};
    try { payload = await res.json(); } catch (err) { payload = { error: res.statusText }; }
    return { status: res.status, payload };
  }

  async function load(focus) {
    const { status, payload } = await api("GET", "/api/state");
    if (status !== 200) { showMessage(payload.error || "Could not load the alignment.", false); return; }
    data = payload;
    setupFilters();
    render(focus || current);
  }

  // Actions run one after another, each with the revision the previous one produced, so
  // fast typing loses nothing. Accept/divergent/reject move the selection on at once.
  let chain = Promise.resolve();

  function act(action, extra, advance) {
    if (!data) return;
    const bead = current;
    if (!bead && action !== "undo" && action !== "redo") return;
    if (advance) {
      const i = view.findIndex((b) => b.ids === bead);
      if (i >= 0 && i + 1 < view.length) select(view[i + 1].ids);
    }
    chain = chain.then(() => send(action, bead, extra || {}, advance));
  }

  async function send(action, bead, extra, advance) {
    const { status, payload } = await api("POST", "/api/action",
      Object.assign({ revision: data.revision, action, bead }, extra));
    if (status === 200) {
      data = payload;
      hideMessage();
      render(advance ? current : (payload.focus || current));
    } else {
      if (bead && data.beads.some((b) => b.ids === bead)) select(bead);  // back to the bead that was not saved
      if (status === 409) {
        showMessage(payload.error || "This alignment was changed elsewhere; your change was not saved.", true);
      } else {
        showMessage(payload.error || ("The server refused: " + status), false);
      }
    }
  }

  // -- messages -----------------------------------------------------------------

  function showMessage(text, conflict) {
    $("message-text").textContent = text;
    $("reload-btn").hidden = !conflict;
    $("message").className = conflict ? "conflict" : "error";
    $("message").hidden = false;
  }

  function hideMessage() { $("message").hidden = true; }

  // -- filters and order ----------------------------------------------------------

  function setupFilters() {
    if (filtersReady) return;
    filtersReady = true;
    $("threshold").value = String(data.threshold);
    for (const s of data.statuses) $("status").append(new Option(s, s));
    for (const k of data.kinds) $("kind").append(new Option(k, k));
    for (const g of data.gaps) $("gap").append(new Option(g, g));
    for (const id of ["threshold", "status", "kind", "gap", "order"]) {
      $(id).addEventListener("change", () => render(current));
      $(id).addEventListener("input", () => render(current));
    }
    $("filters").addEventListener("submit", (e) => e.preventDefault());
  }

  function filtered() {
    const t = parseFloat($("threshold").value);
    const status = $("status").value;
    const kind = $("kind").value;
    const gap = $("gap").value;
    const out = data.beads.filter((b) => (isNaN(t) || b.score >= t)
      && (!status || b.state.status === status) && (!kind || b.state.kind === kind)
      && (!gap || (gap === "any" ? b.gap !== "" : b.gap === gap)));
    if ($("order").value === "queue") out.sort((a, b) => a.rank - b.rank);
    return out;
  }

  // -- drawing ----------------------------------------------------------------------

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // Text with the divergence marks highlighted; offsets count Unicode code points.
  function marked(text, marks) {
    const chars = Array.from(text);
    const frag = document.createDocumentFragment();
    const cuts = new Set([0, chars.length]);
    const spans = marks.map((m) => ({ start: Math.max(0, Math.min(chars.length, m[1])),
      end: Math.max(0, Math.min(chars.length, m[2])), component: String(m[3]), label: String(m[4] || m[3]) }))
      .filter((m) => m.end > m.start);
    for (const m of spans) { cuts.add(m.start); cuts.add(m.end); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = chars.slice(a, b).join("");
      const cover = spans.filter((m) => m.start <= a && m.end >= b);
      if (cover.length) {
        // the classes of the report and notebooks (align.views.scale, served as scale.css)
        const m = el("mark", "hl " + cover.map((c) => "m-" + c.component.toLowerCase().replace(/[^a-z0-9_-]+/g, "-")).join(" "), piece);
        m.title = cover.map((c) => c.label).join(", ");
        frag.append(m);
      } else {
        frag.append(document.createTextNode(piece));
      }
    }
    return frag;
  }

  function statusCell(b) {
    const td = el("td", "status");
    td.dataset.label = "status";
    const s = b.state;
    if (b.gap) td.append(el("span", "gap", b.gap));
    td.append(el("span", "badge s-" + s.status, s.status));
    if (s.kind) td.append(el("span", "kind", s.kind + (s.severity ? " · " + s.severity : "")));
    if (s.note) td.append(el("span", "note", s.note));
    if (s.by && s.status !== "pending") td.append(el("span", "who", s.by + (s.at ? ", " + s.at.slice(0, 10) : "")));
    return td;
  }

  function row(b) {
    const tr = el("tr");
    tr.dataset.ids = b.ids;
    tr.className = "s-" + b.state.status;
    // the score, coloured by its divergence band (the colour never stands alone: the number is there)
    const score = el("td", "num score " + (b.band || "band-none"), b.score.toFixed(2));
    score.dataset.label = "score";
    const pos = el("td", "num pos", b.position);
    pos.dataset.label = "#";
    tr.append(pos, score, statusCell(b));
    for (const side of ["source", "target"]) {
      const td = el("td", "text " + side + " " + (b.band || "band-none"));
      td.dataset.label = side === "source" ? data.source_label : data.target_label;
      const marks = b.marks.filter((m) => m[0] === side);
      if (b[side]) td.append(marked(b[side], marks)); else td.append(el("span", "empty-side", "(nothing)"));
      tr.append(td);
    }
    const why = el("td", "reasons");
    why.dataset.label = "why";
    const ul = el("ul");
    for (const r of b.reasons) ul.append(el("li", null, r));
    why.append(ul);
    tr.append(why);
    tr.addEventListener("click", () => select(b.ids));
    return tr;
  }

  function render(focus) {
    if (!data) return;
    $("doc-title").textContent = (data.doc_id || data.file) + ": " + data.source_label.split(" (")[0] + " → "
      + data.target_label.split(" (")[0];
    banner();
    $("source-head").textContent = data.source_label;
    $("target-head").textContent = data.target_label;
    const previous = view.map((b) => b.ids).indexOf(current);
    view = filtered();
    const body = $("rows");
    body.replaceChildren(...view.map(row));
    empty();
    if (view.some((b) => b.ids === focus)) current = focus;
    else if (view.length) current = view[Math.max(0, Math.min(view.length - 1, previous))].ids;
    else current = null;
    $("undo-btn").disabled = !data.can_undo;
    $("redo-btn").disabled = !data.can_redo;
    orphans();
    progress();
    highlight();
  }

  // When nothing shows, say why; when it is the threshold, offer to lower it to the highest score.
  function empty() {
    $("empty").hidden = view.length > 0;
    if (view.length) return;
    const t = parseFloat($("threshold").value);
    const others = $("status").value || $("kind").value || $("gap").value;
    const top = data.beads.reduce((m, b) => Math.max(m, b.score), -1);
    const lower = $("lower-btn");
    lower.hidden = true;
    if (!data.beads.length) {
      $("empty-text").textContent = "This alignment has no beads.";
    } else if (!others && !isNaN(t) && top < t) {
      $("empty-text").textContent = "Nothing here is at or above the review threshold " + t.toFixed(2)
        + ": the highest score is " + top.toFixed(2) + ", so no bead needs a look at this threshold.";
      const to = Math.floor(top * 20) / 20;
      lower.textContent = "Lower the threshold to " + to.toFixed(2);
      lower.dataset.to = String(to);
      lower.hidden = false;
    } else {
      $("empty-text").textContent = "No bead matches these filters.";
    }
  }

  function setThreshold(value) {
    $("threshold").value = String(value);
    render(current);
  }

  function showAll() {
    for (const id of ["status", "kind", "gap"]) $(id).value = "";
    setThreshold(0);
  }

  function banner() {
    const w = data.working || [];
    $("working").hidden = w.length === 0;
    $("working").textContent = w.length ? (data.working_banner + ": " + w.join(", ")
      + ". Translated by this project to demonstrate the workbench; do not cite as a source.") : "";
  }

  function orphans() {
    const list = data.orphans || [];
    $("orphans").hidden = list.length === 0;
    $("orphan-rows").replaceChildren(...list.map((o) => {
      const tr = el("tr", "s-" + o.status);
      tr.append(el("td", "ids", o.ids), statusCell({ state: o }),
        el("td", "text source", o.source || "(nothing)"), el("td", "text target", o.target || "(nothing)"),
        el("td", "reasons", o.reason + (o.since ? " (" + o.since + ")" : "")));
      return tr;
    }));
  }

  function progress() {
    const t = parseFloat($("threshold").value);
    const above = data.beads.filter((b) => isNaN(t) || b.score >= t);
    const reviewed = above.filter((b) => b.state.status !== "pending").length;
    let text = reviewed + " reviewed · " + (above.length - reviewed) + " remaining · "
      + data.beads.length + " beads · revision " + data.revision;
    if (data.orphaned) text += " · " + data.orphaned + " orphaned decision(s) from an earlier alignment";
    $("progress").textContent = text;
  }

  function selected() { return data ? data.beads.find((b) => b.ids === current) : null; }

  function highlight() {
    for (const tr of $("rows").children) {
      const on = tr.dataset.ids === current;
      tr.classList.toggle("current", on);
      tr.setAttribute("aria-selected", on ? "true" : "false");
      if (on) tr.scrollIntoView({ block: "nearest" });
    }
    const info = $("detail-info");
    const b = selected();
    if (!b) { info.replaceChildren(el("span", null, "Nothing selected.")); return; }
    const parts = [el("strong", null, "bead " + b.position + " " + b.ids), el("span", null, b.shape),
      el("span", null, "similarity " + (b.similarity === null ? "—" : b.similarity.toFixed(3))),
      el("span", null, "score " + b.score.toFixed(3))];
    // components that do not round to 0.00, strongest first
    const shown = Object.entries(b.components).filter(([, v]) => Math.round(Number(v) * 100) > 0)
      .sort((x, y) => Number(y[1]) - Number(x[1]));
    for (const [k, v] of shown) parts.push(el("span", "component", k + " " + Number(v).toFixed(2)));
    if (b.state.by) parts.push(el("span", "who", "last change by " + b.state.by + " at " + b.state.at));
    info.replaceChildren(...parts);
  }

  function select(ids) { current = ids; highlight(); }

  function move(delta) {
    if (!view.length) return;
    let i = view.findIndex((b) => b.ids === current);
    i = Math.max(0, Math.min(view.length - 1, (i < 0 ? 0 : i + delta)));
    select(view[i].ids);
  }

  // -- dialogs ------------------------------------------------------------------------

  let openDialog = null;

  function show(id) {
    openDialog = $(id);
    openDialog.hidden = false;
  }

  function closeDialog() {
    if (openDialog) openDialog.hidden = true;
    openDialog = null;
  }

  function radios(container, name, values, keys, checked) {
    container.replaceChildren();
    values.forEach((v, i) => {
      const label = el("label");
      const input = el("input");
      input.type = "radio"; input.name = name; input.value = v; input.checked = v === checked;
      label.append(input, el("kbd", null, keys[i]), document.createTextNode(" " + v));
      container.append(label);
    });
  }

  function choose(name, value) {
    for (const r of document.querySelectorAll('input[name="' + name + '"]')) r.checked = r.value === value;
  }

  function picked(name) {
    const r = document.querySelector('input[name="' + name + '"]:checked');
    return r ? r.value : null;
  }

  function openDivergent() {
    const b = selected();
    if (!b) return;
    radios($("kind-choices"), "kind", data.kinds, KEY_KINDS, b.state.kind || null);
    radios($("severity-choices"), "severity", data.severities, KEY_SEVERITIES, b.state.severity || "minor");
    $("divergent-note").value = b.state.note || "";
    show("divergent-dialog");
  }

  function openNote() {
    const b = selected();
    if (!b) return;
    $("note-text").value = b.state.note || "";
    show("note-dialog");
    $("note-text").focus();
  }

  function openSplit() {
    const b = selected();
    if (!b) return;
    const n = b.ids.split(":").map((s) => s.replace(/[\[\]]/g, "").split(",").filter(Boolean).length);
    $("split-src").value = String(Math.min(1, n[0]));
    $("split-tgt").value = String(Math.min(1, n[1]));
    $("split-src").max = String(n[0]); $("split-tgt").max = String(n[1]);
    show("split-dialog");
    $("split-src").focus();
  }

  function openDetach() {
    const b = selected();
    if (!b) return;
    const [src, tgt] = b.ids.split(":").map((s) => s.replace(/[\[\]]/g, "").split(",").filter(Boolean));
    const options = [];
    for (const i of src) options.push("src:" + i);
    for (const j of tgt) options.push("tgt:" + j);
    radios($("detach-choices"), "detach", options, options.map((_, i) => String(i + 1)), options[0]);
    show("detach-dialog");
  }

  $("divergent-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const kind = picked("kind");
    if (!kind) { showMessage("Pick a kind (1–6) first.", false); return; }
    closeDialog();
    act("divergent", { kind, severity: picked("severity") || "minor", note: $("divergent-note").value }, true);
  });
  $("note-form").addEventListener("submit", (e) => {
    e.preventDefault();
    closeDialog();
    act("note", { note: $("note-text").value }, false);
  });
  $("split-form").addEventListener("submit", (e) => {
    e.preventDefault();
    closeDialog();
    act("split", { src_at: parseInt($("split-src").value, 10), tgt_at: parseInt($("split-tgt").value, 10) }, false);
  });
  $("detach-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const choice = picked("detach");
    closeDialog();
    if (choice) {
      const [side, n] = choice.split(":");
      act("detach", { side, sentence: parseInt(n, 10) }, false);
    }
  });
  for (const b of document.querySelectorAll(".overlay .cancel")) b.addEventListener("click", closeDialog);

  // -- keys ---------------------------------------------------------------------------

  const commands = {
    j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
    Home: () => move(-1e9), End: () => move(1e9),
    a: () => act("accept", {}, true),
    r: () => act("reject", {}, true),
    "0": () => act("reset", {}, false),
    d: openDivergent, n: openNote, s: openSplit, x: openDetach,
    m: () => act("merge-next", {}, false), M: () => act("merge-prev", {}, false),
    ">": () => act("move", { side: "src", direction: "next" }, false),
    "<": () => act("move", { side: "src", direction: "prev" }, false),
    u: () => act("undo", {}, false), U: () => act("redo", {}, false),
    l: () => load(current), "?": () => show("help"),
  };

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey && e.key !== "Enter" || e.metaKey || e.altKey) return;
    if (openDialog) {
      if (e.key === "Escape") { e.preventDefault(); closeDialog(); return; }
      if (openDialog.id === "help" && e.key === "?") { e.preventDefault(); closeDialog(); return; }
      if (openDialog.id === "note-dialog" && e.key === "Enter" && e.ctrlKey) {
        e.preventDefault(); $("note-form").requestSubmit(); return;
      }
      const typing = e.target instanceof HTMLInputElement && e.target.type === "text" || e.target instanceof HTMLTextAreaElement;
      if (openDialog.id === "divergent-dialog" && !typing) {
        const k = KEY_KINDS.indexOf(e.key), s = KEY_SEVERITIES.indexOf(e.key);
        if (k >= 0 && k < data.kinds.length) { e.preventDefault(); choose("kind", data.kinds[k]); return; }
        if (s >= 0 && s < data.severities.length) { e.preventDefault(); choose("severity", data.severities[s]); return; }
        if (e.key === "Enter") { e.preventDefault(); $("divergent-form").requestSubmit(); return; }
      }
      if (openDialog.id === "detach-dialog" && !typing && /^[1-9]$/.test(e.key)) {
        const r = document.querySelectorAll('input[name="detach"]')[parseInt(e.key, 10) - 1];
        if (r) { e.preventDefault(); r.checked = true; }
        return;
      }
      if (openDialog.id === "detach-dialog" && e.key === "Enter") { e.preventDefault(); $("detach-form").requestSubmit(); }
      return;
    }
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) {
      if (e.key === "Escape") t.blur();
      return;
    }
    const cmd = commands[e.key];
    if (cmd) { e.preventDefault(); cmd(); }
  });

  for (const b of document.querySelectorAll("button[data-key]")) {
    b.addEventListener("click", () => { const cmd = commands[b.dataset.key]; if (cmd) cmd(); });
  }
  $("undo-btn").addEventListener("click", () => act("undo", {}, false));
  $("redo-btn").addEventListener("click", () => act("redo", {}, false));
  $("help-btn").addEventListener("click", () => show("help"));
  $("help").addEventListener("click", closeDialog);
  $("reload-btn").addEventListener("click", () => { hideMessage(); load(current); });
  $("dismiss-btn").addEventListener("click", hideMessage);
  $("lower-btn").addEventListener("click", () => setThreshold(parseFloat($("lower-btn").dataset.to)));
  $("show-all-btn").addEventListener("click", showAll);

  load(null);
})();
