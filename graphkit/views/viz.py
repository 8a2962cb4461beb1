"""Pictures of an actor graph: one self-contained interactive HTML page, or a static PNG/SVG image.

Both take the :class:`networkx.MultiDiGraph` of :meth:`graphkit.store.sqlite.SQLiteStore.to_networkx`
(nodes keyed by actor id with ``name``, ``type``, ``aliases``; edges keyed by relation with
``relation``, ``articles``, ``hedged_share``, ``best_confidence``, ``id`` and optionally ``examples``,
a list of evidence dicts ``{sentence, article_id, hedged, title}``) and return plain counts.
Positions come from a seeded spring layout, so the same graph always gives the same picture; the
colours of actor types and relations are :data:`TYPE_COLOURS` and :data:`RELATION_COLOURS`, shared by
both pictures.

>>> import networkx as nx, os, tempfile
>>> g = nx.MultiDiGraph()
>>> g.add_node("iran", name="Iran", type="STATE", aliases=["Tehran"])
>>> g.add_node("hezbollah", name="Hezbollah", type="ORGANIZATION", aliases=[])
>>> g.add_edge("iran", "hezbollah", key="funds", relation="funds", articles=2, hedged_share=0.5,
...            examples=[{"sentence": "Iran funds Hezbollah.", "article_id": "a1", "hedged": False}])
'funds'
>>> out = tempfile.mkdtemp()
>>> write_html(g, os.path.join(out, "graph.html"))["edges"]
1
>>> write_image(g, os.path.join(out, "graph.png"))["nodes"]
2
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
from importlib import resources
from typing import TYPE_CHECKING, Any, Hashable, Iterable

from graphkit.model.schema import load_schema

if TYPE_CHECKING:
    import networkx

# One palette for the page and the image. Actor types the palette does not know are drawn as UNKNOWN.
TYPE_COLOURS: dict[str, str] = {
    "PERSON": "#4e79a7",
    "ORGANIZATION": "#f28e2b",
    "STATE": "#59a14f",
    "GROUP": "#e15759",
    "UNKNOWN": "#a39e98",
}
TYPE_LABELS: dict[str, str] = {"PERSON": "person", "ORGANIZATION": "organization", "STATE": "state",
                               "GROUP": "group", "UNKNOWN": "unknown type"}
OTHER_RELATION_COLOUR = "#444444"
# Relations take these colours in the order the schema lists them (the first eight: the eight relations
# of today's schema); relations past the palette, or unknown to the schema, are OTHER_RELATION_COLOUR.
RELATION_PALETTE: tuple[str, ...] = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#7f7f7f", "#17becf",
                                     "#bcbd22", "#ff7f0e", "#8c564b", "#e377c2")


def relation_colours(relations: Iterable[str]) -> dict[str, str]:
    """A colour for each relation, from :data:`RELATION_PALETTE` in the order given.

    >>> relation_colours(["commands", "funds"])
    {'commands': '#1f77b4', 'funds': '#d62728'}
    """
    names = list(relations)
    return {name: RELATION_PALETTE[i] if i < len(RELATION_PALETTE) else OTHER_RELATION_COLOUR
            for i, name in enumerate(names)}


RELATION_COLOURS: dict[str, str] = relation_colours(load_schema().relations)
LABEL_LIMIT = 60  # above this many actors only the best connected ones are labelled
SEED = 7

# Layout units are page pixels at the page's 12 px label font: a label is about CHAR_WIDTH per character.
CHAR_WIDTH = 7.0
LABEL_HEIGHT = 16.0  # one line of label below the node, with its gap
COMPONENT_GAP = 40.0  # between the boxes of two components
PAGE_CANVAS = (1060.0, 860.0)  # the drawing's share of a 1400 x 900 browser window, in pixels
PACK_ASPECT = PAGE_CANVAS[0] / PAGE_CANVAS[1]  # width / height the packed components aim at
KK_LIMIT = 80  # components up to this many actors may get Kamada-Kawai, bigger ones a spring layout
KK_BUDGET = 300  # actors laid out by Kamada-Kawai in one picture, at most
_NUDGE_LIMIT = 600  # components up to this many actors have their boxes pushed apart

_IMAGE_FORMATS = {".png": "png", ".svg": "svg"}


# --------------------------------------------------------------------------- shared by both pictures


def layout(graph: networkx.MultiDiGraph, *, seed: int = SEED) -> dict[Hashable, tuple[float, float]]:
    """Node positions in [-1, 1] x [-1, 1] (y up), centred, with the aspect ratio of :func:`layout_units`.

    The result does not depend on the order nodes or edges were added in.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> layout(g) == layout(nx.MultiDiGraph([("b", "c"), ("a", "b")]))
    True
    >>> layout(nx.MultiDiGraph())
    {}
    """
    pos = layout_units(graph, seed=seed)
    if not pos:
        return {}
    half = max(max(abs(x), abs(y)) for x, y in pos.values()) or 1.0
    return {n: (x / half, y / half) for n, (x, y) in pos.items()}


def layout_units(graph: networkx.MultiDiGraph, *, seed: int = SEED) -> dict[Hashable, tuple[float, float]]:
    """Node positions in page units (y up), centred on the origin, spaced for their labels.

    Each connected component is laid out on its own (Kamada-Kawai up to 80 actors, a seeded spring
    layout above), scaled so that its edges are about as long as its labels are wide, and its actors'
    boxes (circle and label below) are pushed apart until they do not overlap. The components are then
    packed in rows, biggest first, each in a box of its own. Nodes are sorted before anything is laid
    out, so the positions do not depend on insertion order.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "d")])
    >>> pos = layout_units(g)
    >>> abs(pos["a"][0] - pos["b"][0]) > 40 and abs(pos["c"][0] - pos["d"][0]) > 40
    True
    """
    return _layout_scaled(graph, seed)[0]


def _layout_scaled(graph: networkx.MultiDiGraph, seed: int) -> tuple[dict, float]:
    """:func:`layout_units` and the size of the labels it made room for, as a multiple of 12 units."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    simple.add_edges_from(sorted(((u, v) if str(u) <= str(v) else (v, u) for u, v in graph.edges() if u != v),
                                 key=lambda e: (str(e[0]), str(e[1]))))
    if len(simple) == 0:
        return {}, 1.0
    labelled = _labelled(graph)
    components = [sorted(c, key=str) for c in nx.connected_components(simple)]
    components.sort(key=lambda c: (-len(c), str(c[0])))
    # Kamada-Kawai draws small components best but costs a numerical optimisation each: the biggest
    # small components get it, up to a budget of actors, the rest a seeded spring layout.
    raw, budget = [], KK_BUDGET
    for nodes in components:
        kk = 2 < len(nodes) <= KK_LIMIT and len(nodes) <= budget
        budget -= len(nodes) if kk else 0
        raw.append(_raw_layout(_component(simple, nodes), nodes, seed, kk))
    # The page keeps labels about 12 px high on screen, so a picture wider than the screen has labels
    # bigger than 12 page units: lay out again with labels that big (a few rounds, at most 2.5 times).
    scale, pos = 1.0, {}
    for _ in range(4):
        half_w, half_h = {}, {}
        for v in simple:
            r = _radius(graph.degree(v))
            text = _text_width(_name(graph, v)) * scale if v in labelled else 0.0
            half_w[v] = max(r, text / 2) + 6
            half_h[v] = r + scale * LABEL_HEIGHT / 2 + 3  # the label hangs below: the box centre is lower
        placed = [(nodes, _fit_component(p, nodes, simple, half_w, half_h)) for nodes, p in zip(components, raw)]
        pos, width, height = _pack(placed, half_w, half_h, scale * LABEL_HEIGHT)
        wanted = min(2.5, max(1.0, (width + 60) / PAGE_CANVAS[0], (height + 60) / PAGE_CANVAS[1]))
        if wanted <= scale * 1.05:
            break
        scale = wanted
    return pos, scale


def _text_width(name: str) -> float:
    wide = sum(1 for ch in name if ch.isupper() or ch in "mwMW")
    return CHAR_WIDTH * len(name) + 1.5 * wide + 4


def _component(simple: networkx.Graph, nodes: list) -> networkx.Graph:
    """A copy of one component with its nodes and edges in sorted order (a subgraph view of a few nodes
    iterates them in set order, which changes with the string hash seed from one run to the next)."""
    import networkx as nx

    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted(((u, v) if str(u) <= str(v) else (v, u) for u in nodes for v in simple[u]
                               if str(u) <= str(v)), key=lambda e: (str(e[0]), str(e[1]))))
    return sub


def _raw_layout(sub: networkx.Graph, nodes: list, seed: int, kamada_kawai: bool):
    """Positions of one component as an (n, 2) array, y up, in the order of ``nodes``, any scale."""
    import networkx as nx
    import numpy as np

    n = len(nodes)
    if n <= 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]][:n])
    raw = None
    if kamada_kawai:
        try:
            raw = nx.kamada_kawai_layout(sub, pos=nx.circular_layout(sub))
        except ImportError:  # Kamada-Kawai needs SciPy; the spring layouts below do not
            raw = None
    if raw is None and n >= 500:
        pos = _big_spring(sub, nodes, seed)
    else:
        raw = raw or nx.spring_layout(sub, seed=seed, iterations=100)
        pos = np.array([raw[v] for v in nodes], dtype=float)
    return pos - pos.mean(axis=0)


def _big_spring(sub, nodes: list, seed: int, iterations: int = 30):
    """A Fruchterman-Reingold layout for a big component: spectral start, float32 forces, few rounds."""
    import networkx as nx
    import numpy as np

    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in sub.edges()], dtype=np.int64).reshape(-1, 2)
    try:
        start = nx.spectral_layout(sub)
        pos = np.array([start[v] for v in nodes], dtype=np.float32)
    except Exception:  # noqa: BLE001 - no SciPy, or no convergence: a seeded random start
        pos = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    pos -= pos.mean(axis=0)
    pos /= max(float(np.abs(pos).max()), 1e-9)
    pos += np.random.default_rng(seed).normal(0, 0.01, (n, 2)).astype(np.float32)  # spectral ties apart
    k = np.float32(1.0 / math.sqrt(n))
    step = 0.1
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        weight = np.subtract.outer(x, x)
        np.square(weight, out=weight)
        weight += np.square(np.subtract.outer(y, y))
        np.maximum(weight, np.float32(1e-6), out=weight)
        np.divide(k * k, weight, out=weight)  # repulsion k^2 / d along the unit vector: (k / d)^2 * delta
        np.fill_diagonal(weight, 0)
        total = weight.sum(axis=1)
        force = np.stack([x * total - weight @ x, y * total - weight @ y], axis=1)
        d = pos[ends[:, 0]] - pos[ends[:, 1]]
        pull = d * (np.hypot(d[:, 0], d[:, 1]) / k)[:, None]
        np.subtract.at(force, ends[:, 0], pull)
        np.add.at(force, ends[:, 1], pull)
        length = np.maximum(np.hypot(force[:, 0], force[:, 1]), np.float32(1e-9))
        pos += force * (np.minimum(length, step) / length)[:, None]
        step -= 0.1 / (iterations + 1)
    return pos.astype(float)


def _fit_component(raw, nodes: list, simple: networkx.Graph, half_w: dict, half_h: dict):
    """One component in page units: edges about as long as its labels are wide, no two boxes overlapping."""
    import numpy as np

    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        a, b = nodes
        gap = max(half_w[a] + half_w[b] + 24, 90.0)
        return np.array([[-gap / 2, 0.0], [gap / 2, 0.0]])
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in _component(simple, nodes).edges()])
    lengths = np.hypot(*(raw[ends[:, 0]] - raw[ends[:, 1]]).T)
    typical = float(np.median(lengths)) or 1.0
    widths = np.array([half_w[v] for v in nodes])
    target = float(np.clip(np.median(widths) * 1.2 + 10, 70, 180 * 2.5))
    pos = raw * (target / typical)
    if n <= _NUDGE_LIMIT:
        pos = _separate(pos, widths, np.array([half_h[v] for v in nodes]))
    return pos


def _separate(pos, half_w, half_h, *, iterations: int = 80):
    """Push apart the nodes whose boxes overlap, along the axis where they overlap least."""
    import numpy as np

    n = len(pos)
    pos = pos.copy()
    sw = half_w[:, None] + half_w[None, :]
    sh = half_h[:, None] + half_h[None, :]
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    tie = np.where(np.arange(n)[:, None] < np.arange(n)[None, :], -1.0, 1.0)  # coincident nodes: by index
    for _ in range(iterations):
        dx = pos[:, 0][:, None] - pos[:, 0][None, :]
        dy = pos[:, 1][:, None] - pos[:, 1][None, :]
        ox, oy = sw - np.abs(dx), sh - np.abs(dy)
        hit = (ox > 0) & (oy > 0) & upper
        if not hit.any():
            break
        hit = hit | hit.T
        along_x = hit & (ox / sw <= oy / sh)
        along_y = hit & ~along_x
        sx = np.where(dx == 0, tie, np.sign(dx))
        sy = np.where(dy == 0, tie, np.sign(dy))
        move = np.zeros_like(pos)
        move[:, 0] = (np.where(along_x, sx * (ox / 2 + 0.5), 0.0)).sum(axis=1)
        move[:, 1] = (np.where(along_y, sy * (oy / 2 + 0.5), 0.0)).sum(axis=1)
        counts = np.maximum(hit.sum(axis=1), 1)[:, None]
        pos += move / np.sqrt(counts)
    return pos


def _pack(placed: list, half_w: dict, half_h: dict, label_height: float) -> tuple[dict, float, float]:
    """Components in rows, biggest first; small ones are stacked in columns within a row's height."""
    boxes = []
    for nodes, pos in placed:
        hw = [half_w[v] for v in nodes]
        hh = [half_h[v] for v in nodes]
        # y up: the label hangs below the node, so a box runs from y + r + 3 down to y - r - 16 - 3.
        x0 = min(p[0] - w for p, w in zip(pos, hw))
        x1 = max(p[0] + w for p, w in zip(pos, hw))
        y0 = min(p[1] - h - label_height / 2 for p, h in zip(pos, hh))
        y1 = max(p[1] + h - label_height / 2 for p, h in zip(pos, hh))
        boxes.append((x0, y0, x1 - x0 + COMPONENT_GAP, y1 - y0 + COMPONENT_GAP))
    # Try row widths from the widest component to all in one row; keep the packing that needs the
    # least zoom-out to fit a PACK_ASPECT screen (ties: the narrower row, so the result is unique).
    widest = max(w for _, _, w, _ in boxes)
    total = sum(w for _, _, w, _ in boxes)
    best = None
    for step in range(41):
        row_width = widest + (total - widest) * step / 40
        offsets, width, height = _shelves([(w, h) for _, _, w, h in boxes], row_width)
        need = max(width / PACK_ASPECT, height)
        if best is None or need < best[0] - 1e-6:
            best = (need, offsets, width - COMPONENT_GAP, height - COMPONENT_GAP)
        if row_width >= total:
            break
    offsets = best[1]
    out: dict = {}
    for (nodes, pos), (x0, y0, w, h), (ox, oy) in zip(placed, boxes, offsets):
        for v, (px, py) in zip(nodes, pos):
            out[v] = (float(px - x0 + ox), float(-(oy + (y0 + h - COMPONENT_GAP) - py)))
    xs = [p[0] for p in out.values()]
    ys = [p[1] for p in out.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {v: (round(px - cx, 2), round(py - cy, 2)) for v, (px, py) in out.items()}, best[2], best[3]


def _shelves(sizes: list[tuple[float, float]], row_width: float) -> tuple[list, float, float]:
    """Top-left corners (y down) of boxes packed in rows no wider than ``row_width`` (unless one box is):
    a box goes under the last one when it fits in the row's height and the column's width, else to
    its right, else into a new row. Returns the corners and the packed width and height."""
    offsets = []
    x = y = row_h = col_w = col_y = width = 0.0
    for w, h in sizes:
        if row_h and col_y + h <= row_h and w <= col_w:
            offsets.append((x - col_w, y + col_y))
            col_y += h
            continue
        if x and x + w > row_width + 1e-9:
            y += row_h
            x = row_h = 0.0
        offsets.append((x, y))
        col_w, col_y = w, h
        x += w
        row_h = max(row_h, h)
        width = max(width, x)
    return offsets, width, y + row_h


def _type_key(value: Any) -> str:
    return value if value in TYPE_COLOURS else "UNKNOWN"


def _relation_meta(names: set[str]) -> list[dict]:
    """The relations present, in palette order, with colour, label and symmetry (from the schema)."""
    schema = load_schema().relations
    ordered = [r for r in RELATION_COLOURS if r in names] + sorted(names - set(RELATION_COLOURS))
    out = []
    for name in ordered:
        rel = schema.get(name)
        out.append({"name": name, "colour": RELATION_COLOURS.get(name, OTHER_RELATION_COLOUR),
                    "label": rel.label if rel else name.replace("_", " "),
                    "symmetric": rel.symmetric if rel else False})
    return out


def _labelled(graph: networkx.MultiDiGraph) -> set:
    if graph.number_of_nodes() <= LABEL_LIMIT:
        return set(graph.nodes)
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(_name(graph, n))))
    return set(ranked[:LABEL_LIMIT])


def _name(graph: networkx.MultiDiGraph, node: Hashable) -> str:
    return str(graph.nodes[node].get("name") or node)


def _radius(degree: int) -> float:
    """Node radius in page units: area grows with the number of relationships."""
    return round(6 + 3.5 * math.sqrt(degree), 2)


def _sorted_edges(graph: networkx.MultiDiGraph) -> list[tuple]:
    return sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[2]), str(e[1])))


def _hedged_only(attrs: dict) -> bool:
    return (attrs.get("hedged_share") or 0) >= 1


# --------------------------------------------------------------------------- the HTML page


def _number(value: Any) -> float | int | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and not isinstance(value, float) else number


def _examples(attrs: dict) -> list[dict]:
    out = []
    for ex in attrs.get("examples") or []:
        if not isinstance(ex, dict):
            continue
        out.append({"sentence": str(ex.get("sentence") or ""), "article_id": str(ex.get("article_id") or ""),
                    "hedged": bool(ex.get("hedged")), "title": str(ex["title"]) if ex.get("title") else None})
    return out


def page_data(graph: networkx.MultiDiGraph, *, title: str = "graphkit network") -> dict:
    """What the HTML page draws, as plain JSON-ready data: nodes with page coordinates, edges by node index.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", name="Hamas", type="ORGANIZATION", aliases=["Harakat al-Muqawama"])
    >>> g.add_edge("a", "b", key="rival_of", relation="rival_of", articles=3, hedged_share=0.0)
    'rival_of'
    >>> d = page_data(g)
    >>> [(n["id"], n["name"], n["type"], n["degree"]) for n in d["nodes"]]
    [('a', 'Hamas', 'ORGANIZATION', 1), ('b', 'b', 'UNKNOWN', 1)]
    >>> d["edges"][0]["source"], d["edges"][0]["target"], d["relations"][0]["symmetric"]
    (0, 1, True)
    """
    pos = layout_units(graph)
    order = sorted(graph.nodes, key=str)
    index = {n: i for i, n in enumerate(order)}
    labelled = _labelled(graph)
    nodes = []
    for n in order:
        attrs = graph.nodes[n]
        x, y = pos[n]
        nodes.append({"id": str(n), "name": _name(graph, n), "type": _type_key(attrs.get("type")),
                      "aliases": [str(a) for a in attrs.get("aliases") or []], "degree": graph.degree(n),
                      "r": _radius(graph.degree(n)), "x": x, "y": round(-y, 2) + 0.0,
                      "label": n in labelled})
    edges = []
    for u, v, key, attrs in _sorted_edges(graph):
        relation = str(attrs.get("relation") or key)
        edges.append({"id": str(attrs.get("id") or f"{u}|{relation}|{v}"), "source": index[u], "target": index[v],
                      "relation": relation, "articles": _number(attrs.get("articles")) or 0,
                      "hedged_share": _number(attrs.get("hedged_share")),
                      "best_confidence": _number(attrs.get("best_confidence")),
                      "first_seen": attrs.get("first_seen"), "last_seen": attrs.get("last_seen"),
                      "examples": _examples(attrs)})
    types = [{"name": t, "label": TYPE_LABELS[t], "colour": c} for t, c in TYPE_COLOURS.items()]
    return {"title": title, "nodes": nodes, "edges": edges, "types": types,
            "relations": _relation_meta({e["relation"] for e in edges})}


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' survives, so '</script>' cannot close the block."""
    text = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Runs first: anything that goes wrong later (a script error, a refused inline script) is kept on <body>.
_RECORDER = (
    "(function(){var b=document.body;function rec(m){b.dataset.errors=(b.dataset.errors?b.dataset.errors+'\\n':'')+m;}"
    "window.addEventListener('error',function(e){rec('error: '+e.message);});"
    "window.addEventListener('unhandledrejection',function(e){rec('unhandled rejection: '+e.reason);});"
    "document.addEventListener('securitypolicyviolation',function(e){rec('refused by policy: '+e.violatedDirective);});"
    "})();"
)


def _asset(name: str) -> str:
    return resources.files("graphkit.views").joinpath(name).read_text(encoding="utf-8")


def write_html(graph: networkx.MultiDiGraph, path: str | os.PathLike[str], *,
               title: str = "graphkit network") -> dict:
    """Write one self-contained interactive page (SVG drawn by inline JavaScript, no network access).

    Actors are coloured by type and sized by their number of relationships; relations have a colour
    each, an arrow when directed, a dashed line when every article only hedges them. Clicking an actor
    shows its type and aliases, clicking a relationship its articles and evidence sentences; a
    checkbox per relation filters, a search box finds actors by name or alias. The address may name
    what to show: ``page.html#node=ID``, ``#edge=ID`` or ``#q=TEXT``, and ``hide=REL,REL`` unticks relations. All names and sentences are
    data: embedded as escaped JSON and put in the page as text, under a Content-Security-Policy that
    runs only the page's own two scripts.

    >>> import networkx as nx, os, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x", name="</script><b>X</b>", type="GROUP", aliases=[])
    >>> p = os.path.join(tempfile.mkdtemp(), "x.html")
    >>> write_html(g, p)["nodes"]
    1
    >>> "</script><b>" in open(p, encoding="utf-8").read()
    False
    """
    data = page_data(graph, title=title)
    css, js = _asset("viz_page.css"), _asset("viz_page.js")
    csp = (f"default-src 'none'; script-src {_sha256(_RECORDER)} {_sha256(js)}; style-src {_sha256(css)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    heading = html.escape(title)
    empty = '<p id="empty">no actors</p>\n' if not data["nodes"] else ""
    page = "".join([
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        f"<title>{heading}</title>\n", '<link rel="icon" href="data:,">\n',
        f"<style>{css}</style>\n</head>\n", '<body data-errors="">\n', f"<script>{_RECORDER}</script>\n",
        '<main>\n<svg id="canvas" role="img" aria-label="network of actors and their relations"></svg>\n', empty,
        '<button id="fit" type="button" title="show the whole network">fit</button>\n</main>\n',
        f'<aside>\n<h1>{heading}</h1>\n<p id="counts"></p>\n',
        '<input id="search" type="search" placeholder="find an actor (name or alias)" list="actor-names" '
        'autocomplete="off" aria-label="find an actor">\n<datalist id="actor-names"></datalist>\n',
        '<p id="search-status" aria-live="polite"></p>\n',
        '<h3>Actors</h3>\n<ul id="types"></ul>\n<p class="key">size: number of relationships</p>\n',
        '<h3>Relations</h3>\n<ul id="relations"></ul>\n',
        '<p class="key">arrow: direction · width: number of articles · dashed: every article only hedges it</p>\n',
        '<div id="details"></div>\n</aside>\n',
        f'<script type="application/json" id="graphkit-data">{_script_json(data)}</script>\n',
        f"<script>{js}</script>\n</body>\n</html>\n",
    ])
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(page)
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"]), "path": os.fspath(path)}


# --------------------------------------------------------------------------- the static image


def write_image(graph: networkx.MultiDiGraph, path: str | os.PathLike[str], *, title: str | None = None) -> dict:
    """Write a static picture for reports with matplotlib; the suffix of ``path`` (.png or .svg) is the format.

    Same colours and layout as the HTML page; labels for every actor up to 60 actors, else for the 60
    best connected; a legend of the actor types and relations shown. An SVG keeps its labels as text.

    >>> import networkx as nx, os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> write_image(nx.MultiDiGraph(), os.path.join(d, "empty.svg"))["nodes"]
    0
    >>> write_image(nx.MultiDiGraph(), os.path.join(d, "graph.pdf"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: cannot write an image to ...graph.pdf: the suffix must be .png or .svg, not '.pdf'
    """
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix not in _IMAGE_FORMATS:
        raise ValueError(f"cannot write an image to {os.fspath(path)}: the suffix must be .png or .svg, "
                         f"not {suffix or 'none'!r}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n = graph.number_of_nodes()
    pos, scale = _layout_scaled(graph, SEED)
    top = 0.94 if title else 1.0
    if pos:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        limits = (min(xs) - 90 * scale, max(xs) + 90 * scale, min(ys) - 40 * scale, max(ys) + 30 * scale)
    else:
        limits = (-300.0, 300.0, -300.0, 300.0)
    # Labels at 9 pt, as big as the layout made room for, unless the picture would be over 22 inches.
    per_unit = 9.0 / (12.0 * scale)
    width_in = (limits[1] - limits[0]) * per_unit / 72 / 0.78
    height_in = (limits[3] - limits[2]) * per_unit / 72 / top
    shrink = min(1.0, 28.0 / width_in, 22.0 / height_in)
    fig_w, fig_h = max(9.0, width_in * shrink), max(6.5, height_in * shrink)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "graphkit"}):
        fig = Figure(figsize=(fig_w, fig_h), dpi=150)
        FigureCanvasAgg(fig)
        _draw(fig, graph, title, pos, scale, limits)
        fig.savefig(path, format=_IMAGE_FORMATS[suffix], dpi=150, facecolor="white", bbox_inches="tight",
                    metadata={"Date": None} if suffix == ".svg" else None)
    return {"nodes": n, "edges": graph.number_of_edges(), "path": os.fspath(path)}


def _draw(fig: Any, graph: networkx.MultiDiGraph, title: str | None, pos: dict, scale: float,
          limits: tuple[float, float, float, float]) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    ax = fig.add_axes((0.0, 0.0, 0.78, 0.94 if title else 1.0))
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(limits[0], limits[1])
    ax.set_ylim(limits[2], limits[3])
    if title:
        fig.suptitle(title, fontsize=15, x=0.39, y=0.985)
    n = graph.number_of_nodes()
    if n == 0:
        ax.text(0, 0, "no actors", ha="center", va="center", fontsize=22, color="#777777")
        return
    box = ax.get_position()  # the axes keep the limits' aspect: points per layout unit is the tighter side
    points = min(box.width * fig.get_figwidth() * 72 / (limits[1] - limits[0]),
                 box.height * fig.get_figheight() * 72 / (limits[3] - limits[2]))
    font = min(11.0, max(5.0, 12.0 * scale * points))
    radius = {v: max(2.5, _radius(graph.degree(v)) * points) for v in graph.nodes}
    relations = {r["name"]: r for r in _relation_meta({str(a.get("relation") or k)
                                                       for _, _, k, a in graph.edges(keys=True, data=True)})}
    order = {v: i for i, v in enumerate(sorted(graph.nodes, key=str))}
    pairs: dict[tuple, list] = {}
    for edge in _sorted_edges(graph):
        pairs.setdefault(tuple(sorted((order[edge[0]], order[edge[1]]))), []).append(edge)
    for edges in pairs.values():
        for j, (u, v, key, attrs) in enumerate(edges):
            rel = relations[str(attrs.get("relation") or key)]
            bend = (j - (len(edges) - 1) / 2) * 0.25
            if order[u] > order[v]:  # the same side for a pair whatever the direction, as on the page
                bend = -bend
            width = min(4.0, 0.8 + 0.7 * math.log2(1 + (_number(attrs.get("articles")) or 0)))
            style = dict(color=rel["colour"], linewidth=width, linestyle="--" if _hedged_only(attrs) else "-",
                         alpha=0.85, zorder=1)
            if u == v:
                ax.add_patch(FancyArrowPatch(pos[u], (pos[u][0] + 0.25 / points, pos[u][1]), connectionstyle="arc3,rad=-40",
                                             arrowstyle="-", **style))
                continue
            ax.add_patch(FancyArrowPatch(pos[u], pos[v], connectionstyle=f"arc3,rad={bend}",
                                         arrowstyle="-" if rel["symmetric"] else "-|>", mutation_scale=8 + 2 * width,
                                         shrinkA=radius[u] + 1, shrinkB=radius[v] + 1, **style))
    nodelist = sorted(graph.nodes, key=str)
    ax.scatter([pos[v][0] for v in nodelist], [pos[v][1] for v in nodelist],
               s=[(2 * radius[v]) ** 2 for v in nodelist], zorder=2, edgecolors="white", linewidths=1.0,
               c=[TYPE_COLOURS[_type_key(graph.nodes[v].get("type"))] for v in nodelist])
    # A translucent box rather than a stroke path effect, which would turn the SVG's labels into paths.
    halo = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    for v in sorted(_labelled(graph), key=str):
        ax.annotate(_name(graph, v), pos[v], xytext=(0, -(radius[v] + 2)), textcoords="offset points",
                    ha="center", va="top", fontsize=font, zorder=3, bbox=halo)
    present = {_type_key(graph.nodes[v].get("type")) for v in graph.nodes}
    type_handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=colour,
                           markeredgecolor="white", label=TYPE_LABELS[t])
                    for t, colour in TYPE_COLOURS.items() if t in present]
    types_legend = fig.legend(handles=type_handles, title="actors (size: relationships)", loc="upper left",
                              bbox_to_anchor=(0.78, 0.92), frameon=False, fontsize=10, title_fontsize=10,
                              alignment="left")
    if relations:
        extent = types_legend.get_window_extent(fig.canvas.get_renderer())
        below = fig.transFigure.inverted().transform((0, extent.y0))[1] - 16 / (72 * fig.get_figheight())
        rel_handles = [Line2D([], [], color=r["colour"], linewidth=2.5,
                              label=r["label"] + (" (symmetric)" if r["symmetric"] else " →"))
                       for r in relations.values()]
        rel_handles.append(Line2D([], [], color="#555555", linewidth=2, linestyle="--", label="only hedged reports"))
        fig.legend(handles=rel_handles, title="relations (width: articles)", loc="upper left",
                   bbox_to_anchor=(0.78, below), frameon=False, fontsize=10, title_fontsize=10, alignment="left")
    ax.text(0.0, 0.0, f"{n} actors, {graph.number_of_edges()} relationships", fontsize=9, color="#666666",
            transform=ax.transAxes)
