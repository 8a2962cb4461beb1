"""Where the Neo4j store keeps the curation: ``(:CurationEntry {seq, key, action, args (JSON), by, at,
reason, undone_at, undone_by})`` nodes for the log and ``(:CurationExtracted {article_id, triples
(JSON), curated_hash})`` nodes for each article's triples as extracted. Every statement is a
``cypher/curation_*.cypher`` file taking parameters.

:meth:`Neo4jCuration.commit` writes the entries, replaces the curated articles (with the store's own
``forget_*`` statements and writer, :func:`graphkit.store.neo4j_write.write_batch`) and fixes the actors in one write transaction.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from graphkit.curate.log import Entry
from graphkit.records import Article, Triple
from graphkit.store.curation_sqlite import triple_of_row
from graphkit.store.neo4j_write import write_batch
from graphkit.store.rows import actors_from_triples, normalize_triple, symmetric_relations, utc_now
from graphkit.store.statements import load

_EVIDENCE_FIELDS = ("id", "relationship_id", "article_id", "sentence", "sentence_start", "sentence_end",
                    "subject_text", "subject_start", "subject_end", "object_text", "object_start", "object_end",
                    "trigger", "trigger_start", "trigger_end", "pattern", "hedged", "confidence", "reported_by")


class Neo4jCuration:
    """The curation nodes of one :class:`~graphkit.store.neo4j.Neo4jStore`."""

    def __init__(self, store: Any):
        self.store = store  # its constraints are in cypher/schema.cypher, applied on connect

    # ------------------------------------------------------------------ reading

    def entries(self) -> list[Entry]:
        out = []
        for row in self.store._read("curation_entries", after=0):
            props = dict(row["c"])
            props["args"] = json.loads(props["args"])
            out.append(Entry.from_dict(props))
        return out

    def extracted(self) -> dict[str, tuple[list[dict], str | None]]:
        return {r["article_id"]: (json.loads(r["triples"]), r["curated_hash"])
                for r in self.store._read("curation_extracted", ids=None)}

    def articles(self) -> list[dict]:
        return self.store._read("curation_articles", ids=None)

    def stored_triples(self, article_id: str) -> list[Triple]:
        rows = self.store._read("curation_stored_triples", id=article_id)
        return [triple_of_row({**{k: r["e"].get(k) for k in _EVIDENCE_FIELDS}, **{k: v for k, v in r.items() if k != "e"}},
                              article_id) for r in rows]

    def evidence_row(self, evidence_id: str) -> dict | None:
        rows = self.store._read("curation_evidence_row", id=evidence_id)
        return {k: rows[0]["e"].get(k) for k in _EVIDENCE_FIELDS} if rows else None

    # ------------------------------------------------------------------ writing

    @staticmethod
    def _extracted_rows(rows: Iterable[tuple[str, list[dict], str]]) -> list[dict]:
        return [{"article_id": aid, "triples": json.dumps(triples, ensure_ascii=False), "curated_hash": h}
                for aid, triples, h in rows]

    def save_extracted(self, rows: Iterable[tuple[str, list[dict], str]]) -> None:
        params = self._extracted_rows(rows)
        if params:
            self.store._write(lambda tx: tx.run(load("curation_save_extracted"), rows=params).consume())

    def commit(self, new: Sequence[Entry], undone: Sequence[Entry], replaced: Sequence[tuple[dict, list[Triple]]],
               extracted: Sequence[tuple[str, list[dict], str]], actors: dict[str, dict], fix_ids: set[str]) -> None:
        """As :meth:`SQLiteCuration.commit`, in one write transaction."""
        symmetric = symmetric_relations()
        now = utc_now()  # the writer's fallback only: every rewritten article keeps its own times
        extracted_rows = self._extracted_rows(extracted)

        def work(tx) -> None:
            seq = tx.run(load("curation_next_seq"), first=1).single()["seq"]
            entry_rows = []
            for i, e in enumerate(new):
                props = {k: v for k, v in e.to_dict().items() if v is not None and k != "seq"}
                props["args"] = json.dumps(e.args, sort_keys=True, ensure_ascii=False)
                props["seq"] = seq + i
                entry_rows.append({"key": e.key, "props": props})
            if entry_rows:
                tx.run(load("curation_write_entries"), rows=entry_rows).consume()
            if undone:
                tx.run(load("curation_undo"), rows=[{"key": e.key, "undone_at": e.undone_at, "undone_by": e.undone_by}
                                                    for e in undone]).consume()
            rels: set[str] = set()
            ids = set(fix_ids)
            prepared, times = [], {}
            for row, triples in replaced:
                record = tx.run(load("forget_article"), id=row["id"]).single()
                if record is not None:
                    rels.update(record["relationships"])
                    ids.update(record["actors"])
                stored = [normalize_triple(t, symmetric) for t in triples]
                ids.update(actors_from_triples(stored))
                prepared.append((Article(id=row["id"], text="", source=row["source"], title=row["title"],
                                         date=row["date"]), stored))
                times[row["id"]] = (row["ingested_at"], row["seen_at"])
            if prepared:  # the store's own writer, reading what the forgets above left
                write_batch(tx, prepared, times, now=now, duplicates=0)
            if rels:
                tx.run(load("forget_relationships"), ids=sorted(rels)).consume()
            if ids:
                tx.run(load("forget_actors"), ids=sorted(ids)).consume()
                fixes = [actors[i] for i in sorted(ids) if i in actors]
                if fixes:
                    tx.run(load("curation_fix_actors"), rows=fixes).consume()
            if extracted_rows:
                tx.run(load("curation_save_extracted"), rows=extracted_rows).consume()

        self.store._write(work)
