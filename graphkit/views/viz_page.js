// The interactive page of graphkit.viz.write_html. Data comes from the JSON block "graphkit-data";
// every name and sentence goes into the DOM through textContent or setAttribute, never as markup.
(function () {
  "use strict";
  const SVG = document.getElementById("canvas").namespaceURI;  // the SVG namespace, without a URL in the page
  const BEND = 26;  // user units between parallel edges of one pair of actors
  const data = JSON.parse(document.getElementById("graphkit-data").textContent);
  const body = document.body;
  const nodes = data.nodes, edges = data.edges;
  const relations = new Map(data.relations.map((r, i) => [r.name, Object.assign(r, {index: i})]));
  const types = new Map(data.types.map((t) => [t.name, t]));
  body.dataset.nodes = String(nodes.length);
  body.dataset.edges = String(edges.length);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function sv(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs || {}) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function swatch(colour, cls) {
    const s = sv("svg", {width: 22, height: 12, class: "swatch " + (cls || "")});
    if (cls === "line") s.appendChild(sv("line", {x1: 1, y1: 6, x2: 21, y2: 6, stroke: colour, "stroke-width": 3}));
    else s.appendChild(sv("circle", {cx: 11, cy: 6, r: 5, fill: colour}));
    return s;
  }
  function count(n, one, many) { return n + " " + (n === 1 ? one : many); }

  document.getElementById("counts").textContent =
    count(nodes.length, "actor", "actors") + " · " + count(edges.length, "relationship", "relationships");

  // ------------------------------------------------------------------ legend and relation filters
  const typeCounts = new Map(), relCounts = new Map();
  nodes.forEach((n) => typeCounts.set(n.type, (typeCounts.get(n.type) || 0) + 1));
  edges.forEach((e) => relCounts.set(e.relation, (relCounts.get(e.relation) || 0) + 1));
  const legend = document.getElementById("types");
  data.types.forEach((t) => {
    if (!typeCounts.has(t.name) && t.name === "UNKNOWN") return;
    const li = el("li");
    li.append(swatch(t.colour), el("span", "", t.label + " (" + (typeCounts.get(t.name) || 0) + ")"));
    legend.appendChild(li);
  });
  const filters = document.getElementById("relations");
  data.relations.forEach((r) => {
    const li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.dataset.relation = r.name;
    box.defaultChecked = true;  // the attribute, so the state shows in the DOM
    box.addEventListener("change", () => { box.defaultChecked = box.checked; filter(r.name, box.checked); });
    label.append(box, swatch(r.colour, "line"),
                 el("span", "", r.label + (r.symmetric ? " ↔" : " →") + " (" + (relCounts.get(r.name) || 0) + ")"));
    li.appendChild(label);
    filters.appendChild(li);
  });

  const details = document.getElementById("details");
  if (!nodes.length) {
    body.dataset.rendered = "true";
    return;
  }

  // ------------------------------------------------------------------ drawing
  const svg = document.getElementById("canvas");
  const defs = sv("defs");
  data.relations.forEach((r) => {
    const m = sv("marker", {id: "arrow-" + r.index, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9,
                            markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto"});
    m.appendChild(sv("path", {d: "M0,0 L10,5 L0,10 z", fill: r.colour}));
    defs.appendChild(m);
  });
  const viewport = sv("g", {id: "viewport"});
  const edgeLayer = sv("g", {class: "edges"}), nodeLayer = sv("g", {class: "nodes"});
  viewport.append(edgeLayer, nodeLayer);
  svg.append(defs, viewport);

  const pairs = new Map();
  edges.forEach((e) => {
    const key = Math.min(e.source, e.target) + "," + Math.max(e.source, e.target);
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(e);
  });
  pairs.forEach((list) => list.forEach((e, j) => { e.bend = (j - (list.length - 1) / 2) * BEND; }));

  function toward(a, x, y, dist) {
    const dx = x - a.x, dy = y - a.y, len = Math.hypot(dx, dy) || 1;
    return [a.x + dx / len * dist, a.y + dy / len * dist];
  }
  function edgePath(e) {
    const s = nodes[e.source], t = nodes[e.target];
    if (e.source === e.target) {
      const r = s.r, k = 1 + Math.abs(e.bend) / BEND;
      return `M${s.x - r * 0.6},${s.y - r * 0.8} C${s.x - r * 2.5 * k},${s.y - r * 4 * k} ` +
             `${s.x + r * 2.5 * k},${s.y - r * 4 * k} ${s.x + r * 0.6},${s.y - r * 0.8}`;
    }
    // The normal comes from the pair's lower index, so edges in both directions fan out on distinct sides.
    const lo = nodes[Math.min(e.source, e.target)], hi = nodes[Math.max(e.source, e.target)];
    const len = Math.hypot(hi.x - lo.x, hi.y - lo.y) || 1;
    const nx = -(hi.y - lo.y) / len, ny = (hi.x - lo.x) / len;
    const cx = (s.x + t.x) / 2 + nx * e.bend * 2, cy = (s.y + t.y) / 2 + ny * e.bend * 2;
    const p0 = toward(s, cx, cy, s.r), p1 = toward(t, cx, cy, t.r + 1);
    return e.bend ? `M${p0} Q${cx},${cy} ${p1}` : `M${p0} L${p1}`;
  }

  const byNode = nodes.map(() => []);
  edges.forEach((e) => {
    const r = relations.get(e.relation);
    const g = sv("g", {class: "edge", "data-id": e.id, "data-relation": e.relation});
    const d = edgePath(e);
    const line = sv("path", {class: "edge-line", d: d, fill: "none", stroke: r.colour,
                             "stroke-width": Math.min(6, 1.4 + 1.2 * Math.log2(1 + (e.articles || 0)))});
    if ((e.hedged_share || 0) >= 1) line.setAttribute("stroke-dasharray", "6 4");
    if (!r.symmetric) line.setAttribute("marker-end", "url(#arrow-" + r.index + ")");
    const title = sv("title");
    title.textContent = `${nodes[e.source].name} ${r.symmetric ? "↔" : "→"} ${r.label} ${r.symmetric ? "↔" : "→"} ` +
                        `${nodes[e.target].name} (${count(e.articles || 0, "article", "articles")})`;
    g.append(sv("path", {class: "edge-hit", d: d, fill: "none", stroke: "transparent", "stroke-width": 12}), line, title);
    g.addEventListener("click", (ev) => { ev.stopPropagation(); if (!dragged()) selectEdge(e); });
    edgeLayer.appendChild(g);
    e.g = g;
    byNode[e.source].push(e);
    if (e.target !== e.source) byNode[e.target].push(e);
  });

  nodes.forEach((n, i) => {
    const t = types.get(n.type);
    const g = sv("g", {class: "node", "data-id": n.id, "data-type": n.type, transform: `translate(${n.x},${n.y})`});
    const title = sv("title");
    title.textContent = n.name + " (" + t.label + ")" + (n.aliases.length ? "\nalso: " + n.aliases.join(", ") : "");
    g.append(sv("circle", {r: n.r, fill: t.colour}), title);
    const label = sv("text", {class: n.label ? "label" : "label minor", y: n.r + 2, "text-anchor": "middle",
                              "dominant-baseline": "hanging"});
    label.textContent = n.name;
    g.appendChild(label);
    g.addEventListener("click", (ev) => { ev.stopPropagation(); if (!dragged()) selectNode(i); });
    nodeLayer.appendChild(g);
    n.g = g;
  });

  // ------------------------------------------------------------------ labels: below, else above, right, left
  // Each shown label takes the first of four places around its actor that is free of the labels placed
  // before it (best connected first) and of every actor's circle; a label with no free place waits for
  // the zoom ("crowded"). Widths come from the page font, measured once.
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = "12px " + getComputedStyle(body).fontFamily;
  nodes.forEach((n) => { n.textWidth = measure.measureText(n.name).width || n.name.length * 7; });
  const byPriority = nodes.map((n, i) => i)
    .sort((a, b) => (nodes[b].label - nodes[a].label) || (nodes[b].degree - nodes[a].degree) || (a - b));
  const SPOTS = [  // [dx, dy] of the label box's top left as multiples of (r, width, height), and its text placement
    {x: (r, w) => -w / 2, y: (r, h) => r + 2, tx: 0, ty: (r) => r + 2, anchor: "middle", base: "hanging"},
    {x: (r, w) => -w / 2, y: (r, h) => -r - 2 - h, tx: 0, ty: (r) => -r - 2, anchor: "middle", base: "text-after-edge"},
    {x: (r, w) => r + 3, y: (r, h) => -h / 2, tx: 1, ty: () => 0, anchor: "start", base: "central"},
    {x: (r, w) => -r - 3 - w, y: (r, h) => -h / 2, tx: -1, ty: () => 0, anchor: "end", base: "central"},
  ];
  let placedFor = "";
  function placeLabels(font, zoomed) {
    const key = font.toFixed(2) + (zoomed ? "z" : "");
    if (key === placedFor) return;
    placedFor = key;
    const k = font / 12, h = font * 1.15, cell = Math.max(40, 120 * k), grid = new Map();
    const cells = (b, fn) => {
      for (let cx = Math.floor(b[0] / cell); cx <= Math.floor(b[2] / cell); cx++)
        for (let cy = Math.floor(b[1] / cell); cy <= Math.floor(b[3] / cell); cy++) fn(cx + "," + cy);
    };
    const add = (b) => cells(b, (c) => { if (!grid.has(c)) grid.set(c, []); grid.get(c).push(b); });
    const free = (b) => {
      let ok = true;
      cells(b, (c) => { if (ok) ok = !(grid.get(c) || []).some((o) => o[4] !== b[4] &&
        b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]); });
      return ok;
    };
    nodes.forEach((n, i) => add([n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r, i]));
    let crowded = 0, shown = 0;
    byPriority.forEach((i) => {
      const n = nodes[i], text = n.g.lastChild;
      if (!n.label && !zoomed) { text.classList.remove("crowded"); return; }
      const w = n.textWidth * k + 2;
      let spot = null, box = null;
      for (const s of SPOTS) {
        const x = n.x + s.x(n.r, w), y = n.y + s.y(n.r, h);
        box = [x, y, x + w, y + h, i];
        if (free(box)) { spot = s; break; }
      }
      text.classList.toggle("crowded", spot === null);
      if (spot === null) { crowded++; spot = SPOTS[0]; }
      else { add(box); shown++; }
      text.setAttribute("x", String(spot.tx * (n.r + 3)));
      text.setAttribute("y", String(spot.ty(n.r)));
      text.setAttribute("text-anchor", spot.anchor);
      text.setAttribute("dominant-baseline", spot.base);
      text.dataset.spot = String(SPOTS.indexOf(spot));
    });
    body.dataset.labelsShown = String(shown);
    body.dataset.labelsCrowded = String(crowded);
  }

  // ------------------------------------------------------------------ view box: fit, pan, zoom
  // The home view holds every actor and label; label size depends on the view, so fit twice.
  let home = {x: -500, y: -500, w: 1000, h: 1000}, vb = home;
  for (let pass = 0; pass < 4; pass++) {
    vb = home;
    applyView();
    const box = viewport.getBBox(), w = Math.max(box.width, 200) + 60, h = Math.max(box.height, 200) + 60;
    const next = {x: box.x + box.width / 2 - w / 2, y: box.y + box.height / 2 - h / 2, w: w, h: h};
    const same = Math.abs(next.w - home.w) < 1 && Math.abs(next.h - home.h) < 1;
    home = next;
    if (same) break;
  }
  vb = Object.assign({}, home);
  function applyView() {
    svg.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
    // Labels keep a readable size on screen, within limits, whatever the zoom.
    const perPixel = Math.max(vb.w / (svg.clientWidth || 800), vb.h / (svg.clientHeight || 600));
    const font = 12 * Math.max(0.6, Math.min(2.5, perPixel));
    nodeLayer.style.fontSize = font.toFixed(2) + "px";
    svg.classList.toggle("zoomed", vb.w < home.w * 0.45);
    placeLabels(font, svg.classList.contains("zoomed"));
  }
  function toUser(clientX, clientY) {
    const p = new DOMPoint(clientX, clientY).matrixTransform(svg.getScreenCTM().inverse());
    return {x: p.x, y: p.y};
  }
  function centreOn(n) {
    const w = Math.min(vb.w, home.w * 0.6), h = vb.h * w / vb.w;
    vb = {x: n.x - w / 2, y: n.y - h / 2, w: w, h: h};
    applyView();
  }
  applyView();
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const f = Math.exp(Math.max(-1, Math.min(1, ev.deltaY * 0.0015))), p = toUser(ev.clientX, ev.clientY);
    vb = {x: p.x - (p.x - vb.x) * f, y: p.y - (p.y - vb.y) * f, w: vb.w * f, h: vb.h * f};
    applyView();
  }, {passive: false});
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => { drag = {x: ev.clientX, y: ev.clientY, vb: vb, moved: false}; });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) svg.setPointerCapture(ev.pointerId);
    drag.moved = true;
    const s = svg.getScreenCTM().a;
    vb = Object.assign({}, drag.vb, {x: drag.vb.x - dx / s, y: drag.vb.y - dy / s});
    applyView();
  });
  svg.addEventListener("pointerup", () => { setTimeout(() => { drag = null; }, 0); });
  svg.addEventListener("click", () => clearSelection());
  const dragged = () => drag !== null && drag.moved;
  document.getElementById("fit").addEventListener("click", () => { vb = Object.assign({}, home); applyView(); });

  // ------------------------------------------------------------------ filters, selection, details
  function filter(relation, on) {
    edges.forEach((e) => { if (e.relation === relation) e.g.classList.toggle("off", !on); });
    body.dataset.visibleEdges = String(edges.filter((e) => !e.g.classList.contains("off")).length);
  }
  body.dataset.visibleEdges = String(edges.length);

  function clearFocus() {
    svg.classList.remove("has-focus");
    svg.querySelectorAll(".focus, .selected").forEach((x) => x.classList.remove("focus", "selected"));
  }
  function clearSelection() {
    if (dragged()) return;
    clearFocus();
    details.replaceChildren(el("p", "hint", "Click an actor or a relationship to see its details and evidence."));
    delete body.dataset.selected;
  }
  // The selection goes into the address (#node=ID, #edge=ID, #q=TEXT), so a view can be shared.
  function remember(key, value) {
    try { history.replaceState(null, "", "#" + new URLSearchParams([[key, value]]).toString()); } catch (err) { /* file: URLs may refuse */ }
  }
  function field(dl, name, value) { dl.append(el("dt", "", name), el("dd", "", value)); }
  function arrow(r) { return r.symmetric ? " ↔ " : " → "; }

  function selectNode(i) {
    const n = nodes[i], t = types.get(n.type);
    clearFocus();
    svg.classList.add("has-focus");
    n.g.classList.add("focus", "selected");
    byNode[i].forEach((e) => { e.g.classList.add("focus"); nodes[e.source].g.classList.add("focus");
                               nodes[e.target].g.classList.add("focus"); });
    const h = el("h2", "", n.name), dl = el("dl");
    field(dl, "type", t.label);
    field(dl, "aliases", n.aliases.length ? n.aliases.join(", ") : "none");
    field(dl, "id", n.id);
    field(dl, "relationships", String(byNode[i].length));
    const ul = el("ul", "links");
    byNode[i].forEach((e) => {
      const r = relations.get(e.relation), b = el("button", "link");
      const out = e.source === i;
      b.append(swatch(r.colour, "line"), el("span", "",
        (out ? "" : nodes[e.source].name + arrow(r)) + r.label + (out ? arrow(r) + nodes[e.target].name : arrow(r) + "this actor")));
      b.addEventListener("click", () => selectEdge(e));
      const li = el("li");
      li.appendChild(b);
      ul.appendChild(li);
    });
    details.replaceChildren(h, dl, ul);
    body.dataset.selected = "node:" + n.id;
    remember("node", n.id);
  }

  function selectEdge(e) {
    const r = relations.get(e.relation), s = nodes[e.source], t = nodes[e.target];
    clearFocus();
    svg.classList.add("has-focus");
    e.g.classList.add("focus", "selected");
    s.g.classList.add("focus");
    t.g.classList.add("focus");
    const h = el("h2", "");
    const a = el("button", "link", s.name), b = el("button", "link", t.name);
    a.addEventListener("click", () => selectNode(e.source));
    b.addEventListener("click", () => selectNode(e.target));
    h.append(a, el("span", "rel", arrow(r) + r.label + arrow(r)), b);
    const dl = el("dl");
    field(dl, "relation", e.relation + (r.symmetric ? " (symmetric)" : ""));
    field(dl, "articles", String(e.articles || 0));
    if (e.hedged_share !== null && e.hedged_share !== undefined)
      field(dl, "hedged", Math.round(e.hedged_share * 100) + "% of its articles only hedge it");
    if (e.best_confidence !== null && e.best_confidence !== undefined)
      field(dl, "best confidence", Number(e.best_confidence).toFixed(2));
    if (e.first_seen) field(dl, "seen", e.first_seen + (e.last_seen && e.last_seen !== e.first_seen ? " – " + e.last_seen : ""));
    const parts = [h, dl, el("h3", "", "Evidence")];
    if (!e.examples.length) parts.push(el("p", "hint", "No evidence sentences in this graph."));
    const ol = el("ol", "evidence");
    e.examples.forEach((x) => {
      const li = el("li");
      li.appendChild(el("blockquote", "sentence", x.sentence));
      const src = el("p", "source", x.title ? x.title + " · " + x.article_id : x.article_id);
      if (x.hedged) src.appendChild(el("span", "tag", "hedged"));
      li.appendChild(src);
      ol.appendChild(li);
    });
    if (e.examples.length) parts.push(ol);
    details.replaceChildren(...parts);
    body.dataset.selected = "edge:" + e.id;
    remember("edge", e.id);
  }

  // ------------------------------------------------------------------ search
  const search = document.getElementById("search"), status = document.getElementById("search-status");
  const names = document.getElementById("actor-names");
  nodes.forEach((n) => { const o = el("option"); o.value = n.name; names.appendChild(o); });
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    const rank = (n) => {
      const all = [n.name].concat(n.aliases).map((s) => s.toLowerCase());
      if (all.includes(q)) return 0;
      if (all.some((s) => s.startsWith(q))) return 1;
      return all.some((s) => s.includes(q)) ? 2 : -1;
    };
    return nodes.map((n, i) => [rank(n), -n.degree, i]).filter((m) => m[0] >= 0)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]).map((m) => m[2]);
  }
  function find(q, select) {
    const found = matches(q);
    nodes.forEach((n) => n.g.classList.remove("match"));
    svg.classList.toggle("searching", q.trim() !== "");
    found.forEach((i) => nodes[i].g.classList.add("match"));
    body.dataset.matches = String(found.length);
    status.textContent = q.trim() ? (found.length ? count(found.length, "match", "matches") : "no actor matches") : "";
    if (found.length) {
      centreOn(nodes[found[0]]);
      if (select) selectNode(found[0]);
    }
  }
  search.addEventListener("input", () => find(search.value, false));
  search.addEventListener("keydown", (ev) => { if (ev.key === "Enter") find(search.value, true); });

  // ------------------------------------------------------------------ a link may name what to show
  const wanted = new URLSearchParams(location.hash.slice(1));
  clearSelection();
  const hide = (wanted.get("hide") || "").split(",");
  filters.querySelectorAll("input[type=checkbox]").forEach((box) => {
    if (hide.includes(box.dataset.relation)) {
      box.checked = box.defaultChecked = false;
      filter(box.dataset.relation, false);
    }
  });
  if (wanted.has("q")) {
    search.value = wanted.get("q");
    find(search.value, true);
  } else if (wanted.has("node")) {
    const i = nodes.findIndex((n) => n.id === wanted.get("node"));
    if (i >= 0) { selectNode(i); centreOn(nodes[i]); }
  } else if (wanted.has("edge")) {
    const e = edges.find((x) => x.id === wanted.get("edge"));
    if (e) selectEdge(e);
  }
  body.dataset.rendered = "true";
})();
