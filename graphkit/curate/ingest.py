"""The curation at ingest: each batch's triples as extracted are kept (so the curation can be replayed
and undone) and the store is given them curated.

>>> from graphkit.store import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> at_ingest = IngestCuration(store)
>>> at_ingest([]) == []
True
"""
from __future__ import annotations

from typing import Any, Sequence

from graphkit.curate.apply import Curation
from graphkit.curate.replay import backend_for, commit, raw_dicts, triples_hash
from graphkit.records import Triple
from graphkit.store.rows import as_triple


class IngestCuration:
    """Called on each batch before it is stored; :meth:`finish` after the last one."""

    def __init__(self, store: Any):
        self.store = store
        self.backend = backend_for(store)
        self.curation = Curation(self.backend.entries())

    def __call__(self, batch: Sequence[tuple[Any, Sequence[Triple]]]) -> list[tuple[Any, list[Triple]]]:
        out, rows = [], []
        for article, triples in batch:
            raw = [as_triple(t) for t in triples]
            curated = self.curation.triples(raw, article.id)
            rows.append((article.id, raw_dicts(raw), triples_hash(curated)))
            out.append((article, curated))
        self.backend.save_extracted(rows)
        return out

    def finish(self) -> None:
        """With a curation in force, give the actors it names their curated names, types and aliases."""
        if self.curation:
            commit(self.store)
