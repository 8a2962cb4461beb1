"""Pictures of an actor graph: one self-contained interactive HTML page, or a static PNG/SVG image.

Both take the :class:`networkx.MultiDiGraph` of :meth:`graphkit.store.sqlite.SQLiteStore.to_networkx`
(nodes keyed by actor id with ``name``, ``type``, ``aliases``; edges keyed by relation with
``relation``, ``articles``, ``hedged_share``, ``best_confidence``, ``id`` and optionally ``examples``,
a list of evidence dicts ``{sentence, article_id, hedged, title}``) and return plain counts.
Positions come from a seeded spring layout, so the same graph always gives the same picture; the
colours of actor types and relations are :data:`TYPE_COLOURS` and :data:`RELATION_COLOURS`, shared by
both pictures.

This module gathers the public names; the work is done in :mod:`graphkit.views.layout` (positions),
:mod:`graphkit.views.style` (colours), :mod:`graphkit.views.page` (the HTML page) and
:mod:`graphkit.views.image` (the PNG/SVG).

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

from graphkit.views.image import write_image
from graphkit.views.layout import LABEL_LIMIT, SEED, layout, layout_units
from graphkit.views.page import page_data, write_html
from graphkit.views.style import RELATION_COLOURS, TYPE_COLOURS

__all__ = ["write_html", "write_image", "page_data", "layout", "layout_units", "RELATION_COLOURS", "TYPE_COLOURS",
           "LABEL_LIMIT", "SEED"]
