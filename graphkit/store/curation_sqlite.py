"""Where the SQLite store keeps the curation: the ``curation_log`` table (one row per entry) and the
``extracted`` table (each article's triples as extraction gave them, JSON, with the hash of the
curated version the main tables hold). Both are created on the first write that needs them, so a
database made before curation existed reads as having no curation.

:meth:`SQLiteCuration.commit` writes new and undone entries, replaces the curated articles and fixes
the actors in one ``BEGIN IMMEDIATE`` transaction: a curation command is stored whole or not at all.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterable, Sequence

from graphkit.curate.log import Entry
from graphkit.records import Article, Evidence, Triple
from graphkit.store.base import StoreError
from graphkit.store.rows import normalize_triple, symmetric_relations
from graphkit.store.sqlite import SQLiteStore

_TABLES = """
CREATE TABLE IF NOT EXISTS curation_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    key       TEXT NOT NULL UNIQUE,
    action    TEXT NOT NULL,
    args      TEXT NOT NULL,     -- JSON object
    by        TEXT NOT NULL,
    at        TEXT NOT NULL,     -- UTC, ISO 8601
    reason    TEXT,
    undone_at TEXT,
    undone_by TEXT
);
CREATE TABLE IF NOT EXISTS extracted (
    article_id   TEXT PRIMARY KEY,
    triples      TEXT NOT NULL,  -- JSON list of the triples as extracted (Triple.to_dict)
    curated_hash TEXT            -- hash of the curated triples the main tables hold
)
"""


class SQLiteCuration:
    """The curation tables of one :class:`SQLiteStore`."""

    def __init__(self, store: SQLiteStore):
        self.store = store
        self._db = store._db

    def _has_tables(self) -> bool:
        rows = self._db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                "AND name IN ('curation_log', 'extracted')").fetchone()
        return rows[0] == 2

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        if not self._has_tables():
            return []
        return self.store._read(sql, params)

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        for statement in _TABLES.split(";\n"):
            db.execute(statement)

    # ------------------------------------------------------------------ reading

    def entries(self) -> list[Entry]:
        rows = self._read("SELECT seq, key, action, args, by, at, reason, undone_at, undone_by FROM curation_log "
                          "ORDER BY seq")
        return [Entry.from_dict({**r, "args": json.loads(r["args"])}) for r in rows]

    def extracted(self) -> dict[str, tuple[list[dict], str | None]]:
        return {r["article_id"]: (json.loads(r["triples"]), r["curated_hash"])
                for r in self._read("SELECT article_id, triples, curated_hash FROM extracted")}

    def articles(self) -> list[dict]:
        """Stored articles in ingestion order."""
        return self.store._read("SELECT id, title, source, date, ingested_at, seen_at FROM articles "
                                "ORDER BY ingested_at, rowid")

    def stored_triples(self, article_id: str) -> list[Triple]:
        """The triples the main tables hold for an article (one whose extraction was not kept)."""
        rows = self.store._read(
            "SELECT e.*, r.relation, r.subject_id, r.object_id, sa.name AS s_name, sa.type AS s_type, "
            "oa.name AS o_name, oa.type AS o_type, a.source AS a_source FROM evidence AS e "
            "JOIN relationships AS r ON r.id = e.relationship_id JOIN actors AS sa ON sa.id = r.subject_id "
            "JOIN actors AS oa ON oa.id = r.object_id JOIN articles AS a ON a.id = e.article_id "
            "WHERE e.article_id = ? ORDER BY e.id", (article_id,))
        return [triple_of_row(r, article_id) for r in rows]

    def evidence_row(self, evidence_id: str) -> dict | None:
        try:
            number = int(evidence_id)
        except ValueError:
            return None
        rows = self.store._read("SELECT * FROM evidence WHERE id = ?", (number,))
        return rows[0] if rows else None

    # ------------------------------------------------------------------ writing

    def save_extracted(self, rows: Iterable[tuple[str, list[dict], str]]) -> None:
        """Keep the extracted triples of articles about to be stored (ingest)."""
        rows = list(rows)
        if not rows:
            return
        try:
            with self.store._transaction() as db:
                self._create(db)
                self._upsert_extracted(db, rows)
        except sqlite3.Error as exc:
            raise StoreError(self.store._message("cannot write to", exc)) from exc

    @staticmethod
    def _upsert_extracted(db: sqlite3.Connection, rows: Iterable[tuple[str, list[dict], str]]) -> None:
        db.executemany("INSERT INTO extracted (article_id, triples, curated_hash) VALUES (?, ?, ?) "
                       "ON CONFLICT (article_id) DO UPDATE SET triples = excluded.triples, "
                       "curated_hash = excluded.curated_hash",
                       [(aid, json.dumps(triples, ensure_ascii=False), h) for aid, triples, h in rows])

    def commit(self, new: Sequence[Entry], undone: Sequence[Entry], replaced: Sequence[tuple[dict, list[Triple]]],
               extracted: Sequence[tuple[str, list[dict], str]], actors: dict[str, dict], fix_ids: set[str]) -> None:
        """In one transaction: store ``new`` entries (an entry whose key is stored is skipped), mark
        ``undone`` ones, replace each ``(article row, curated triples)``, keep ``extracted`` rows, then
        drop what no evidence supports and set name, type and aliases of the actors in ``fix_ids``
        (and of those the replaced articles named) from ``actors``."""
        symmetric = symmetric_relations()
        try:
            with self.store._transaction() as db:
                self._create(db)
                for e in new:
                    db.execute("INSERT INTO curation_log (key, action, args, by, at, reason, undone_at, undone_by) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                               (e.key, e.action, json.dumps(e.args, sort_keys=True, ensure_ascii=False), e.by, e.at,
                                e.reason, e.undone_at, e.undone_by))
                for e in undone:
                    db.execute("UPDATE curation_log SET undone_at = ?, undone_by = ? WHERE key = ?",
                               (e.undone_at, e.undone_by, e.key))
                rels: set[str] = set()
                ids = set(fix_ids)
                for row, triples in replaced:
                    for rel in db.execute("SELECT DISTINCT e.relationship_id, r.subject_id, r.object_id FROM evidence "
                                          "AS e JOIN relationships AS r ON r.id = e.relationship_id "
                                          "WHERE e.article_id = ?", (row["id"],)):
                        rels.add(rel[0])
                        ids.update(rel[1:])
                    db.execute("DELETE FROM evidence WHERE article_id = ?", (row["id"],))
                    db.execute("DELETE FROM articles WHERE id = ?", (row["id"],))
                    stored = [normalize_triple(t, symmetric) for t in triples]
                    article = Article(id=row["id"], text="", source=row["source"], title=row["title"],
                                      date=row["date"])
                    SQLiteStore._add_article(db, article, stored, row["ingested_at"], dict.fromkeys(
                        ("actors", "relationships", "evidence"), 0))
                    db.execute("UPDATE articles SET seen_at = ? WHERE id = ?", (row["seen_at"], row["id"]))
                    ids.update(i for t in stored for i in (t.subject_id, t.object_id))
                db.executemany("DELETE FROM relationships WHERE id = ? AND NOT EXISTS "
                               "(SELECT 1 FROM evidence WHERE relationship_id = ?)", [(r, r) for r in sorted(rels)])
                for actor_id in sorted(ids):
                    db.execute("DELETE FROM actors WHERE id = ? AND NOT EXISTS "
                               "(SELECT 1 FROM relationships WHERE subject_id = ? OR object_id = ?)",
                               (actor_id, actor_id, actor_id))
                    actor = actors.get(actor_id)
                    if actor is None or db.execute("SELECT 1 FROM actors WHERE id = ?", (actor_id,)).fetchone() is None:
                        continue
                    db.execute("UPDATE actors SET name = ?, type = ? WHERE id = ?",
                               (actor["name"], actor["type"], actor_id))
                    db.execute("DELETE FROM aliases WHERE actor_id = ?", (actor_id,))
                    db.executemany("INSERT INTO aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                   [(actor_id, alias) for alias in actor["aliases"]])
                self._upsert_extracted(db, extracted)
        except sqlite3.Error as exc:
            raise StoreError(self.store._message("cannot write to", exc)) from exc


def triple_of_row(r: dict, article_id: str) -> Triple:
    """A triple from an evidence row joined with its relationship and actors (both stores' snapshot)."""
    evidence = Evidence.from_dict({**r, "article": article_id, "source": r.get("a_source") or "",
                                   "hedged": bool(r["hedged"])})
    return Triple(subject=r["s_name"], relation=r["relation"], object=r["o_name"], subject_id=r["subject_id"],
                  object_id=r["object_id"], subject_type=r["s_type"], object_type=r["o_type"],
                  hedged=bool(r["hedged"]), confidence=r["confidence"] if r["confidence"] is not None else 0.0,
                  article=article_id, evidence=evidence)
