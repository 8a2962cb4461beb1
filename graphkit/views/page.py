"""The interactive picture: one self-contained HTML page that draws an actor graph offline.

The page is :file:`viz_page.css` and :file:`viz_page.js` inlined, with the graph embedded as escaped
JSON (:func:`page_data`) under a Content-Security-Policy that runs only the page's own two scripts.

>>> import networkx as nx, os, tempfile
>>> g = nx.MultiDiGraph()
>>> g.add_edge("iran", "hezbollah", key="funds", relation="funds", articles=2)
'funds'
>>> write_html(g, os.path.join(tempfile.mkdtemp(), "graph.html"))["nodes"]
2
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from importlib import resources
from typing import TYPE_CHECKING, Any

from graphkit.views.files import replacing
from graphkit.views.layout import labelled, layout_units, node_name, radius
from graphkit.views.style import TYPE_COLOURS, TYPE_LABELS, number, relation_meta, sorted_edges, type_key

if TYPE_CHECKING:
    import networkx

# Above this many actors the page opens with pairs and isolated actors hidden: a real corpus gives one
# dense cluster and hundreds of two-actor components that bury it.
HIDE_SMALL_ABOVE = 300
# Spelling forgiveness of the page's search: a word matches at this similarity or more (rapidfuzz's
# ratio, computed the same way in the page), as the CLI's look-up forgives a misspelt name.
SEARCH_SIMILARITY = 0.85


def _examples(attrs: dict) -> list[dict]:
    out = []
    for ex in attrs.get("examples") or []:
        if not isinstance(ex, dict):
            continue
        out.append({"sentence": str(ex.get("sentence") or ""), "article_id": str(ex.get("article_id") or ""),
                    "hedged": bool(ex.get("hedged")), "title": str(ex["title"]) if ex.get("title") else None})
    return out


def _dictionary_names(name: str) -> list[str]:
    """The actor dictionary's other names for an actor, so the search finds "UAE" as the CLI does."""
    from graphkit.model.dictionary import load_dictionary

    entry = load_dictionary().lookup(name)
    if entry is None:
        return []
    return [n for n in (entry.name, *entry.aliases) if n != name]


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
    with_label = labelled(graph)
    nodes = []
    for n in order:
        attrs = graph.nodes[n]
        x, y = pos[n]
        nodes.append({"id": str(n), "name": node_name(graph, n), "type": type_key(attrs.get("type")),
                      "aliases": [str(a) for a in attrs.get("aliases") or []], "degree": graph.degree(n),
                      "r": radius(graph.degree(n)), "x": x, "y": round(-y, 2) + 0.0,
                      "label": n in with_label, "also": _dictionary_names(node_name(graph, n))})
    edges = []
    for u, v, key, attrs in sorted_edges(graph):
        relation = str(attrs.get("relation") or key)
        edges.append({"id": str(attrs.get("id") or f"{u}|{relation}|{v}"), "source": index[u], "target": index[v],
                      "relation": relation, "articles": number(attrs.get("articles")) or 0,
                      "hedged_share": number(attrs.get("hedged_share")),
                      "best_confidence": number(attrs.get("best_confidence")),
                      "first_seen": attrs.get("first_seen"), "last_seen": attrs.get("last_seen"),
                      "examples": _examples(attrs)})
    types = [{"name": t, "label": TYPE_LABELS[t], "colour": c} for t, c in TYPE_COLOURS.items()]
    return {"title": title, "nodes": nodes, "edges": edges, "types": types,
            "relations": relation_meta({e["relation"] for e in edges}),
            "hide_small": len(nodes) > HIDE_SMALL_ABOVE, "similarity": SEARCH_SIMILARITY}


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
    checkbox per relation filters, as do a minimum number of articles, hedged/plain and a date range
    (a slider over the months the relationships were stated); pairs and isolated actors can be hidden
    (the default above :data:`HIDE_SMALL_ABOVE` actors). A search box finds actors by name, alias or a
    name the actor dictionary knows, forgiving spelling. The address may name what to show:
    ``page.html#node=NAME`` (an id, name or alias), ``#edge=ID`` or ``#q=TEXT``, with ``hide=REL,REL``
    (unticks relations), ``min=N``, ``hedging=plain|hedged``, ``from=YYYY-MM``, ``to=YYYY-MM``,
    ``undated=0`` and ``small=show|hide`` (pairs and isolated actors). All names and sentences are
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
        '<h3>Filters</h3>\n<div id="filters">\n',
        '<label>at least <input id="min-articles" type="number" min="1" step="1" value="1"> article(s)</label>\n',
        '<label>hedging <select id="hedging"><option value="all">all relationships</option>'
        '<option value="plain">stated plainly by an article</option>'
        '<option value="hedged">only hedged</option></select></label>\n',
        '<div id="dates"><div id="date-sliders"><label>from <input id="date-from" type="range" min="0" max="0" '
        'value="0"></label><label>to <input id="date-to" type="range" min="0" max="0" value="0"></label>'
        '<output id="date-range"></output></div>'
        '<label><input id="undated" type="checkbox" checked> undated relationships</label></div>\n',
        '<label><input id="hide-small" type="checkbox"> hide pairs and isolated actors</label>\n',
        '<p id="hidden" aria-live="polite"></p>\n</div>\n',
        '<p class="key">arrow: direction · width: number of articles · dashed: every article only hedges it</p>\n',
        '<div id="details"></div>\n</aside>\n',
        f'<script type="application/json" id="graphkit-data">{_script_json(data)}</script>\n',
        f"<script>{js}</script>\n</body>\n</html>\n",
    ])
    with replacing(path) as fh:  # whole or not at all, readable by the user only
        fh.write(page)
    return {"nodes": len(data["nodes"]), "edges": len(data["edges"]), "path": os.fspath(path)}
