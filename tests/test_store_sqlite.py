"""The SQLite store's own behaviour: its file, pragmas, opening errors, read-only use, concurrent connections, dates."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.read import Article
from graphkit.store import SQLiteStore, StoreError
from graphkit.store.sqlite import iso_date
from test_store_contract import ARMS, article, arms, make_triple  # noqa: F401  the shared helpers


@pytest.fixture
def store(tmp_path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "graph.db")
    yield s
    s.close()


def test_pragmas_and_tables(store, tmp_path):
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"actors", "aliases", "articles", "relationships", "evidence", "relationship_summary"} <= tables
    # reopening an existing store keeps it
    store.add_articles([(article("a1"), [arms()])])
    with SQLiteStore(tmp_path / "graph.db") as again:
        assert again.stats() == store.stats()


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=_text, obj=_text, article_id=_text)
def test_any_text_round_trips(subject, obj, article_id):
    with SQLiteStore(":memory:") as store:
        sentence = f"{subject} attacked {obj}"
        t = make_triple(sentence, subject, "attacked", obj, "attacked", subject_id="s:" + subject,
                        object_id="o:" + obj)
        store.add_articles([(Article(id=article_id, text=sentence, source="-"), [t])])
        [rel] = list(store.relationships())
        assert (rel["subject"], rel["object"], rel["subject_id"], rel["object_id"]) == (
            subject, obj, "s:" + subject, "o:" + obj)
        assert store.has_article(article_id)
        assert store.forget(article_id)
        assert store.stats() == {"articles": 0, "actors": 0, "relationships": 0, "evidence": 0}


def test_two_connections_share_one_file(tmp_path):
    path = tmp_path / "shared.db"
    with SQLiteStore(path) as one, SQLiteStore(path) as two:
        one.add_articles([(article("a1"), [arms()])])
        assert two.has_article("a1")
        assert two.add_articles([(article("a1"), [arms()]), (article("a2"), [arms(offset=50)])])["stored"] == 1
        assert one.stats()["articles"] == 2


# --------------------------------------------------------------------------- paths that cannot hold a store


def test_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        SQLiteStore(tmp_path)


def test_parent_that_is_a_file_is_refused(tmp_path):
    parent = tmp_path / "plain.txt"
    parent.write_text("not a directory")
    with pytest.raises(StoreError, match="not a directory"):
        SQLiteStore(parent / "graph.db")
    assert parent.read_text() == "not a directory"


def test_missing_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "nope" / "graph.db")
    assert not (tmp_path / "nope").exists()


def test_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a database"):
        SQLiteStore(path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["notes.db"]


def test_another_applications_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another application"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_readonly_and_no_create_need_an_existing_file(tmp_path):
    for kwargs in ({"readonly": True}, {"create": False}):
        with pytest.raises(StoreError, match="no such database"):
            SQLiteStore(tmp_path / "missing.db", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_readonly_store_reads(tmp_path):
    path = tmp_path / "graph.db"
    with SQLiteStore(path) as store:
        store.add_articles([(article("a1"), [arms()])])
    with SQLiteStore(path, readonly=True) as ro:
        assert ro.stats()["articles"] == 1
        with pytest.raises(StoreError):
            ro.forget("a1")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write any file")
def test_read_only_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "graph.db"
    with SQLiteStore(path) as store:
        store.add_articles([(article("a1"), [arms()])])
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="read-only"):
            SQLiteStore(path)
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_iso_dates():
    assert iso_date("2024-03-01T10:00:00+02:00") == "2024-03-01T08:00:00Z"
    assert iso_date("1 March 2024") == "2024-03-01"
    assert iso_date(None) is None and iso_date("  ") is None and iso_date("sometime") is None
