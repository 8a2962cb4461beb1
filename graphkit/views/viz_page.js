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
    box.addEventListener("change", () => { box.defaultChecked = box.checked; setRelation(r.name, box.checked); });
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
    nodes.forEach((n, i) => { if (!n.off) add([n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r, i]); });
    let crowded = 0, shown = 0;
    byPriority.forEach((i) => {
      const n = nodes[i], text = n.g.lastChild;
      if (n.off || (!n.label && !zoomed)) { text.classList.remove("crowded"); return; }
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
  // Refitted whenever the filters change what is on show (hidden actors take no room in the box).
  function fitHome() {
    home = {x: -500, y: -500, w: 1000, h: 1000};
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
    placedFor = "";
    applyView();
  }
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

  // ------------------------------------------------------------------ filters
  // An edge is on show when its relation is ticked, enough articles state it, its hedging is wanted and
  // it was stated within the date range; an actor when one of its edges is (an actor with no edge at
  // all stays), unless it sits in a pair or alone and those are hidden. Dates are months.
  function month(text, end) {
    const m = /^(\d{4})(?:-(\d{2}))?/.exec(text || "");
    if (!m) return null;
    return Number(m[1]) * 12 + (m[2] ? Number(m[2]) - 1 : (end ? 11 : 0));
  }
  function monthText(m) { return Math.floor(m / 12) + "-" + String(m % 12 + 1).padStart(2, "0"); }
  edges.forEach((e) => { e.m0 = month(e.first_seen, false); e.m1 = month(e.last_seen || e.first_seen, true); });
  const dated = edges.filter((e) => e.m0 !== null);
  const firstMonth = dated.length ? Math.min(...dated.map((e) => e.m0)) : 0;
  const lastMonth = dated.length ? Math.max(...dated.map((e) => Math.max(e.m0, e.m1))) : 0;
  const state = {off: new Set(), min: 1, hedging: "all", from: firstMonth, to: lastMonth, undated: true,
                 hideSmall: Boolean(data.hide_small), pinned: -1};
  const minBox = document.getElementById("min-articles"), hedging = document.getElementById("hedging");
  const fromBox = document.getElementById("date-from"), toBox = document.getElementById("date-to");
  const undatedBox = document.getElementById("undated"), smallBox = document.getElementById("hide-small");
  const dateLabel = document.getElementById("date-range"), hiddenNote = document.getElementById("hidden");
  [fromBox, toBox].forEach((b) => { b.min = "0"; b.max = String(lastMonth - firstMonth); });
  if (!dated.length) document.getElementById("dates").hidden = true;
  else if (firstMonth === lastMonth) document.getElementById("date-sliders").hidden = true;  // one month: no range

  function edgeWanted(e) {
    if (state.off.has(e.relation) || (e.articles || 0) < state.min) return false;
    const share = e.hedged_share || 0;
    if (state.hedging === "plain" && share >= 1) return false;
    if (state.hedging === "hedged" && share < 1) return false;
    if (e.m0 === null) return state.undated;
    return e.m1 >= state.from && e.m0 <= state.to;
  }
  function smallComponents(shown) {  // the actors of components of one or two actors, and their count
    const parent = nodes.map((n, i) => i);
    const root = (i) => { while (parent[i] !== i) i = parent[i] = parent[parent[i]]; return i; };
    edges.forEach((e) => { if (e.wanted) parent[root(e.source)] = root(e.target); });
    const members = new Map();
    shown.forEach((i) => { const r = root(i); if (!members.has(r)) members.set(r, []); members.get(r).push(i); });
    const small = new Set();
    let count = 0;
    members.forEach((list) => {
      if (list.length > 2 || list.includes(state.pinned)) return;
      count++;
      list.forEach((i) => small.add(i));
    });
    return {small: small, count: count};
  }
  function refresh() {
    const linked = nodes.map(() => false), hasEdge = nodes.map(() => false);
    edges.forEach((e) => {
      e.wanted = edgeWanted(e);
      hasEdge[e.source] = hasEdge[e.target] = true;
      if (e.wanted) linked[e.source] = linked[e.target] = true;
    });
    const shown = [], isShown = nodes.map((n, i) => linked[i] || !hasEdge[i] || i === state.pinned);
    isShown.forEach((on, i) => { if (on) shown.push(i); });
    const hidden = state.hideSmall ? smallComponents(shown) : {small: new Set(), count: 0};
    let visibleNodes = 0, visibleEdges = 0;
    nodes.forEach((n, i) => {
      n.off = !isShown[i] || hidden.small.has(i);
      n.g.classList.toggle("off", n.off);
      if (!n.off) visibleNodes++;
    });
    edges.forEach((e) => {
      const on = e.wanted && !nodes[e.source].off && !nodes[e.target].off;
      e.g.classList.toggle("off", !on);
      if (on) visibleEdges++;
    });
    body.dataset.visibleEdges = String(visibleEdges);
    body.dataset.visibleNodes = String(visibleNodes);
    body.dataset.hiddenComponents = String(hidden.count);
    hiddenNote.textContent = hidden.count ? count(hidden.count, "pair or isolated actor", "pairs and isolated actors") +
      " hidden (" + count(hidden.small.size, "actor", "actors") + ")" : "";
    document.getElementById("counts").textContent = (visibleNodes === nodes.length && visibleEdges === edges.length)
      ? count(nodes.length, "actor", "actors") + " · " + count(edges.length, "relationship", "relationships")
      : visibleNodes + " of " + count(nodes.length, "actor", "actors") + " · " + visibleEdges + " of " +
        count(edges.length, "relationship", "relationships") + " on show";
    // the controls show the state, as attributes too, so a saved page keeps it
    minBox.value = minBox.defaultValue = String(state.min);
    [...hedging.options].forEach((o) => { o.selected = o.defaultSelected = o.value === state.hedging; });
    fromBox.value = fromBox.defaultValue = String(state.from - firstMonth);
    toBox.value = toBox.defaultValue = String(state.to - firstMonth);
    undatedBox.checked = undatedBox.defaultChecked = state.undated;
    smallBox.checked = smallBox.defaultChecked = state.hideSmall;
    dateLabel.textContent = dated.length ? monthText(state.from) + " – " + monthText(state.to) : "";
    fitHome();
  }
  function setRelation(relation, on) {
    if (on) state.off.delete(relation); else state.off.add(relation);
    refresh();
    rememberView();
  }
  function onFilter(fn) { return () => { fn(); refresh(); rememberView(); }; }
  minBox.addEventListener("change", onFilter(() => { state.min = Math.max(1, Math.floor(Number(minBox.value)) || 1); }));
  hedging.addEventListener("change", onFilter(() => { state.hedging = hedging.value; }));
  fromBox.addEventListener("input", onFilter(() => {
    state.from = firstMonth + Number(fromBox.value);
    if (state.from > state.to) state.to = state.from;
  }));
  toBox.addEventListener("input", onFilter(() => {
    state.to = firstMonth + Number(toBox.value);
    if (state.to < state.from) state.from = state.to;
  }));
  undatedBox.addEventListener("change", onFilter(() => { state.undated = undatedBox.checked; }));
  smallBox.addEventListener("change", onFilter(() => { state.hideSmall = smallBox.checked; }));

  // ------------------------------------------------------------------ selection, details
  function clearFocus() {
    svg.classList.remove("has-focus");
    svg.querySelectorAll(".focus, .selected").forEach((x) => x.classList.remove("focus", "selected"));
  }
  function clearSelection() {
    if (dragged()) return;
    clearFocus();
    details.replaceChildren(el("p", "hint", "Click an actor or a relationship to see its details and evidence."));
    delete body.dataset.selected;
    selection = null;
    rememberView();
  }
  // The selection and the filters go into the address (#node=ID, #edge=ID, #q=TEXT, hide=, min=, ...),
  // so a view can be shared.
  let selection = null;
  function remember(key, value) {
    selection = [key, value];
    rememberView();
  }
  function rememberView() {
    const p = new URLSearchParams();
    if (selection) p.set(selection[0], selection[1]);
    if (state.off.size) p.set("hide", [...state.off].join(","));
    if (state.min > 1) p.set("min", String(state.min));
    if (state.hedging !== "all") p.set("hedging", state.hedging);
    if (state.from !== firstMonth) p.set("from", monthText(state.from));
    if (state.to !== lastMonth) p.set("to", monthText(state.to));
    if (!state.undated) p.set("undated", "0");
    if (state.hideSmall !== Boolean(data.hide_small)) p.set("small", state.hideSmall ? "hide" : "show");
    try { history.replaceState(null, "", "#" + p.toString()); } catch (err) { /* file: URLs may refuse */ }
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
  // Names are compared as the CLI's look-up compares them: case, accents, punctuation, a leading "the"
  // and a possessive dropped; a word that is misspelt still matches at data.similarity (the ratio of
  // rapidfuzz: twice the longest common subsequence over the two lengths).
  function norm(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/['\u2019]s\b/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim().replace(/^the /, "");
  }
  function similarity(a, b) {
    if (!a.length || !b.length) return 0;
    let prev = new Array(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      const cur = [0];
      for (let j = 1; j <= b.length; j++)
        cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      prev = cur;
    }
    return 2 * prev[b.length] / (a.length + b.length);
  }
  nodes.forEach((n) => { n.keys = [...new Set([n.name].concat(n.aliases, n.also || []).map(norm))].filter(Boolean); });
  function fuzzy(q, key) {  // the best similarity of q to the whole key or to as many of its words as q has
    const words = key.split(" "), k = q.split(" ").length;
    let best = similarity(q, key);
    for (let i = 0; i + k <= words.length; i++) best = Math.max(best, similarity(q, words.slice(i, i + k).join(" ")));
    return best;
  }
  function matches(q) {
    q = norm(q);
    if (!q) return [];
    const rank = (n) => {
      if (n.keys.includes(q)) return [0, 1];
      if (n.keys.some((s) => s.startsWith(q))) return [1, 1];
      if (n.keys.some((s) => s.includes(q))) return [2, 1];
      if (q.length < 4) return [-1, 0];
      const best = Math.max(...n.keys.map((s) => fuzzy(q, s)));
      return best >= data.similarity ? [3, best] : [-1, 0];
    };
    return nodes.map((n, i) => [rank(n), -n.degree, i]).filter((m) => m[0][0] >= 0)
      .sort((a, b) => a[0][0] - b[0][0] || b[0][1] - a[0][1] || a[1] - b[1] || a[2] - b[2]).map((m) => m[2]);
  }
  function reveal(i) {  // an actor asked for by name is shown even when the filters would hide it
    if (!nodes[i].off) return;
    state.pinned = i;
    refresh();
  }
  function find(q, select) {
    const found = matches(q);
    nodes.forEach((n) => n.g.classList.remove("match"));
    svg.classList.toggle("searching", q.trim() !== "");
    found.forEach((i) => nodes[i].g.classList.add("match"));
    body.dataset.matches = String(found.length);
    status.textContent = q.trim() ? (found.length ? count(found.length, "match", "matches") : "no actor matches") : "";
    if (found.length) {
      reveal(found[0]);
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
      state.off.add(box.dataset.relation);
    }
  });
  if (wanted.has("min")) state.min = Math.max(1, Math.floor(Number(wanted.get("min"))) || 1);
  if (["plain", "hedged"].includes(wanted.get("hedging"))) state.hedging = wanted.get("hedging");
  const from = month(wanted.get("from"), false), to = month(wanted.get("to"), true);
  if (from !== null) state.from = Math.min(Math.max(from, firstMonth), lastMonth);
  if (to !== null) state.to = Math.max(Math.min(to, lastMonth), state.from);
  if (wanted.get("undated") === "0") state.undated = false;
  if (wanted.get("small") === "show") state.hideSmall = false;
  if (wanted.get("small") === "hide") state.hideSmall = true;
  refresh();
  if (wanted.has("q")) {
    search.value = wanted.get("q");
    find(search.value, true);
  } else if (wanted.has("node")) {
    // an id, else a name or alias as the search finds it
    let i = nodes.findIndex((n) => n.id === wanted.get("node"));
    if (i < 0) i = matches(wanted.get("node"))[0] ?? -1;
    if (i >= 0) { reveal(i); selectNode(i); centreOn(nodes[i]); }
  } else if (wanted.has("edge")) {
    const e = edges.find((x) => x.id === wanted.get("edge"));
    if (e) selectEdge(e);
  }
  body.dataset.rendered = "true";
})();
