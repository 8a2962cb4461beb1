"""What every graph store offers: the :class:`GraphStore` protocol that :mod:`graphkit.run`,
:mod:`graphkit.ask` and the CLI program against, and the one error a store raises.

Both backends satisfy it (checked in ``tests/test_store_contract.py``):

>>> from graphkit.store import SQLiteStore
>>> isinstance(SQLiteStore(":memory:"), GraphStore)
True
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Protocol, Sequence, runtime_checkable

if TYPE_CHECKING:
    import networkx

    from graphkit.records import Article, Triple

__all__ = ["GraphStore", "StoreError", "WriteCounts"]

WriteCounts = dict[str, int]  # stored, skipped, actors, relationships, evidence


class StoreError(Exception):
    """The store cannot be opened, read or written; the message is one line naming the file or server."""


@runtime_checkable
class GraphStore(Protocol):
    """A graph of actors and relationships with their evidence, written in article batches.

    Reads return plain rows (dicts) sorted as documented; relationship ids are
    ``subject_id|relation|object_id``; symmetric relations are stored with ``subject_id <= object_id``.
    """

    path: str  # what messages name: the file, or the server's URI

    # ------------------------------------------------------------------ writing

    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored."""
        ...

    def stored_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored."""
        ...

    def add_articles(self, batch: Sequence[tuple[Article, Sequence[Triple]]]) -> WriteCounts:
        """Store articles with their triples in one transaction, skipping those already stored; counts
        ``stored``, ``skipped``, and the ``actors``, ``relationships`` and ``evidence`` this batch added."""
        ...

    def forget(self, article_id: str) -> bool:
        """Remove an article and what only it supported; False when it is not stored."""
        ...

    # ------------------------------------------------------------------ reading

    def stats(self) -> dict[str, int]:
        """Counts: articles, actors, relationships, evidence."""
        ...

    def article(self, article_id: str) -> dict[str, Any] | None:
        """id, title, source, date, ingested_at of a stored article."""
        ...

    def articles(self, sources: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Stored articles (all, or those of these sources) ordered by ingested_at then id: id, title,
        source, date, ingested_at, seen_at, relationships and evidence (counts of what they support)."""
        ...

    def actors(self) -> Iterator[dict[str, Any]]:
        """Actors sorted by id: id, name, type, aliases (sorted)."""
        ...

    def relationships(self) -> Iterator[dict[str, Any]]:
        """Relationships sorted by id with names and the aggregates of their evidence."""
        ...

    def evidence(self, relationship: str | None = None, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Evidence rows, optionally of one relationship and/or one article, in insertion order."""
        ...

    def actors_named(self, text: str) -> list[dict[str, Any]]:
        """Actors whose id is ``text``, or whose name or an alias is ``text`` up to case."""
        ...

    def neighbours(self, actor_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The relationships of these actors without aggregates, sorted by id."""
        ...

    def relationships_touching(self, actor_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The relationships of these actors with aggregates, types and their first evidence."""
        ...

    def evidence_of(self, relationship_ids: Iterable[str]) -> list[dict[str, Any]]:
        """Evidence rows of these relationships with their article's title, source and date."""
        ...

    def to_networkx(self) -> networkx.MultiDiGraph:
        """Actors as nodes, one edge per relationship keyed by relation."""
        ...

    def close(self) -> None:
        ...

    def __enter__(self) -> GraphStore:
        ...

    def __exit__(self, *exc: object) -> None:
        ...


def graph_of(store: GraphStore) -> "networkx.MultiDiGraph":
    """The whole store as a networkx graph: actors as nodes (name, type, aliases), one edge per relationship
    keyed by relation, with relation, articles, evidence, hedged_share, best_confidence, first_seen, last_seen."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for actor in store.actors():
        graph.add_node(actor["id"], name=actor["name"], type=actor["type"], aliases=actor["aliases"])
    for rel in store.relationships():
        graph.add_edge(rel["subject_id"], rel["object_id"], key=rel["relation"], id=rel["id"],
                       relation=rel["relation"], articles=rel["articles"], evidence=rel["evidence"],
                       hedged_share=rel["hedged_share"], best_confidence=rel["best_confidence"],
                       first_seen=rel["first_seen"], last_seen=rel["last_seen"])
    return graph
