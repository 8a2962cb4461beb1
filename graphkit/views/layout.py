"""Where each actor goes: a seeded, label-aware layout of an actor graph, the same for the page and the image.

Each connected component is laid out on its own and the components are packed in rows, biggest first.
Positions are in page units (pixels at the page's 12 px label font), y up; nodes are sorted before
anything is laid out, so the result does not depend on the order nodes or edges were added in.

>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "b"), ("c", "d")])
>>> sorted(layout(g)) == ["a", "b", "c", "d"] and radius(g.degree("a")) == 9.5
True
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Hashable

if TYPE_CHECKING:
    import networkx

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
    return layout_scaled(graph, seed)[0]


def layout_scaled(graph: networkx.MultiDiGraph, seed: int) -> tuple[dict, float]:
    """:func:`layout_units` and the size of the labels it made room for, as a multiple of 12 units."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    simple.add_edges_from(sorted(((u, v) if str(u) <= str(v) else (v, u) for u, v in graph.edges() if u != v),
                                 key=lambda e: (str(e[0]), str(e[1]))))
    if len(simple) == 0:
        return {}, 1.0
    with_label = labelled(graph)
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
            r = radius(graph.degree(v))
            text = text_width(node_name(graph, v)) * scale if v in with_label else 0.0
            half_w[v] = max(r, text / 2) + 6
            half_h[v] = r + scale * LABEL_HEIGHT / 2 + 3  # the label hangs below: the box centre is lower
        placed = [(nodes, _fit_component(p, nodes, simple, half_w, half_h)) for nodes, p in zip(components, raw)]
        pos, width, height = _pack(placed, half_w, half_h, scale * LABEL_HEIGHT)
        wanted = min(2.5, max(1.0, (width + 60) / PAGE_CANVAS[0], (height + 60) / PAGE_CANVAS[1]))
        if wanted <= scale * 1.05:
            break
        scale = wanted
    return pos, scale


def text_width(name: str) -> float:
    """About how wide a label is in page units at the 12 px font (capitals and m, w count wider)."""
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


def labelled(graph: networkx.MultiDiGraph) -> set:
    """The actors that get a label: all up to LABEL_LIMIT, else the LABEL_LIMIT best connected."""
    if graph.number_of_nodes() <= LABEL_LIMIT:
        return set(graph.nodes)
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(node_name(graph, n))))
    return set(ranked[:LABEL_LIMIT])


def node_name(graph: networkx.MultiDiGraph, node: Hashable) -> str:
    """The label of an actor: its name, else its id."""
    return str(graph.nodes[node].get("name") or node)


def radius(degree: int) -> float:
    """Node radius in page units: area grows with the number of relationships."""
    return round(6 + 3.5 * math.sqrt(degree), 2)
