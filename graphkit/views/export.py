"""Exports of a stored graph for Gephi, Cytoscape and spreadsheets.

Nodes carry ``label`` (the name), ``type`` and ``aliases``; edges ``relation``, ``articles``,
``evidence``, ``hedged_share``, ``best_confidence``, ``first_seen``, ``last_seen`` (first and last
publication date), ``symmetric`` and, when the graph carries them (:func:`graphkit.ask.query.attach_first_evidence`),
``example`` (the first evidence sentence), ``example_article`` and ``example_article_title``. GEXF
edges and nodes also get ``start``/``end`` for Gephi's timeline (:mod:`graphkit.views.gexf_time`).

>>> import networkx as nx, io
>>> g = nx.MultiDiGraph()
>>> g.add_node("hamas", name="Hamas", type="ORGANIZATION", aliases=["Harakat al-Muqawama"])
>>> g.add_node("fatah", name="Fatah", type="ORGANIZATION", aliases=[])
>>> _ = g.add_edge("fatah", "hamas", key="rival_of", relation="rival_of", articles=2, hedged_share=0.5)
>>> out = io.StringIO()
>>> write_csv(g, out, what="relationships")
>>> out.getvalue().splitlines()[1]
'fatah,Fatah,rival_of,hamas,Hamas,2,,0.5,,,,true,,,'
"""
from __future__ import annotations

import json
import os
import re
from typing import IO, TYPE_CHECKING, Any

from graphkit.views.files import replacing
from graphkit.views.render import csv_value, csv_writer
from graphkit.model.schema import load_schema

if TYPE_CHECKING:
    import networkx

EXPORT_FORMATS = ("graphml", "gexf", "csv", "json")
NODE_FIELDS = ("id", "label", "type", "aliases")
EDGE_FIELDS = ("source", "source_label", "relation", "target", "target_label", "articles", "evidence",
               "hedged_share", "best_confidence", "first_seen", "last_seen", "symmetric",
               "example", "example_article", "example_article_title")
ALIAS_SEPARATOR = "; "
# What XML 1.0 forbids in a document: C0 controls but tab, newline and carriage return, NUL, lone
# surrogates, U+FFFE and U+FFFF. networkx writes them as they are, and no XML reader reads the file back.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """A string without the characters XML cannot hold (dropped); anything else as it is.

    >>> xml_safe("Red\\x00 Hand\\x1b[31m"), xml_safe(3)
    ('Red Hand[31m', 3)
    """
    return _XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def flat_graph(graph: networkx.MultiDiGraph) -> networkx.MultiDiGraph:
    """A copy with only scalar attributes, as GraphML and GEXF want: aliases joined with '; ', missing
    values dropped, ``label`` the actor's name, ``symmetric`` on each edge, and every string (ids too)
    :func:`xml_safe`."""
    import networkx as nx

    symmetric = load_schema().symmetric
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {"label": data.get("name") or node, "type": data.get("type") or "",
                 "aliases": ALIAS_SEPARATOR.join(data.get("aliases") or [])}
        flat.add_node(xml_safe(node), **{k: xml_safe(v) for k, v in attrs.items()})
    for s, o, key, data in graph.edges(keys=True, data=True):
        attrs = {k: v for k, v in data.items() if v is not None and k != "id" and not isinstance(v, (list, dict))}
        attrs["symmetric"] = data.get("relation") in symmetric
        flat.add_edge(xml_safe(s), xml_safe(o), key=xml_safe(key), **{k: xml_safe(v) for k, v in attrs.items()})
    return flat


def write_csv(graph: networkx.MultiDiGraph, out: IO[str], what: str = "relationships") -> None:
    """One CSV table: ``relationships`` (one row an edge, with both names) or ``actors``."""
    symmetric = load_schema().symmetric
    writer = csv_writer(out)
    if what == "actors":
        writer.writerow(NODE_FIELDS)
        for node, data in sorted(graph.nodes(data=True)):
            writer.writerow([csv_value(v) for v in (node, data.get("name") or node, data.get("type"),
                                                    ALIAS_SEPARATOR.join(data.get("aliases") or []))])
        return
    writer.writerow(EDGE_FIELDS)
    for s, o, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        row = {"source": s, "source_label": graph.nodes[s].get("name") or s, "relation": key, "target": o,
               "target_label": graph.nodes[o].get("name") or o, "symmetric": key in symmetric}
        row.update({k: data.get(k) for k in EDGE_FIELDS if k in data and k not in row})
        writer.writerow([csv_value(row.get(k)) for k in EDGE_FIELDS])


def node_link(graph: networkx.MultiDiGraph) -> dict:
    """The graph as node-link JSON (networkx ``node_link_data``, edges under ``links``)."""
    import networkx as nx

    return nx.node_link_data(graph, edges="links")


def export_graph(graph: networkx.MultiDiGraph, fmt: str, out: str) -> list[str]:
    """Write the graph as ``fmt`` to ``out`` and return the files written. ``csv`` writes two files:
    ``out`` is a directory (created if missing) that gets ``actors.csv`` and ``relationships.csv``."""
    import networkx as nx

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv":
        os.makedirs(out, exist_ok=True)
        written = []
        for what in ("actors", "relationships"):
            path = os.path.join(out, f"{what}.csv")
            with replacing(path, newline="") as fh:
                write_csv(graph, fh, what)
            written.append(path)
        return written
    if fmt == "json":
        with replacing(out) as fh:
            json.dump(node_link(graph), fh, ensure_ascii=False, indent=1)
    else:
        from graphkit.views.gexf_time import with_time_intervals

        flat = flat_graph(graph)
        with replacing(out, "wb") as fh:
            if fmt == "graphml":
                nx.write_graphml(flat, fh)
            else:
                nx.write_gexf(with_time_intervals(flat), fh)
    return [out]
