"""The embedded store: one SQLite file holding actors, articles, relationships and their evidence.

Only facts are stored; everything derived from them is computed when read, so it never drifts:

- a relationship's aggregates (articles, hedged share, best confidence, first and last seen) come from
  the ``relationship_summary`` view over ``evidence``;
- an actor exists while a relationship names it, and its aliases are the surface forms its evidence
  rows still show (``forget`` prunes the rest).

Every write is one ``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction (rolled back on any error), the
journal is a write-ahead log and ``busy_timeout`` is 30 s, so a crash or a kill mid-batch leaves no
half-stored article and several processes may share one file. All SQL takes ``?`` parameters.

>>> from graphkit.read import Article
>>> store = SQLiteStore(":memory:")
>>> t = {"subject": "Hamas", "relation": "rival_of", "object": "Fatah", "subject_id": "hamas", "object_id": "fatah",
...      "subject_type": "ORGANIZATION", "object_type": "ORGANIZATION", "hedged": False, "confidence": 0.8,
...      "evidence": {"sentence": "Hamas fought Fatah.", "sentence_start": 0, "sentence_end": 19,
...                   "subject_text": "Hamas", "subject_start": 0, "subject_end": 5, "object_text": "Fatah",
...                   "object_start": 13, "object_end": 18, "trigger": "fought", "trigger_start": 6,
...                   "trigger_end": 12, "pattern": "verb", "hedged": False, "reported_by": None}}
>>> store.add_articles([(Article(id="a1", text="Hamas fought Fatah.", source="-"), [t])])
{'stored': 1, 'skipped': 0, 'actors': 2, 'relationships': 1, 'evidence': 1}
>>> [(r["subject_id"], r["relation"], r["object_id"], r["articles"]) for r in store.relationships()]
[('fatah', 'rival_of', 'hamas', 1)]
"""
from __future__ import annotations

import os
import re
import sqlite3
import urllib.parse
from contextlib import contextmanager
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from graphkit.read import Article
from graphkit.model.schema import load_schema

if TYPE_CHECKING:
    import networkx

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 30_000

_TABLES = ("actors", "aliases", "articles", "relationships", "evidence")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS actors (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT
);
CREATE TABLE IF NOT EXISTS aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias    TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (
    id          TEXT PRIMARY KEY,
    title       TEXT,
    source      TEXT,
    date        TEXT,           -- as the article gave it
    ingested_at TEXT NOT NULL,  -- UTC, ISO 8601
    seen_at     TEXT NOT NULL   -- the date in ISO 8601 when it parses, else ingested_at: orders first/last seen
);
CREATE TABLE IF NOT EXISTS relationships (
    id         TEXT PRIMARY KEY,  -- subject_id|relation|object_id
    subject_id TEXT NOT NULL REFERENCES actors(id),
    relation   TEXT NOT NULL,
    object_id  TEXT NOT NULL REFERENCES actors(id)
);
CREATE INDEX IF NOT EXISTS relationships_by_subject ON relationships(subject_id);
CREATE INDEX IF NOT EXISTS relationships_by_object ON relationships(object_id);
CREATE TABLE IF NOT EXISTS evidence (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    relationship_id TEXT NOT NULL REFERENCES relationships(id),
    article_id      TEXT NOT NULL REFERENCES articles(id),
    sentence        TEXT,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER,
    subject_text    TEXT,
    subject_start   INTEGER,
    subject_end     INTEGER,
    object_text     TEXT,
    object_start    INTEGER,
    object_end      INTEGER,
    trigger         TEXT,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER,
    pattern         TEXT,
    hedged          INTEGER NOT NULL CHECK (hedged IN (0, 1)),
    confidence      REAL,
    reported_by     TEXT,
    UNIQUE (relationship_id, article_id, sentence_start, trigger_start)
);
CREATE INDEX IF NOT EXISTS evidence_by_article ON evidence(article_id);
-- An article hedges a relationship when all its evidence rows for it are hedged.
CREATE VIEW IF NOT EXISTS relationship_summary AS
WITH per_article AS (
    SELECT e.relationship_id, e.article_id, MIN(e.hedged) AS hedged, MAX(e.confidence) AS confidence,
           COUNT(*) AS evidence
    FROM evidence AS e
    GROUP BY e.relationship_id, e.article_id
)
SELECT r.id, r.subject_id, r.relation, r.object_id,
       COUNT(p.article_id)        AS articles,
       COALESCE(SUM(p.evidence), 0) AS evidence,
       AVG(p.hedged)              AS hedged_share,
       MAX(p.confidence)          AS best_confidence,
       MIN(a.seen_at)             AS first_seen,
       MAX(a.seen_at)             AS last_seen
FROM relationships AS r
LEFT JOIN per_article AS p ON p.relationship_id = r.id
LEFT JOIN articles AS a ON a.id = p.article_id
GROUP BY r.id;
"""

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
       MIN(a.seen_at) AS first_seen, MAX(a.seen_at) AS last_seen
FROM r
JOIN actors AS sa ON sa.id = r.subject_id
JOIN actors AS oa ON oa.id = r.object_id
LEFT JOIN per_article AS p ON p.relationship_id = r.id
LEFT JOIN articles AS a ON a.id = p.article_id
GROUP BY r.id
"""

_EVIDENCE_COLUMNS = (
    "relationship_id", "article_id", "sentence", "sentence_start", "sentence_end",
    "subject_text", "subject_start", "subject_end", "object_text", "object_start", "object_end",
    "trigger", "trigger_start", "trigger_end", "pattern", "hedged", "confidence", "reported_by",
)
# Two rows for the same relationship, article, sentence and trigger are one piece of evidence: keep the surer.
_INSERT_EVIDENCE = (
    f"INSERT INTO evidence ({', '.join(_EVIDENCE_COLUMNS)}) VALUES ({', '.join('?' * len(_EVIDENCE_COLUMNS))}) "
    "ON CONFLICT (relationship_id, article_id, sentence_start, trigger_start) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _EVIDENCE_COLUMNS[4:])
    + " WHERE excluded.confidence > evidence.confidence"
)


class StoreError(Exception):
    """The database cannot be opened, read or written; the message is one line naming the file."""


# --------------------------------------------------------------------------- triples -> rows


def _symmetric_relations() -> frozenset[str]:
    return load_schema().symmetric


def normalize_triple(t: dict, symmetric: frozenset[str] | None = None) -> dict:
    """The triple as stored: a symmetric relation gets ``subject_id <= object_id`` (sides swapped with their evidence)."""
    symmetric = _symmetric_relations() if symmetric is None else symmetric
    if t["relation"] not in symmetric or t["subject_id"] <= t["object_id"]:
        return t
    out = dict(t)
    for a, b in (("subject", "object"), ("subject_id", "object_id"), ("subject_type", "object_type")):
        out[a], out[b] = t.get(b), t.get(a)
    ev = dict(t.get("evidence") or {})
    for suffix in ("text", "start", "end"):
        ev[f"subject_{suffix}"], ev[f"object_{suffix}"] = ev.get(f"object_{suffix}"), ev.get(f"subject_{suffix}")
    out["evidence"] = ev
    return out


def actors_from_triples(triples: Iterable[dict]) -> dict[str, dict]:
    """Actors named by ``triples``: id -> {id, name, type, aliases (the surface forms seen, sorted)}.

    The first triple naming an actor gives its name and type.
    """
    actors: dict[str, dict] = {}
    for t in triples:
        ev = t.get("evidence") or {}
        for side in ("subject", "object"):
            actor_id = t[f"{side}_id"]
            actor = actors.setdefault(actor_id, {"id": actor_id, "name": t.get(side) or actor_id,
                                                 "type": t.get(f"{side}_type"), "aliases": set()})
            surface = ev.get(f"{side}_text")
            if surface:
                actor["aliases"].add(surface)
    for actor in actors.values():
        actor["aliases"] = sorted(actor["aliases"])
    return actors


def relationship_id(subject_id: str, relation: str, object_id: str) -> str:
    return f"{subject_id}|{relation}|{object_id}"


def _evidence_row(t: dict, rel_id: str, article_id: str) -> tuple:
    ev = t.get("evidence") or {}
    hedged = ev.get("hedged", t.get("hedged", False))
    values = {**ev, "relationship_id": rel_id, "article_id": article_id, "hedged": 1 if hedged else 0,
              "confidence": t.get("confidence")}
    for required in ("sentence_start", "trigger_start"):
        if values.get(required) is None:
            raise ValueError(f"triple {rel_id} in article {article_id} has no evidence {required}")
    return tuple(values.get(c) for c in _EVIDENCE_COLUMNS)


# --------------------------------------------------------------------------- dates

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d", "%d.%m.%Y")
_MONTH_FORMATS = ("%B %Y", "%b %Y")


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(raw: str | None) -> str | None:
    """An article date as sortable ISO 8601 (``2008-07-13``, ``2008-07-13T09:30:00Z``, ``2008-07``), or None.

    >>> iso_date("2008-07-13"), iso_date("July 13, 2008"), iso_date("Sun, 13 Jul 2008 09:30:00 +0200")
    ('2008-07-13', '2008-07-13', '2008-07-13T07:30:00Z')
    >>> iso_date("July 2008"), iso_date("2008"), iso_date("last week")
    ('2008-07', '2008', None)
    """
    text = (raw or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        return text
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).strftime("%Y-%m-%d")
            except ValueError:
                pass
        for fmt in _MONTH_FORMATS:
            try:
                return datetime.strptime(text, fmt).strftime("%Y-%m")
            except ValueError:
                pass
        return None
    if parsed.tzinfo is None and parsed.hour == parsed.minute == parsed.second == 0 and len(text) <= 10:
        return parsed.strftime("%Y-%m-%d")
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc)
    return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- the store


class SQLiteStore:
    """One SQLite file (``":memory:"`` for a throwaway store).

    ``readonly=True`` opens an existing file for reading only; ``create=False`` refuses a missing file
    instead of creating it. Opening a file that cannot be opened or written, that is not an SQLite
    database or that holds another application's tables raises :class:`StoreError` and changes nothing.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False, create: bool = True):
        self.path = os.fspath(path)
        self.readonly = readonly
        memory = self.path == ":memory:"
        if not memory and (readonly or not create) and not os.path.exists(self.path):
            raise StoreError(f"{self.path}: no such database")
        if not memory:
            self._check_path()
        try:
            if memory:
                self._db = sqlite3.connect(":memory:", isolation_level=None)
            else:
                mode = "ro" if readonly else ("rwc" if create else "rw")
                uri = f"file:{urllib.parse.quote(os.path.abspath(self.path))}?mode={mode}"
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise StoreError(self._message("cannot open", exc)) from None
        try:
            self._setup()
        except sqlite3.Error as exc:
            self._db.close()
            if not self._open_immutable():
                raise StoreError(self._message("cannot open", exc)) from None
        except StoreError:
            self._db.close()
            raise

    def _open_immutable(self) -> bool:
        """Read a WAL database whose -shm file this reader can neither find nor create (it may read the
        file but not write its directory, or the file system is read-only) as immutable, provided no -wal
        file holds changes the database file lacks. Whether that worked."""
        if not self.readonly or self.path == ":memory:" or any(
                os.path.exists(self.path + suffix) for suffix in ("-wal", "-shm")):
            return False
        uri = f"file:{urllib.parse.quote(os.path.abspath(self.path))}?mode=ro&immutable=1"
        try:
            self._db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error:
            return False
        try:
            self._setup()
        except sqlite3.Error:
            self._db.close()
            return False
        except StoreError:
            self._db.close()
            raise
        return True

    # ------------------------------------------------------------------ setup

    def _check_path(self) -> None:
        """Refuse, before SQLite touches anything, a path that cannot hold a writable database."""
        path = self.path
        if os.path.isdir(path):
            raise StoreError(f"{path}: is a directory, not a database file")
        parent = os.path.dirname(os.path.abspath(path))
        if not os.path.exists(parent):
            raise StoreError(f"{path}: cannot create database: directory {parent} does not exist")
        if not os.path.isdir(parent):
            raise StoreError(f"{path}: cannot create database: {parent} is not a directory")
        if self.readonly:
            return
        if os.path.exists(path) and not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"{path}: database is read-only (no write permission)")
        if not os.access(parent, os.W_OK | os.X_OK):  # the write-ahead log and shared memory files live beside it
            raise StoreError(f"{path}: directory {parent} is not writable")

    def _message(self, what: str, exc: BaseException) -> str:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"{self.path}: {what} database ({reason})"

    def _setup(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]  # reads the header: "file is not a database"
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: graph database version {version} is newer than this graphkit "
                             f"({SCHEMA_VERSION})")
        if version == 0 and tables - {"sqlite_sequence"}:
            raise StoreError(f"{self.path}: an SQLite database of another application, not a graphkit graph")
        if self.readonly:
            if version == 0:
                raise StoreError(f"{self.path}: not a graphkit graph database (empty)")
            return
        if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal" and self.path != ":memory:":
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch the database to write-ahead logging")
        with self._transaction():
            if db.execute("PRAGMA user_version").fetchone()[0] == 0:  # another process may have won the race
                for statement in _SCHEMA.split(";\n"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (including KeyboardInterrupt)."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

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

    def add_articles(self, batch: Sequence[tuple[Article, list[dict]]]) -> dict[str, int]:
        """Store articles with their triples in one transaction; articles already stored are skipped.

        Returns counts: ``stored`` and ``skipped`` articles, and the ``actors``, ``relationships`` and
        ``evidence`` rows this batch added. On any error nothing of the batch is stored.
        """
        symmetric = _symmetric_relations()
        counts = {"stored": 0, "skipped": 0, "actors": 0, "relationships": 0, "evidence": 0}
        now = utc_now()
        try:
            with self._transaction() as db:
                for article, triples in batch:
                    if self.has_article(article.id):
                        counts["skipped"] += 1
                        continue
                    self._add_article(db, article, [normalize_triple(t, symmetric) for t in triples], now, counts)
                    counts["stored"] += 1
        except sqlite3.Error as exc:
            raise StoreError(self._message("cannot write to", exc)) from exc
        return counts

    @staticmethod
    def _add_article(db: sqlite3.Connection, article: Article, triples: list[dict], now: str,
                     counts: dict[str, int]) -> None:
        db.execute("INSERT INTO articles (id, title, source, date, ingested_at, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                   (article.id, article.title, article.source, article.date, now, iso_date(article.date) or now))
        for actor in actors_from_triples(triples).values():
            cur = db.execute("INSERT INTO actors (id, name, type) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                             (actor["id"], actor["name"], actor["type"]))
            counts["actors"] += cur.rowcount
            db.executemany("INSERT INTO aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           [(actor["id"], alias) for alias in actor["aliases"]])
        for t in triples:
            rel_id = relationship_id(t["subject_id"], t["relation"], t["object_id"])
            cur = db.execute("INSERT INTO relationships (id, subject_id, relation, object_id) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (id) DO NOTHING", (rel_id, t["subject_id"], t["relation"], t["object_id"]))
            counts["relationships"] += cur.rowcount
            db.execute(_INSERT_EVIDENCE, _evidence_row(t, rel_id, article.id))
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
        first_seen and last_seen (article date in ISO 8601, else when it was ingested)."""
        rows = self._read(
            "SELECT s.id, s.subject_id, sa.name AS subject, s.relation, s.object_id, oa.name AS object, "
            "s.articles, s.evidence, s.hedged_share, s.best_confidence, s.first_seen, s.last_seen "
            "FROM relationship_summary AS s JOIN actors AS sa ON sa.id = s.subject_id "
            "JOIN actors AS oa ON oa.id = s.object_id ORDER BY s.id")
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
        ``source`` and ``date`` as ``article_title``, ``article_source`` and ``article_date``."""
        out = self._read_by_ids(relationship_ids, lambda marks: (
            "SELECT e.*, a.title AS article_title, a.source AS article_source, a.date AS article_date "
            f"FROM evidence AS e JOIN articles AS a ON a.id = e.article_id WHERE e.relationship_id IN ({marks})"))
        out.sort(key=lambda row: row["id"])
        for row in out:
            row["hedged"] = bool(row["hedged"])
        return out

    def export_articles(self) -> Iterator[tuple[Article, list[dict], str, str]]:
        """Every stored article in ingestion order as ``(article, triples, ingested_at, seen_at)``: the
        triples rebuilt from its evidence rows (names and types from the actors), for copying the store
        elsewhere (``graphkit push``). The article text is not stored, so it is empty."""
        actors = {a["id"]: a for a in self.actors()}
        rels = {r["id"]: r for r in self._read("SELECT id, subject_id, relation, object_id FROM relationships")}
        for row in self._read("SELECT id, title, source, date, ingested_at, seen_at FROM articles "
                              "ORDER BY ingested_at, rowid"):
            triples = []
            for ev in self.evidence(article_id=row["id"]):
                rel = rels[ev["relationship_id"]]
                subject, obj = actors[rel["subject_id"]], actors[rel["object_id"]]
                evidence = {k: v for k, v in ev.items() if k not in ("id", "relationship_id", "article_id",
                                                                         "confidence")}
                triples.append({"subject": subject["name"], "relation": rel["relation"], "object": obj["name"],
                                "subject_id": subject["id"], "object_id": obj["id"],
                                "subject_type": subject["type"], "object_type": obj["type"],
                                "hedged": ev["hedged"], "confidence": ev["confidence"], "evidence": evidence})
            article = Article(id=row["id"], text="", source=row["source"], title=row["title"], date=row["date"])
            yield article, triples, row["ingested_at"], row["seen_at"]

    def to_networkx(self) -> networkx.MultiDiGraph:
        """Nodes are actors (name, type, aliases); one edge per relationship, keyed by relation, with
        relation, articles, evidence, hedged_share, best_confidence, first_seen, last_seen."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        for actor in self.actors():
            graph.add_node(actor["id"], name=actor["name"], type=actor["type"], aliases=actor["aliases"])
        for rel in self.relationships():
            graph.add_edge(rel["subject_id"], rel["object_id"], key=rel["relation"], id=rel["id"],
                           relation=rel["relation"], articles=rel["articles"], evidence=rel["evidence"],
                           hedged_share=rel["hedged_share"], best_confidence=rel["best_confidence"],
                           first_seen=rel["first_seen"], last_seen=rel["last_seen"])
        return graph
