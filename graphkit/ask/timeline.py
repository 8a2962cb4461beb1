"""When each relationship of an actor was stated: its evidence laid out by the publication date of the
articles (``graphkit timeline``).

:func:`timeline` takes a store and returns plain data: one entry a relationship of the actor (with the
other actor, if given), each with its dated statements (one per article, earliest first) and how many
of its articles are undated. Undated articles are counted, never placed on the time axis.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from graphkit.ask.query import evidence_by_relationship, show
from graphkit.ask.window import Window

if TYPE_CHECKING:
    from graphkit.store.base import GraphStore

__all__ = ["timeline", "timeline_rows"]


def timeline(store: GraphStore, actor: dict, other: dict | None = None, *, relations: list[str] | None = None,
             window: Window | None = None) -> list[dict]:
    """The relationships of ``actor`` (only those with ``other`` when given), each with ``relation``,
    ``direction`` (seen from ``actor``), ``actor``/``actor_id`` (the other side), ``first_seen``,
    ``last_seen``, ``articles``, ``undated`` (articles without a publication date) and ``statements``:
    one per dated article, earliest first, with ``date``, ``article``, ``article_title``, ``sentence``
    (its first evidence sentence there), ``hedged`` (all its sentences hedged) and ``reported_by``.
    Relationships are ordered by first date (undated last), then relation and name."""
    window = window or Window()
    record = show(store, actor, since=window.since, until=window.until)
    rels = [r for r in record["relationships"]
            if (other is None or r["actor_id"] == other["id"]) and (not relations or r["relation"] in relations)]
    evidence = evidence_by_relationship(store, [r["relationship_id"] for r in rels], window=window)
    out = []
    for rel in rels:
        per_article: dict[str, list[dict]] = {}
        for ev in evidence.get(rel["relationship_id"], []):
            per_article.setdefault(ev["article"], []).append(ev)
        statements = []
        undated = 0
        for article, evs in per_article.items():
            if not evs[0]["published"]:
                undated += 1
                continue
            statements.append({"date": evs[0]["published"], "article": article,
                               "article_title": evs[0]["article_title"], "sentence": evs[0]["sentence"],
                               "hedged": all(e["hedged"] for e in evs), "reported_by": evs[0]["reported_by"]})
        statements.sort(key=lambda s: (s["date"], s["article"]))
        out.append({"relation": rel["relation"], "direction": rel["direction"], "actor": rel["actor"],
                    "actor_id": rel["actor_id"], "relationship_id": rel["relationship_id"],
                    "articles": len(per_article), "undated": undated,
                    "first_seen": statements[0]["date"] if statements else None,
                    "last_seen": statements[-1]["date"] if statements else None, "statements": statements})
    out.sort(key=lambda r: (r["first_seen"] is None, r["first_seen"] or "", r["relation"], r["actor"], r["actor_id"]))
    return out


def timeline_rows(entries: list[dict], subject: str) -> list[dict]:
    """The flat form: one row a dated statement, then, for a relationship also stated in undated
    articles, one row with ``date`` None saying how many."""
    rows = []
    for rel in entries:
        base = {"actor": subject, "direction": rel["direction"], "relation": rel["relation"], "other": rel["actor"],
                "other_id": rel["actor_id"]}
        for st in rel["statements"]:
            rows.append({**base, **st})
        if rel["undated"]:
            rows.append({**base, "date": None, "article": None, "article_title": None,
                         "sentence": f"({rel['undated']} undated article(s))", "hedged": None, "reported_by": None})
    return rows
