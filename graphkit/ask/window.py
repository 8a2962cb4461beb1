"""A date window over publication dates: what ``--since`` and ``--until`` keep.

A relationship is in the window when at least one of its evidence sentences comes from an article
published inside it; its aggregates (articles, evidence, hedged share, best confidence, first and last
seen, first sentence) are then those of that evidence alone. An undated article has no publication
date (its ingest time is never one), so a window leaves it out. A bound as coarse as ``2022`` or
``2022-06`` takes in the whole year or month; a date coarser than a bound counts from its start
(``2022`` is before ``2022-06``).

>>> w = Window.of("2022", "2023-06")
>>> [w.holds(d) for d in ("2021-12-31", "2022-01-01", "2023-06-30T23:00:00Z", "2023-07-01", None)]
[False, True, True, False, False]
>>> Window.of("2022-13", None)
Traceback (most recent call last):
...
ValueError: --since '2022-13' is not a date; give YYYY, YYYY-MM or YYYY-MM-DD
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Optional

from graphkit.store.rows import iso_date

if TYPE_CHECKING:
    import networkx

    from graphkit.store.base import GraphStore

__all__ = ["Window", "check_date", "published", "windowed", "windowed_graph", "evidence_in"]

_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_date(value: str | None, flag: str) -> str | None:
    """``value`` when it is a real YYYY, YYYY-MM or YYYY-MM-DD date (None stays None); else ValueError
    with a one-line message naming ``flag``."""
    if value is None:
        return None
    match = _BOUND.fullmatch(value.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in match.groups())
        date(year, month, day)
    except ValueError:
        raise ValueError(f"{flag} {value!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value.strip()


def published(evidence: dict) -> str | None:
    """The publication date (ISO 8601) of an evidence row's article, None when the article is undated."""
    if "article_published" in evidence:
        return evidence["article_published"]
    return iso_date(evidence.get("article_date"))


def article_published(article: dict) -> str | None:
    """The publication date of a stored article row (``store.articles()``), None when it is undated: the
    stores keep an undated article's ``seen_at`` equal to its ``ingested_at``."""
    seen = article.get("seen_at")
    return seen if seen != article.get("ingested_at") else None


@dataclass(frozen=True)
class Window:
    """``since`` and ``until`` (inclusive, YYYY[-MM[-DD]]); both None is no window at all."""

    since: Optional[str] = None
    until: Optional[str] = None

    @classmethod
    def of(cls, since: str | None = None, until: str | None = None) -> Window:
        """The window of two checked bounds; ValueError (one line) for a bad one or since after until."""
        window = cls(check_date(since, "--since"), check_date(until, "--until"))
        if window.since and window.until and window.since[:len(window.until)] > window.until:
            raise ValueError(f"--since {since} is after --until {until}")
        return window

    def __bool__(self) -> bool:
        return bool(self.since or self.until)

    def holds(self, day: str | None) -> bool:
        """Whether a publication date lies in the window (no date: only when there is no window)."""
        if not self:
            return True
        if not day:
            return False
        if self.since and day[:len(self.since)] < self.since:
            return False
        return not (self.until and day[:len(self.until)] > self.until)


def evidence_in(rows: Iterable[dict], window: Window) -> list[dict]:
    """The evidence rows whose article was published inside ``window`` (all of them without one)."""
    return [ev for ev in rows if window.holds(published(ev))]


def _aggregates(evidence: list[dict]) -> dict[str, Any]:
    """A relationship's aggregates computed from some of its evidence rows (as the stores compute them)."""
    per_article: dict[str, list[dict]] = {}
    for ev in evidence:
        per_article.setdefault(ev["article_id"], []).append(ev)
    hedged = [all(e["hedged"] for e in rows) for rows in per_article.values()]
    dates = [d for d in (published(rows[0]) for rows in per_article.values()) if d]
    confidences = [e["confidence"] for e in evidence if e.get("confidence") is not None]
    first = evidence[0]
    return {"articles": len(per_article), "evidence": len(evidence),
            "hedged_share": sum(hedged) / len(hedged), "best_confidence": max(confidences, default=None),
            "first_seen": min(dates, default=None), "last_seen": max(dates, default=None),
            "first_sentence": first["sentence"], "first_article": first["article_id"],
            "first_article_title": first.get("article_title")}


def windowed(store: GraphStore, rels: list[dict], window: Window) -> list[dict]:
    """The relationship rows (of ``relationships_touching`` or ``relationships``) stated inside
    ``window``, with their aggregates recomputed from that evidence; all of them, untouched, without one."""
    if not window or not rels:
        return rels
    by_rel: dict[str, list[dict]] = {}
    for ev in evidence_in(store.evidence_of([r["id"] for r in rels]), window):
        by_rel.setdefault(ev["relationship_id"], []).append(ev)
    out = []
    for rel in rels:
        evidence = by_rel.get(rel["id"])
        if evidence:
            aggregates = _aggregates(evidence)  # evidence_of gives insertion order
            out.append({**rel, **{k: v for k, v in aggregates.items() if k in rel or k.startswith("first_")}})
    return out


def windowed_graph(store: GraphStore, graph: networkx.MultiDiGraph, window: Window) -> networkx.MultiDiGraph:
    """``graph`` (of :func:`graphkit.store.base.graph_of`) with only the edges stated inside ``window``,
    their attributes recomputed from that evidence, and without the actors left with no edge."""
    if not window:
        return graph
    edges = [(s, o, k, d) for s, o, k, d in graph.edges(keys=True, data=True)]
    rels = [{"id": d["id"], "articles": d.get("articles"), "evidence": d.get("evidence"),
             "hedged_share": d.get("hedged_share"), "best_confidence": d.get("best_confidence"),
             "first_seen": d.get("first_seen"), "last_seen": d.get("last_seen")} for _, _, _, d in edges if d.get("id")]
    kept = {r["id"]: r for r in windowed(store, rels, window)}
    for s, o, k, d in edges:
        rel = kept.get(d.get("id"))
        if rel is None:
            graph.remove_edge(s, o, key=k)
        else:
            d.update({key: rel[key] for key in ("articles", "evidence", "hedged_share", "best_confidence",
                                                "first_seen", "last_seen")})
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    return graph
