"use strict";
/* repgraph network explorer: filters, focus views, search, records and analytics over the data embedded
   in the page. Every text from an appeal is shown with textContent, never parsed as HTML. */
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const $ = (id) => document.getElementById(id);
  const ORG_KINDS = ["organisation", "party", "court"];
  const CODEFENDANT = new Set(["co-defendant", "tried by"]);
  const SYMBOL = { dot: "●", square: "■", triangle: "▲", diamond: "◆", triangleDown: "▼", star: "★", hexagon: "⬢" };
  const byId = new Map(D.nodes.map((n) => [n.id, n]));
  const appealId = new Map(D.nodes.filter((n) => n.kind === "appeal").map((n) => [n.label, n.id]));
  const degree = new Map(D.nodes.map((n) => [n.id, 0]));
  const adjacent = new Map(D.nodes.map((n) => [n.id, []]));
  D.edges.forEach((e, i) => {
    e.id = i;
    degree.set(e.from, degree.get(e.from) + 1); degree.set(e.to, degree.get(e.to) + 1);
    adjacent.get(e.from).push(e); adjacent.get(e.to).push(e);
  });

  function el(tag, text, parent) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  /* lower case without diacritics, as repgraph.viz.projection.strip_marks */
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  /* as repgraph.viz.focus.in_range: a date as precise as known overlaps since..until */
  function inRange(d, since, until) {
    return (!since || d >= since.slice(0, d.length)) && (!until || d.slice(0, until.length) <= until);
  }
  /* as repgraph.viz.focus.keeps */
  function keeps(n, f) {
    if (f.countries.size && !(n.countries || []).some((c) => f.countries.has(c))) return false;
    if ((f.since || f.until) && !(n.dates || []).some((d) => inRange(d, f.since, f.until))) return false;
    if (f.eventTypes.size && (n.kind === "person" || n.kind === "event")) {
      const types = n.kind === "person" ? (n.event_types || []) : [n.event_type];
      if (!types.some((t) => f.eventTypes.has(t))) return false;
    }
    if (f.orgKinds.size && ORG_KINDS.includes(n.kind) && !f.orgKinds.has(n.org_kind)) return false;
    return true;
  }
  const selected = (id) => new Set(Array.from($(id).selectedOptions, (o) => o.value));
  const state = { ego: null, pinned: null };

  /* as repgraph.viz.focus.apply: the nodes and ties the filters and focus keep */
  function compute() {
    const f = { countries: selected("country"), since: $("since").value.trim(), until: $("until").value.trim(),
                eventTypes: selected("event-type"), orgKinds: selected("org-kind"), codef: $("codefendants").checked };
    let keep = new Set(D.nodes.filter((n) => keeps(n, f)).map((n) => n.id));
    if (f.codef) {
      const linked = new Set();
      D.edges.forEach((e) => { if (CODEFENDANT.has(e.kind)) { linked.add(e.from); linked.add(e.to); } });
      keep = new Set([...keep].filter((id) => linked.has(id)));
    }
    const tieOk = (e) => keep.has(e.from) && keep.has(e.to) && (!f.codef || CODEFENDANT.has(e.kind));
    if (state.ego !== null && keep.has(state.ego)) {
      const depth = Math.max(1, parseInt($("depth").value, 10) || 1);
      const seen = new Set([state.ego]);
      let frontier = [state.ego];
      for (let step = 0; step < depth; step++) {
        const next = [];
        frontier.forEach((id) => adjacent.get(id).forEach((e) => {
          const other = e.from === id ? e.to : e.from;
          if (tieOk(e) && !seen.has(other)) { seen.add(other); next.push(other); }
        }));
        frontier = next;
      }
      keep = seen;
    }
    const ties = new Set(D.edges.filter(tieOk).map((e) => e.id));
    const tied = new Set();
    D.edges.forEach((e) => { if (ties.has(e.id)) { tied.add(e.from); tied.add(e.to); } });
    keep = new Set([...keep].filter((id) => tied.has(id) || degree.get(id) === 0));
    return { keep, ties, f };
  }

  const nodes = new vis.DataSet(D.nodes);
  const edges = new vis.DataSet(D.edges);
  let view = { keep: new Set(D.nodes.map((n) => n.id)), ties: new Set(D.edges.map((e) => e.id)) };
  const nodesView = new vis.DataView(nodes, { filter: (n) => view.keep.has(n.id) });
  const edgesView = new vis.DataView(edges, { filter: (e) => view.ties.has(e.id) });
  const network = new vis.Network($("graph"), { nodes: nodesView, edges: edgesView }, D.options);
  network.once("afterDrawing", () => { window.__vizReady = performance.now(); document.body.dataset.ready = "1"; });

  function status() {
    const box = $("status");
    box.textContent = "";
    el("div", `Showing ${view.keep.size} of ${D.nodes.length} nodes and ${view.ties.size} of ${D.edges.length} ties.`, box);
    const gone = {};
    D.nodes.forEach((n) => { if (!view.keep.has(n.id)) gone[n.kind] = (gone[n.kind] || 0) + 1; });
    const kinds = Object.keys(gone).sort().map((k) => `${gone[k]} ${k}`).join(", ");
    if (kinds) el("div", `Left out by the page's filters: ${kinds}.`, box);
    if (D.trimmed) el("div", `Left out when the page was written (${D.projected.nodes} nodes in the graph): ${D.trimmed}.`, box);
    if (D.fixedLayout) el("div", "Large graph: layout computed ahead (no live physics); tie labels show on hover.", box);
  }
  function refresh() {
    view = compute();
    nodesView.refresh(); edgesView.refresh();
    status();
  }

  function appealLink(code, parent) {
    const a = el("a", code, parent);
    a.className = "appeal"; a.href = "#"; a.title = "show this appeal";
    a.addEventListener("click", (ev) => { ev.preventDefault(); if (appealId.has(code)) select(appealId.get(code)); });
    return a;
  }
  function field(dl, name, values) {
    const list = (Array.isArray(values) ? values : [values]).filter((v) => v !== undefined && v !== null && v !== "");
    if (!list.length) return;
    el("dt", name, dl); el("dd", list.join("; "), dl);
  }
  function showRecord(id) {
    const n = byId.get(id), box = $("record");
    box.textContent = "";
    el("h2", "Record", box);
    el("h3", n.label, box);
    const dl = el("dl", null, box);
    field(dl, "kind", n.kind + (n.org_kind ? ` (${n.org_kind.replace(/_/g, " ")})` : ""));
    field(dl, "names", (n.names || []).filter((x) => x !== n.label));
    field(dl, "roles", n.roles); field(dl, "gender", n.gender); field(dl, "title", n.appeal_title);
    field(dl, "country", n.countries); field(dl, "dates", n.dates); field(dl, "charges", n.offences);
    field(dl, "events", n.event_types); field(dl, "source file", n.source);
    field(dl, "measures", Object.entries(n.measures).map(([k, v]) => `${k} ${v}`));
    field(dl, "community", n.community);
    if ((n.appeals || []).length) { el("dt", "appeals", dl); const dd = el("dd", null, dl);
      n.appeals.forEach((c, i) => { if (i) dd.appendChild(document.createTextNode("; ")); appealLink(c, dd); }); }
    if ((n.evidence || []).length) el("h2", "Evidence", box);
    (n.evidence || []).forEach((ev) => { el("div", ev.quote, box).className = "quote"; appealLink(ev.appeal, el("div", "— appeal ", box)); });
    const ties = adjacent.get(id).filter((e) => e.kind !== "mentioned in");
    if (ties.length) el("h2", `Ties (${ties.length})`, box);
    ties.slice(0, 40).forEach((e) => {
      const other = byId.get(e.from === id ? e.to : e.from);
      el("div", `${e.title} — ${other.label}`, box).style.fontWeight = "600";
      if (e.quote) el("div", e.quote, box).className = "quote";
    });
  }
  function select(id) {
    if (!view.keep.has(id)) { state.ego = null; resetFilters(); refresh(); }
    state.pinned = id;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showRecord(id);
  }
  network.on("click", (p) => { state.pinned = p.nodes.length ? p.nodes[0] : null; if (state.pinned !== null) showRecord(state.pinned); });
  network.on("hoverNode", (p) => { if (state.pinned === null) showRecord(p.node); });

  function find() {
    const q = fold($("search").value), box = $("matches");
    box.textContent = "";
    if (!q) return;
    const hits = D.nodes.filter((n) => n.search && n.search.includes(q))
      .sort((a, b) => (a.kind !== "person") - (b.kind !== "person") || !(a.names || []).length - !(b.names || []).length
                      || a.label.localeCompare(b.label));   /* named persons first */
    if (!hits.length) { el("div", "No match.", box); return; }
    el("div", `${hits.length} match${hits.length > 1 ? "es" : ""}:`, box);
    hits.slice(0, 12).forEach((n) => {
      const b = el("button", `${n.label} (${n.kind})`, box);
      b.addEventListener("click", () => select(n.id));
    });
    select(hits[0].id);
  }

  function options(id, values, label) {
    const s = $(id);
    [...new Set(values)].filter(Boolean).sort().forEach((v) => { const o = el("option", label ? label(v) : v, s); o.value = v; });
  }
  function resetFilters() {
    ["country", "event-type", "org-kind"].forEach((id) => Array.from($(id).options).forEach((o) => { o.selected = false; }));
    $("since").value = ""; $("until").value = ""; $("codefendants").checked = false;
  }
  function legend() {
    Object.entries(D.styles).forEach(([kind, s]) => {
      const row = el("div", null, $("legend")), sym = el("span", SYMBOL[s.shape] || "●", row);
      sym.className = "sym"; sym.style.color = s.color; el("span", kind, row);
    });
    const counts = {};
    D.edges.forEach((e) => { counts[e.kind] = (counts[e.kind] || 0) + 1; });
    el("div", "Ties: " + Object.keys(counts).sort().map((k) => `${k} (${counts[k]})`).join(", "), $("edge-legend"));
  }
  function stats() {
    const s = D.stats, box = $("stats");
    if (!s.nodes) return;
    el("div", `${s.nodes} nodes, ${s.ties} ties, ${s.components} connected component(s) (largest ${s.largest_component}), ${s.communities} communities.`, box);
    const ranking = (title, rows, value) => {
      if (!rows.length) return;
      el("h2", title, box);
      const ol = el("ol", null, box);
      rows.forEach((r) => { const li = el("li", null, ol), a = el("a", r.label, li);
        a.className = "appeal"; a.href = "#";
        a.addEventListener("click", (ev) => { ev.preventDefault(); select(D.nodes.find((n) => n.iri === r.node).id); });
        li.appendChild(document.createTextNode(` (${r.kind}) ${value(r)}`)); });
    };
    ranking("Betweenness", s.betweenness, (r) => r.value);
    ranking("Degree", s.degree, (r) => r.value);
    ranking("Bridging cases", s.bridges, (r) => `${r.cases.length} cases`);
    Object.entries(s.counts).forEach(([k, c]) => {
      el("h2", `Per ${k}`, box);
      el("div", Object.entries(c).slice(0, 12).map(([name, v]) => `${name}: ${v}`).join("; "), box);
    });
  }
  function sizeBy(m) {
    nodes.update(D.nodes.map((n) => ({ id: n.id, value: n.measures[m] })));
  }

  el("span", D.title, $("title"));
  options("country", D.nodes.flatMap((n) => n.countries || []));
  options("event-type", D.nodes.filter((n) => n.kind === "event").map((n) => n.event_type));
  options("org-kind", D.nodes.filter((n) => ORG_KINDS.includes(n.kind)).map((n) => n.org_kind), (v) => v.replace(/_/g, " "));
  options("size-by", D.measures);
  $("size-by").value = D.sizeBy;
  ["country", "event-type", "org-kind", "codefendants"].forEach((id) => $(id).addEventListener("change", refresh));
  ["since", "until", "depth"].forEach((id) => $(id).addEventListener("change", refresh));
  $("size-by").addEventListener("change", () => sizeBy($("size-by").value));
  $("find").addEventListener("click", find);
  $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") find(); });
  $("ego").addEventListener("click", () => { if (state.pinned !== null) { state.ego = state.pinned; refresh(); } });
  $("reset").addEventListener("click", () => { state.ego = null; resetFilters(); refresh(); });
  legend(); stats(); status();
  window.repgraphExplorer = { network, select, refresh, visibleNodes: () => view.keep.size, visibleTies: () => view.ties.size };
})();
