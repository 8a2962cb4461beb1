"""The embedded store: one SQLite file holding actors, articles, relationships and their evidence.

Only facts are stored; everything derived from them is computed when read, so it never drifts:

- a relationship's aggregates (articles, hedged share, best confidence, first and last seen) come from
  the ``relationship_summary`` view over ``evidence``;
- an actor exists while a relationship names it, and its aliases are the surface forms its evidence
  rows still show (``forget`` prunes the rest).

Every write is one ``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction (rolled back on any error), the
journal is a write-ahead log and ``busy_timeout`` is 30 s, so a crash or a kill mid-batch leaves no
half-stored article and several processes may share one file (the file and its schema:
:mod:`graphkit.store.sqlite_schema`). All SQL takes ``?`` parameters.

>>> from graphkit.records import Article, Evidence, Triple
>>> ev = Evidence(article="a1", source="-", sentence="Hamas fought Fatah.", sentence_start=0, sentence_end=19,
...               subject_text="Hamas", subject_start=0, subject_end=5, object_text="Fatah", object_start=13,
...               object_end=18, trigger="fought", trigger_start=6, trigger_end=12, pattern="verb")
>>> t = Triple("Hamas", "rival_of", "Fatah", "hamas", "fatah", "ORGANIZATION", "ORGANIZATION", hedged=False,
...            confidence=0.8, article="a1", evidence=ev)
>>> store = SQLiteStore(":memory:")
>>> store.add_articles([(Article(id="a1", text="Hamas fought Fatah.", source="-"), [t])])
{'stored': 1, 'skipped': 0, 'actors': 2, 'relationships': 1, 'evidence': 1}
>>> [(r["subject_id"], r["relation"], r["object_id"], r["articles"]) for r in store.relationships()]
[('fatah', 'rival_of', 'hamas', 1)]
"""
from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from graphkit.records import Article, Evidence, Triple
from graphkit.store.base import StoreError, graph_of
from graphkit.store.rows import (
    EVIDENCE_COLUMNS, actors_from_triples, as_triple, evidence_row, iso_date, normalize_triple,
    symmetric_relations, utc_now,
)
from graphkit.store.sqlite_schema import SCHEMA_VERSION, message, open_database, transaction

if TYPE_CHECKING:
    import networkx

__all__ = ["SCHEMA_VERSION", "SQLiteStore", "StoreError", "actors_from_triples", "iso_date", "normalize_triple"]

_IN_CHUNK = 500
# The relationship_summary view restricted, before aggregation, to the relationships of some actors.
_TOUCHING = """
WITH r AS (
    SELECT id, subject_id, relation, object_id FROM relationships WHERE subject_id IN ({marks})
    UNION
    SELECT id, subject_id, relation, object_id FROM relationships WHERE object_id IN ({marks})
), per_article AS (
    SELECT e.relationship_id, e.article_id, MIN(e.hedged) AS hedged, MAX(e.confidence) AS confidence,
           COUNT(*) AS evidence
    FROM r CROSS JOIN evidence AS e ON e.relationship_id = r.id  -- CROSS: drive from the few relationships
    GROUP BY e.relationship_id, e.article_id
)
SELECT r.id, r.subject_id, sa.name AS subject, sa.type AS subject_type, r.relation,
       r.object_id, oa.name AS object, oa.type AS object_type,
       COUNT(p.article_id) AS articles, COALESCE(SUM(p.evidence), 0) AS evidence,
       AVG(p.hedged) AS hedged_share, MAX(p.confidence) AS best_confidence,
       MIN(NULLIF(a.seen_at, a.ingested_at)) AS first_seen, MAX(NULLIF(a.seen_at, a.ingested_at)) AS last_seen
FROM r
JOIN actors AS sa ON sa.id = r.subject_id
JOIN actors AS oa ON oa.id = r.object_id
LEFT JOIN per_article AS p ON p.relationship_id = r.id
LEFT JOIN articles AS a ON a.id = p.article_id
GROUP BY r.id
"""

# Every relationship with names and aggregates, as the relationship_summary view of a new file; written out
# here because a file made before the view took first and last seen from the publication date only keeps
# its old view (read-only readers cannot replace it). An undated article's seen_at is its ingested_at.
_ALL = """
WITH per_article AS (
    SELECT e.relationship_id, e.article_id, MIN(e.hedged) AS hedged, MAX(e.confidence) AS confidence,
           COUNT(*) AS evidence
    FROM evidence AS e
    GROUP BY e.relationship_id, e.article_id
)
SELECT r.id, r.subject_id, sa.name AS subject, r.relation, r.object_id, oa.name AS object,
       COUNT(p.article_id) AS articles, COALESCE(SUM(p.evidence), 0) AS evidence,
       AVG(p.hedged) AS hedged_share, MAX(p.confidence) AS best_confidence,
       MIN(NULLIF(a.seen_at, a.ingested_at)) AS first_seen, MAX(NULLIF(a.seen_at, a.ingested_at)) AS last_seen
FROM relationships AS r
JOIN actors AS sa ON sa.id = r.subject_id
JOIN actors AS oa ON oa.id = r.object_id
LEFT JOIN per_article AS p ON p.relationship_id = r.id
LEFT JOIN articles AS a ON a.id = p.article_id
GROUP BY r.id
ORDER BY r.id
"""

# Articles with the relationships and evidence rows they support (articles()); the second of some sources.
_ARTICLES = """
SELECT a.id, a.title, a.source, a.date, a.ingested_at, a.seen_at,
       (SELECT COUNT(DISTINCT e.relationship_id) FROM evidence AS e WHERE e.article_id = a.id) AS relationships,
       (SELECT COUNT(*) FROM evidence AS e WHERE e.article_id = a.id) AS evidence
FROM articles AS a
"""
_ARTICLES_OF_SOURCES = """
SELECT a.id, a.title, a.source, a.date, a.ingested_at, a.seen_at,
       (SELECT COUNT(DISTINCT e.relationship_id) FROM evidence AS e WHERE e.article_id = a.id) AS relationships,
       (SELECT COUNT(*) FROM evidence AS e WHERE e.article_id = a.id) AS evidence
FROM articles AS a WHERE a.source IN ({marks})
"""

_EVIDENCE_COLUMNS = EVIDENCE_COLUMNS
# Two rows for the same relationship, article, sentence and trigger are one piece of evidence: keep the surer.
_INSERT_EVIDENCE = (
    f"INSERT INTO evidence ({', '.join(_EVIDENCE_COLUMNS)}) VALUES ({', '.join('?' * len(_EVIDENCE_COLUMNS))}) "
    "ON CONFLICT (relationship_id, article_id, sentence_start, trigger_start) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _EVIDENCE_COLUMNS[4:])
    + " WHERE excluded.confidence > evidence.confidence"
)



class SQLiteStore:
    """One SQLite file (``":memory:"`` for a throwaway store).

    ``readonly=True`` opens an existing file for reading only; ``create=False`` refuses a missing file
    instead of creating it. Opening a file that cannot be opened or written, that is not an SQLite
    database or that holds another application's tables raises :class:`StoreError` and changes nothing.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False, create: bool = True):
        self.path = os.fspath(path)
        self.readonly = readonly
        self._db = open_database(self.path, readonly=readonly, create=create)

    def _message(self, what: str, exc: BaseException) -> str:
        return message(self.path, what, exc)

    def _transaction(self):
        return transaction(self._db, self.path, self.readonly)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def has_article(self, article_id: str) -> bool:
        try:
            return self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None
        except sqlite3.Error as exc:
            raise StoreError(self._message("cannot read", exc)) from exc

    def stored_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored."""
        return {r["id"] for r in self._read_by_ids(
            article_ids, lambda marks: f"SELECT id FROM articles WHERE id IN ({marks})")}

    def add_articles(self, batch: Sequence[tuple[Article, Sequence[Triple]]]) -> dict[str, int]:
        """Store articles with their triples in one transaction; articles already stored are skipped.

        Returns counts: ``stored`` and ``skipped`` articles, and the ``actors``, ``relationships`` and
        ``evidence`` rows this batch added. On any error nothing of the batch is stored. A triple given
        as a mapping is read as its jsonl form (:meth:`Triple.from_dict`).
        """
        symmetric = symmetric_relations()
        counts = {"stored": 0, "skipped": 0, "actors": 0, "relationships": 0, "evidence": 0}
        now = utc_now()
        try:
            with self._transaction() as db:
                for article, triples in batch:
                    if self.has_article(article.id):
                        counts["skipped"] += 1
                        continue
                    stored = [normalize_triple(as_triple(t), symmetric) for t in triples]
                    self._add_article(db, article, stored, now, counts)
                    counts["stored"] += 1
        except sqlite3.Error as exc:
            raise StoreError(self._message("cannot write to", exc)) from exc
        return counts

    @staticmethod
    def _add_article(db: sqlite3.Connection, article: Article, triples: list[Triple], now: str,
                     counts: dict[str, int]) -> None:
        db.execute("INSERT INTO articles (id, title, source, date, ingested_at, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                   (article.id, article.title, article.source, article.date, now, iso_date(article.date) or now))
        for actor in actors_from_triples(triples).values():
            cur = db.execute("INSERT INTO actors (id, name, type) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                             (actor.id, actor.name, actor.type))
            counts["actors"] += cur.rowcount
            db.executemany("INSERT INTO aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           [(actor.id, alias) for alias in actor.aliases])
        for t in triples:
            cur = db.execute("INSERT INTO relationships (id, subject_id, relation, object_id) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (id) DO NOTHING", (t.relationship_id, t.subject_id, t.relation, t.object_id))
            counts["relationships"] += cur.rowcount
            row = evidence_row(t, article.id)
            db.execute(_INSERT_EVIDENCE, [row[c] for c in _EVIDENCE_COLUMNS])
        counts["evidence"] += db.execute("SELECT COUNT(*) FROM evidence WHERE article_id = ?",
                                         (article.id,)).fetchone()[0]

    def forget(self, article_id: str) -> bool:
        """Remove an article, its evidence, the relationships left without evidence and the actors left
        without relationships (and aliases no evidence shows any more), in one transaction.
        False when the article is not stored."""
        try:
            with self._transaction() as db:
                if not self.has_article(article_id):
                    return False
                rels = [r[0] for r in db.execute(
                    "SELECT DISTINCT relationship_id FROM evidence WHERE article_id = ?", (article_id,))]
                actors: set[str] = set()
                for rel in rels:
                    actors.update(db.execute("SELECT subject_id, object_id FROM relationships WHERE id = ?",
                                             (rel,)).fetchone())
                db.execute("DELETE FROM evidence WHERE article_id = ?", (article_id,))
                db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'extracted'").fetchone():
                    # the triples as extracted, kept for curation, hold the article's sentences too
                    db.execute("DELETE FROM extracted WHERE article_id = ?", (article_id,))
                db.executemany("DELETE FROM relationships WHERE id = ? AND NOT EXISTS "
                               "(SELECT 1 FROM evidence WHERE relationship_id = ?)", [(r, r) for r in rels])
                db.executemany(
                    "DELETE FROM aliases WHERE actor_id = ? AND NOT EXISTS ("
                    " SELECT 1 FROM relationships AS r JOIN evidence AS e ON e.relationship_id = r.id"
                    " WHERE (r.subject_id = aliases.actor_id AND e.subject_text = aliases.alias)"
                    "    OR (r.object_id = aliases.actor_id AND e.object_text = aliases.alias))",
                    [(a,) for a in sorted(actors)])
                db.executemany("DELETE FROM actors WHERE id = ? AND NOT EXISTS "
                               "(SELECT 1 FROM relationships WHERE subject_id = ? OR object_id = ?)",
                               [(a, a, a) for a in sorted(actors)])
                return True
        except sqlite3.Error as exc:
            raise StoreError(self._message("cannot write to", exc)) from exc

    # ------------------------------------------------------------------ reading

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            cur = self._db.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
        except sqlite3.Error as exc:
            raise StoreError(self._message("cannot read", exc)) from exc

    def stats(self) -> dict[str, int]:
        """Row counts: articles, actors, relationships, evidence."""
        out = {}
        for table in ("articles", "actors", "relationships", "evidence"):
            out[table] = self._read(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]  # table names are constants
        return out

    def article(self, article_id: str) -> dict | None:
        rows = self._read("SELECT id, title, source, date, ingested_at FROM articles WHERE id = ?", (article_id,))
        return rows[0] if rows else None

    def articles(self, sources: Iterable[str] | None = None) -> list[dict]:
        """Stored articles (all, or those whose ``source`` is one of ``sources``) in ingestion order: id,
        title, source, date, ingested_at, seen_at, and the ``relationships`` and ``evidence`` rows they support."""
        if sources is None:
            rows = self._read(_ARTICLES)
        else:
            rows = self._read_by_ids(sources, lambda marks: _ARTICLES_OF_SOURCES.format(marks=marks))
        rows.sort(key=lambda r: (r["ingested_at"], r["id"]))  # the order Neo4j gives too
        return rows

    def actors(self) -> Iterator[dict]:
        """Actors sorted by id: id, name, type, aliases (sorted)."""
        aliases: dict[str, list[str]] = {}
        for row in self._read("SELECT actor_id, alias FROM aliases ORDER BY actor_id, alias"):
            aliases.setdefault(row["actor_id"], []).append(row["alias"])
        for row in self._read("SELECT id, name, type FROM actors ORDER BY id"):
            yield {**row, "aliases": aliases.get(row["id"], [])}

    def relationships(self) -> Iterator[dict]:
        """Relationships sorted by id, with names and the aggregates computed from their evidence:
        articles, evidence, hedged_share (share of articles that only hedge it), best_confidence,
        first_seen and last_seen (the earliest and latest publication date of its articles in ISO 8601;
        None when no article of it is dated: ingest time is never a publication date)."""
        rows = self._read(_ALL)
        yield from rows

    def evidence(self, relationship: str | None = None, article_id: str | None = None) -> Iterator[dict]:
        """Evidence rows, optionally of one relationship id and/or one article, in insertion order."""
        where, params = [], []
        if relationship is not None:
            where.append("relationship_id = ?")
            params.append(relationship)
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        sql = "SELECT * FROM evidence" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        for row in self._read(sql, params):
            row["hedged"] = bool(row["hedged"])
            yield row

    def actors_named(self, text: str) -> list[dict]:
        """Actors whose id is ``text``, or whose name or an alias is ``text`` up to case: the quick
        look-up before any fuzzy search (``graphkit links ACTOR``)."""
        rows = self._read(
            "SELECT id FROM actors WHERE id = ? UNION SELECT id FROM actors WHERE name = ? COLLATE NOCASE "
            "UNION SELECT actor_id FROM aliases WHERE alias = ? COLLATE NOCASE", (text, text, text))
        out = []
        for row in rows:
            actor = self._read("SELECT id, name, type FROM actors WHERE id = ?", (row["id"],))[0]
            actor["aliases"] = [r["alias"] for r in self._read(
                "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY alias", (row["id"],))]
            out.append(actor)
        return sorted(out, key=lambda a: a["id"])

    def _read_by_ids(self, ids: Iterable[str], sql_for: Callable[[str], str], times: int = 1) -> list[dict]:
        """Rows of ``sql_for(marks)`` for the distinct ``ids``, bound in chunks of 500 (``times`` over, for
        a query that names the chunk more than once); ``marks`` is only the chunk's ``?`` placeholders."""
        ids = sorted(set(ids))
        out: list[dict] = []
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i:i + _IN_CHUNK]
            out.extend(self._read(sql_for(", ".join("?" * len(chunk))), chunk * times))
        return out

    def neighbours(self, actor_ids: Iterable[str]) -> list[dict]:
        """The relationships of these actors without aggregates (id, subject_id, subject, relation,
        object_id, object), sorted by id: the cheap step of a path search."""
        rows = self._read_by_ids(actor_ids, lambda marks: (
            "SELECT r.id, r.subject_id, sa.name AS subject, r.relation, r.object_id, oa.name AS object "
            f"FROM (SELECT * FROM relationships WHERE subject_id IN ({marks}) UNION "
            f"SELECT * FROM relationships WHERE object_id IN ({marks})) AS r "
            "JOIN actors AS sa ON sa.id = r.subject_id JOIN actors AS oa ON oa.id = r.object_id"), times=2)
        return sorted({r["id"]: r for r in rows}.values(), key=lambda r: r["id"])

    def relationships_touching(self, actor_ids: Iterable[str]) -> list[dict]:
        """The relationships with one of ``actor_ids`` as subject or object, sorted by id, with the fields
        of :meth:`relationships`, ``subject_type`` and ``object_type``, and the first evidence (in
        insertion order) as ``first_sentence``, ``first_article`` and ``first_article_title``: one step
        of a breadth-first walk (``graphkit links``, ``graphkit show``)."""
        found = self._read_by_ids(actor_ids, lambda marks: _TOUCHING.format(marks=marks), times=2)
        rows = sorted({r["id"]: r for r in found}.values(), key=lambda r: r["id"])
        first: dict[str, dict] = {}
        for ev in self.evidence_of([r["id"] for r in rows]):
            first.setdefault(ev["relationship_id"], ev)
        for row in rows:
            ev = first.get(row["id"])
            row.update(first_sentence=ev["sentence"] if ev else None, first_article=ev["article_id"] if ev else None,
                       first_article_title=ev["article_title"] if ev else None)
        return rows

    def evidence_of(self, relationship_ids: Iterable[str]) -> list[dict]:
        """Evidence rows of these relationships in insertion order, each with its article's ``title``,
        ``source`` and ``date`` as ``article_title``, ``article_source`` and ``article_date``, and its
        publication date in ISO 8601 (None when undated) as ``article_published``."""
        out = self._read_by_ids(relationship_ids, lambda marks: (
            "SELECT e.*, a.title AS article_title, a.source AS article_source, a.date AS article_date, "
            "NULLIF(a.seen_at, a.ingested_at) AS article_published "
            f"FROM evidence AS e JOIN articles AS a ON a.id = e.article_id WHERE e.relationship_id IN ({marks})"))
        out.sort(key=lambda row: row["id"])
        for row in out:
            row["hedged"] = bool(row["hedged"])
        return out

    def export_articles(self) -> Iterator[tuple[Article, list[Triple], str, str]]:
        """Every stored article in ingestion order as ``(article, triples, ingested_at, seen_at)``: the
        triples rebuilt from its evidence rows (names and types from the actors), for copying the store
        elsewhere (``graphkit push``). The article text is not stored, so it is empty."""
        actors = {a["id"]: a for a in self.actors()}
        rels = {r["id"]: r for r in self._read("SELECT id, subject_id, relation, object_id FROM relationships")}
        for row in self._read("SELECT id, title, source, date, ingested_at, seen_at FROM articles "
                              "ORDER BY ingested_at, rowid"):
            triples = [_triple_of(ev, rels[ev["relationship_id"]], actors, row)
                       for ev in self.evidence(article_id=row["id"])]
            article = Article(id=row["id"], text="", source=row["source"], title=row["title"], date=row["date"])
            yield article, triples, row["ingested_at"], row["seen_at"]

    def to_networkx(self) -> networkx.MultiDiGraph:
        """Nodes are actors (name, type, aliases); one edge per relationship, keyed by relation, with
        relation, articles, evidence, hedged_share, best_confidence, first_seen, last_seen."""
        return graph_of(self)


def _triple_of(ev: Mapping[str, Any], rel: Mapping[str, Any], actors: Mapping[str, Mapping[str, Any]],
               article: Mapping[str, Any]) -> Triple:
    """The triple an evidence row of ``rel`` in ``article`` stores."""
    subject, obj = actors[rel["subject_id"]], actors[rel["object_id"]]
    evidence = Evidence.from_dict({**ev, "article": article["id"], "source": article["source"]})
    return Triple(subject=subject["name"], relation=rel["relation"], object=obj["name"], subject_id=subject["id"],
                  object_id=obj["id"], subject_type=subject["type"], object_type=obj["type"], hedged=ev["hedged"],
                  confidence=ev["confidence"], article=article["id"], evidence=evidence)
