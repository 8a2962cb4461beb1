"""The SQLite store's file: its tables and view, and opening one safely.

:func:`open_database` refuses, before SQLite touches anything, a path that cannot hold a graph (a
directory, a missing parent, a read-only file, another application's database, a newer schema),
switches the journal to a write-ahead log, sets ``busy_timeout`` and creates the schema once.
:func:`transaction` is the one way the store writes: ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on
any error.
"""
from __future__ import annotations

import os
import sqlite3
import urllib.parse
from contextlib import contextmanager
from typing import Iterator

from graphkit.store.base import StoreError

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 30_000

TABLES = ("actors", "aliases", "articles", "relationships", "evidence")

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
    seen_at     TEXT NOT NULL   -- the date in ISO 8601 when it parses, else ingested_at (undated: readers take
                                -- NULLIF(seen_at, ingested_at) as the publication date, never ingest time)
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
CREATE INDEX IF NOT EXISTS articles_by_source ON articles(source);
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
       MIN(NULLIF(a.seen_at, a.ingested_at)) AS first_seen,  -- publication dates only
       MAX(NULLIF(a.seen_at, a.ingested_at)) AS last_seen
FROM relationships AS r
LEFT JOIN per_article AS p ON p.relationship_id = r.id
LEFT JOIN articles AS a ON a.id = p.article_id
GROUP BY r.id;
"""


def message(path: str, what: str, exc: BaseException) -> str:
    """One line naming the file: ``<path>: <what> database (<reason>)``."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"{path}: {what} database ({reason})"


def open_database(path: str, *, readonly: bool = False, create: bool = True) -> sqlite3.Connection:
    """A connection to the graph at ``path`` (``":memory:"`` for a throwaway one), set up and checked.

    Raises :class:`StoreError` (and changes nothing) when the file cannot be opened or written, is not
    an SQLite database or holds another application's tables.
    """
    memory = path == ":memory:"
    if not memory and (readonly or not create) and not os.path.exists(path):
        raise StoreError(f"{path}: no such database")
    if not memory:
        check_path(path, readonly)
    try:
        if memory:
            db = sqlite3.connect(":memory:", isolation_level=None)
        else:
            if create and not readonly:
                _create_private(path)
            mode = "ro" if readonly else ("rwc" if create else "rw")
            uri = f"file:{urllib.parse.quote(os.path.abspath(path))}?mode={mode}"
            db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(message(path, "cannot open", exc)) from None
    try:
        setup(db, path, readonly)
    except sqlite3.Error as exc:
        db.close()
        immutable = _open_immutable(path) if readonly and not memory else None
        if immutable is None:
            raise StoreError(message(path, "cannot open", exc)) from None
        return immutable
    except StoreError:
        db.close()
        raise
    return db


def _create_private(path: str) -> None:
    """Create an empty database file readable by its owner only (0600) unless it exists; SQLite gives
    the -wal and -shm files it makes later the same mode."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError:
        pass  # sqlite3.connect reports what is wrong with the path


def _open_immutable(path: str) -> sqlite3.Connection | None:
    """Read a WAL database whose -shm file this reader can neither find nor create (it may read the
    file but not write its directory, or the file system is read-only) as immutable, provided no -wal
    file holds changes the database file lacks. None when that does not work."""
    if any(os.path.exists(path + suffix) for suffix in ("-wal", "-shm")):
        return None
    uri = f"file:{urllib.parse.quote(os.path.abspath(path))}?mode=ro&immutable=1"
    try:
        db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        setup(db, path, readonly=True)
    except sqlite3.Error:
        db.close()
        return None
    except StoreError:
        db.close()
        raise
    return db


def check_path(path: str, readonly: bool) -> None:
    """Refuse, before SQLite touches anything, a path that cannot hold a writable database."""
    if os.path.isdir(path):
        raise StoreError(f"{path}: is a directory, not a database file")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(parent):
        raise StoreError(f"{path}: cannot create database: directory {parent} does not exist")
    if not os.path.isdir(parent):
        raise StoreError(f"{path}: cannot create database: {parent} is not a directory")
    if readonly:
        return
    if os.path.exists(path) and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"{path}: database is read-only (no write permission)")
    if not os.access(parent, os.W_OK | os.X_OK):  # the write-ahead log and shared memory files live beside it
        raise StoreError(f"{path}: directory {parent} is not writable")


def setup(db: sqlite3.Connection, path: str, readonly: bool) -> None:
    """Pragmas, the version check and (writable, version 0) the schema."""
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    version = db.execute("PRAGMA user_version").fetchone()[0]  # reads the header: "file is not a database"
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: graph database version {version} is newer than this graphkit "
                         f"({SCHEMA_VERSION})")
    if version == 0 and tables - {"sqlite_sequence"}:
        raise StoreError(f"{path}: an SQLite database of another application, not a graphkit graph")
    if readonly:
        if version == 0:
            raise StoreError(f"{path}: not a graphkit graph database (empty)")
        return
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal" and path != ":memory:":
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"{path}: cannot switch the database to write-ahead logging")
    with transaction(db, path, readonly):
        if db.execute("PRAGMA user_version").fetchone()[0] == 0:  # another process may have won the race
            for statement in _SCHEMA.split(";\n"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("CREATE INDEX IF NOT EXISTS articles_by_source ON articles(source)")  # files made before it


@contextmanager
def transaction(db: sqlite3.Connection, path: str, readonly: bool) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (including KeyboardInterrupt)."""
    if readonly:
        raise StoreError(f"{path}: opened read-only")
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    else:
        db.execute("COMMIT")
