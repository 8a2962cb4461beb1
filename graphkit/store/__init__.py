"""Where extracted graphs are kept: an embedded SQLite store or a Neo4j server (:class:`Neo4jStore`, imported lazily).

>>> from graphkit.store import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> store.stats()
{'articles': 0, 'actors': 0, 'relationships': 0, 'evidence': 0}
"""
from __future__ import annotations

from graphkit.store.sqlite import SCHEMA_VERSION, SQLiteStore, StoreError, actors_from_triples, normalize_triple

__all__ = ["SCHEMA_VERSION", "Neo4jStore", "SQLiteStore", "StoreError", "actors_from_triples", "normalize_triple"]


def __getattr__(name: str):
    if name == "Neo4jStore":  # the neo4j driver is imported only when the Neo4j store is used
        from graphkit.store.neo4j import Neo4jStore

        return Neo4jStore
    raise AttributeError(name)
