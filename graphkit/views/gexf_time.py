"""Time intervals for Gephi: GEXF ``start``/``end`` on every dated edge and actor, so Gephi's timeline
filter can play the network over time.

An edge runs from the first to the last publication date of the articles stating it; an actor from the
first to the last date of its edges. Dates are written as whole days (``timeformat="date"``): a year or
month alone runs from its first to its last day. An edge or actor with no dated article gets no
interval, which Gephi shows at every moment.

>>> day_bounds("2008"), day_bounds("2008-02"), day_bounds("2008-07-13T07:30:00Z")
(('2008-01-01', '2008-12-31'), ('2008-02-01', '2008-02-29'), ('2008-07-13', '2008-07-13'))
"""
from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx

__all__ = ["day_bounds", "with_time_intervals"]


def day_bounds(day: str) -> tuple[str, str]:
    """The first and last day (YYYY-MM-DD) an ISO date or timestamp covers."""
    year = int(day[:4])
    if len(day) >= 10:
        return day[:10], day[:10]
    if len(day) >= 7:
        month = int(day[5:7])
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def with_time_intervals(graph: networkx.MultiDiGraph) -> networkx.MultiDiGraph:
    """``graph`` (flat, as :func:`graphkit.views.export.flat_graph` makes it) with ``start``/``end``
    on its edges from ``first_seen``/``last_seen`` and on its nodes from their edges; changed in place."""
    spans: dict[str, list[str]] = {}
    for s, o, data in graph.edges(data=True):
        first, last = data.get("first_seen"), data.get("last_seen")
        if not first or not last:
            continue
        data["start"], data["end"] = day_bounds(first)[0], day_bounds(last)[1]
        for node in (s, o):
            span = spans.setdefault(node, [data["start"], data["end"]])
            span[0], span[1] = min(span[0], data["start"]), max(span[1], data["end"])
    for node, (start, end) in spans.items():
        graph.nodes[node]["start"], graph.nodes[node]["end"] = start, end
    return graph
