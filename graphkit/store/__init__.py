"""Where extracted graphs are kept: an embedded SQLite store (a Neo4j store is to come).

>>> from graphkit.store import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> store.stats()
{'articles': 0, 'actors': 0, 'relationships': 0, 'evidence': 0}
"""
from __future__ import annotations

from .sqlite import SCHEMA_VERSION, SQLiteStore, StoreError, actors_from_triples, normalize_triple

__all__ = ["SCHEMA_VERSION", "SQLiteStore", "StoreError", "actors_from_triples", "normalize_triple"]
