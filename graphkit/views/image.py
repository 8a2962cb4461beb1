"""The static picture: a PNG or SVG of an actor graph for reports, drawn with matplotlib.

Same layout (:mod:`graphkit.views.layout`) and colours (:mod:`graphkit.views.style`) as the page.

>>> import networkx as nx, os, tempfile
>>> g = nx.MultiDiGraph([("iran", "hezbollah", {"relation": "funds", "articles": 2})])
>>> write_image(g, os.path.join(tempfile.mkdtemp(), "graph.svg"))["edges"]
1
"""
from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any

from graphkit.views.files import replacing
from graphkit.views.layout import SEED, labelled, layout_scaled, node_name, radius
from graphkit.views.render import printable
from graphkit.views.style import TYPE_COLOURS, TYPE_LABELS, hedged_only, number, relation_meta, sorted_edges, type_key

if TYPE_CHECKING:
    import networkx

_IMAGE_FORMATS = {".png": "png", ".svg": "svg"}


def write_image(graph: networkx.MultiDiGraph, path: str | os.PathLike[str], *, title: str | None = None) -> dict:
    """Write a static picture for reports with matplotlib; the suffix of ``path`` (.png or .svg) is the format.

    Same colours and layout as the HTML page; labels for every actor up to 60 actors, else for the 60
    best connected; a legend of the actor types and relations shown. An SVG keeps its labels as text.
    Names are drawn as plain text (no math, no control characters); the file is written whole or not
    at all, readable by the user only (see :func:`graphkit.views.files.replacing`).

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
    pos, scale = layout_scaled(graph, SEED)
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
        with replacing(path, "wb") as fh:
            fig.savefig(fh, format=_IMAGE_FORMATS[suffix], dpi=150, facecolor="white", bbox_inches="tight",
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
        fig.suptitle(printable(title), fontsize=15, x=0.39, y=0.985, parse_math=False)
    n = graph.number_of_nodes()
    if n == 0:
        ax.text(0, 0, "no actors", ha="center", va="center", fontsize=22, color="#777777")
        return
    box = ax.get_position()  # the axes keep the limits' aspect: points per layout unit is the tighter side
    points = min(box.width * fig.get_figwidth() * 72 / (limits[1] - limits[0]),
                 box.height * fig.get_figheight() * 72 / (limits[3] - limits[2]))
    font = min(11.0, max(5.0, 12.0 * scale * points))
    radius_pt = {v: max(2.5, radius(graph.degree(v)) * points) for v in graph.nodes}
    relations = {r["name"]: r for r in relation_meta({str(a.get("relation") or k)
                                                       for _, _, k, a in graph.edges(keys=True, data=True)})}
    order = {v: i for i, v in enumerate(sorted(graph.nodes, key=str))}
    pairs: dict[tuple, list] = {}
    for edge in sorted_edges(graph):
        pairs.setdefault(tuple(sorted((order[edge[0]], order[edge[1]]))), []).append(edge)
    for edges in pairs.values():
        for j, (u, v, key, attrs) in enumerate(edges):
            rel = relations[str(attrs.get("relation") or key)]
            bend = (j - (len(edges) - 1) / 2) * 0.25
            if order[u] > order[v]:  # the same side for a pair whatever the direction, as on the page
                bend = -bend
            width = min(4.0, 0.8 + 0.7 * math.log2(1 + (number(attrs.get("articles")) or 0)))
            style = dict(color=rel["colour"], linewidth=width, linestyle="--" if hedged_only(attrs) else "-",
                         alpha=0.85, zorder=1)
            if u == v:
                ax.add_patch(FancyArrowPatch(pos[u], (pos[u][0] + 0.25 / points, pos[u][1]), connectionstyle="arc3,rad=-40",
                                             arrowstyle="-", **style))
                continue
            ax.add_patch(FancyArrowPatch(pos[u], pos[v], connectionstyle=f"arc3,rad={bend}",
                                         arrowstyle="-" if rel["symmetric"] else "-|>", mutation_scale=8 + 2 * width,
                                         shrinkA=radius_pt[u] + 1, shrinkB=radius_pt[v] + 1, **style))
    nodelist = sorted(graph.nodes, key=str)
    ax.scatter([pos[v][0] for v in nodelist], [pos[v][1] for v in nodelist],
               s=[(2 * radius_pt[v]) ** 2 for v in nodelist], zorder=2, edgecolors="white", linewidths=1.0,
               c=[TYPE_COLOURS[type_key(graph.nodes[v].get("type"))] for v in nodelist])
    # A translucent box rather than a stroke path effect, which would turn the SVG's labels into paths.
    halo = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    for v in sorted(labelled(graph), key=str):
        ax.annotate(printable(node_name(graph, v)), pos[v], xytext=(0, -(radius_pt[v] + 2)),
                    textcoords="offset points", ha="center", va="top", fontsize=font, zorder=3, bbox=halo,
                    parse_math=False)  # a name is text: "$5 and $6" is not math
    present = {type_key(graph.nodes[v].get("type")) for v in graph.nodes}
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
