"""Where extracted graphs are kept: an embedded SQLite store or a Neo4j server (:class:`Neo4jStore`, imported
lazily), both a :class:`GraphStore`; :func:`open_store` opens either.

>>> from graphkit.store import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> store.stats()
{'articles': 0, 'actors': 0, 'relationships': 0, 'evidence': 0}
>>> open_store(":memory:").stats()["articles"]
0
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from graphkit.store.base import GraphStore, StoreError
from graphkit.store.rows import actors_from_triples, normalize_triple
from graphkit.store.sqlite import SQLiteStore
from graphkit.store.sqlite_schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from graphkit.store.neo4j import Neo4jStore

__all__ = ["SCHEMA_VERSION", "GraphStore", "Neo4jStore", "SQLiteStore", "StoreError", "actors_from_triples",
           "normalize_triple", "open_store"]


def open_store(db: str | os.PathLike[str] | None = None, neo4j: str | None = None, *, readonly: bool = False,
               create: bool = True, user: str | None = None, password: str | None = None,
               max_retry_time: float = 30.0) -> GraphStore:
    """The Neo4j store at the Bolt URI ``neo4j`` when given, else the SQLite store at ``db``.

    SQLite: ``readonly`` opens an existing file for reading only, ``create=False`` refuses a missing one.
    Neo4j: ``user`` and ``password`` default to ``$GRAPHKIT_NEO4J_USER`` (else ``neo4j``) and
    ``$GRAPHKIT_NEO4J_PASSWORD``; transient errors are retried for ``max_retry_time`` seconds.
    Raises :class:`StoreError` when the store cannot be used, ValueError when neither is named.
    """
    if neo4j:
        from graphkit.store.neo4j import Neo4jStore

        return Neo4jStore(neo4j, user or os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j",
                          os.environ.get("GRAPHKIT_NEO4J_PASSWORD", "") if password is None else password,
                          max_retry_time=max_retry_time)
    if db is None:
        raise ValueError("open_store needs a database path (db) or a Neo4j URI (neo4j)")
    return SQLiteStore(db, readonly=readonly, create=create)


def __getattr__(name: str):
    if name == "Neo4jStore":  # the neo4j driver is imported only when the Neo4j store is used
        from graphkit.store.neo4j import Neo4jStore

        return Neo4jStore
    raise AttributeError(name)
