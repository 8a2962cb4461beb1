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
from typing import TYPE_CHECKING, Any, Hashable

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
RELATION_COLOURS: dict[str, str] = {
    "commands": "#1f77b4",
    "supplies_weapons_to": "#d62728",
    "negotiated_with": "#2ca02c",
    "rival_of": "#9467bd",
    "member_of": "#7f7f7f",
    "supports": "#17becf",
    "funds": "#bcbd22",
    "attacked": "#ff7f0e",
}
OTHER_RELATION_COLOUR = "#444444"
LABEL_LIMIT = 60  # above this many actors only the best connected ones are labelled
SEED = 7

_IMAGE_FORMATS = {".png": "png", ".svg": "svg"}


# --------------------------------------------------------------------------- shared by both pictures


def layout(graph: networkx.MultiDiGraph, *, seed: int = SEED) -> dict[Hashable, tuple[float, float]]:
    """Node positions in [-1, 1] x [-1, 1] (y up) from a spring layout with a fixed seed.

    The result does not depend on the order nodes or edges were added in.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> layout(g) == layout(nx.MultiDiGraph([("b", "c"), ("a", "b")]))
    True
    >>> layout(nx.MultiDiGraph())
    {}
    """
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    if len(simple) == 0:
        return {}
    try:
        pos = nx.spring_layout(simple, seed=seed, iterations=100 if len(simple) < 500 else 50)
    except ImportError:  # 500 nodes and more need SciPy's sparse solver; the dense one gives the same kind of picture
        pos = _dense_spring_layout(simple, seed)
    pos = nx.rescale_layout_dict(pos, scale=1.0)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _dense_spring_layout(simple: networkx.Graph, seed: int) -> dict:
    import networkx as nx

    solver = getattr(nx.drawing.layout, "_fruchterman_reingold", None)
    if solver is None or len(simple) > 3000:  # the dense solver needs n*n*2 floats
        return nx.circular_layout(simple)
    return dict(zip(simple, solver(nx.to_numpy_array(simple), seed=seed)))


def _type_key(value: Any) -> str:
    return value if value in TYPE_COLOURS else "UNKNOWN"


def _relation_meta(names: set[str]) -> list[dict]:
    """The relations present, in palette order, with colour, label and symmetry (from the schema)."""
    try:
        from .schema import load_schema

        schema = load_schema().relations
    except Exception:  # noqa: BLE001 - a picture needs no schema; fall back to the two symmetric relations
        schema = {}
    symmetric_default = {"negotiated_with", "rival_of"}
    ordered = [r for r in RELATION_COLOURS if r in names] + sorted(names - set(RELATION_COLOURS))
    out = []
    for name in ordered:
        rel = schema.get(name)
        out.append({"name": name, "colour": RELATION_COLOURS.get(name, OTHER_RELATION_COLOUR),
                    "label": rel.label if rel else name.replace("_", " "),
                    "symmetric": rel.symmetric if rel else name in symmetric_default})
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
    pos = layout(graph)
    order = sorted(graph.nodes, key=str)
    index = {n: i for i, n in enumerate(order)}
    spread = 120 + 70 * math.sqrt(len(order))  # page units from the centre to the farthest actor
    labelled = _labelled(graph)
    nodes = []
    for n in order:
        attrs = graph.nodes[n]
        x, y = pos[n]
        nodes.append({"id": str(n), "name": _name(graph, n), "type": _type_key(attrs.get("type")),
                      "aliases": [str(a) for a in attrs.get("aliases") or []], "degree": graph.degree(n),
                      "r": _radius(graph.degree(n)), "x": round(x * spread, 2), "y": round(-y * spread, 2),
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
    return resources.files("graphkit").joinpath(name).read_text(encoding="utf-8")


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
    side = min(22.0, max(7.0, 4.0 + 1.0 * math.sqrt(n)))
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "graphkit"}):
        fig = Figure(figsize=(side * 1.3, side), dpi=150)
        FigureCanvasAgg(fig)
        _draw(fig, graph, title)
        fig.savefig(path, format=_IMAGE_FORMATS[suffix], dpi=150, facecolor="white", bbox_inches="tight",
                    metadata={"Date": None} if suffix == ".svg" else None)
    return {"nodes": n, "edges": graph.number_of_edges(), "path": os.fspath(path)}


def _draw(fig: Any, graph: networkx.MultiDiGraph, title: str | None) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    ax = fig.add_axes((0.0, 0.0, 0.78, 0.94 if title else 1.0))
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(-1.2, 1.2)
    ax.set_ylim(-1.2, 1.2)
    if title:
        fig.suptitle(title, fontsize=15, x=0.39, y=0.985)
    n = graph.number_of_nodes()
    if n == 0:
        ax.text(0, 0, "no actors", ha="center", va="center", fontsize=22, color="#777777")
        return
    pos = layout(graph)
    font = max(7.0, 11.0 - n / 15)
    points = min(1.0, 5.0 / math.sqrt(n)) + 0.3  # node size in points per page unit: smaller in crowded pictures
    radius = {v: _radius(graph.degree(v)) * points for v in graph.nodes}
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
                ax.add_patch(FancyArrowPatch(pos[u], (pos[u][0] + 1e-3, pos[u][1]), connectionstyle="arc3,rad=-40",
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
    ax.text(-1.2, -1.2, f"{n} actors, {graph.number_of_edges()} relationships", fontsize=9, color="#666666")
