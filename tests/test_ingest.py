"""Ingest into the SQLite store, in process and through the CLI, including a process killed mid-run."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.run import extract as extract_module
from graphkit.cli import app, default_db_path
from graphkit.read import ReadOptions
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore

ARMS = "Iran supplied weapons to Hezbollah during the long winter.\n"
ARMS_HEDGED = "Iran reportedly supplied weapons to Hezbollah in the spring.\n"
TALKS_1 = "Hamas held talks with Fatah in Cairo last month.\n"
TALKS_2 = "Fatah held talks with Hamas in Doha this week.\n"
ATTACK = "The Houthis attacked Saudi Arabia on Tuesday.\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(paths, store, nlp, **kw) -> dict:
    return ingest([str(p) for p in paths], store, ReadOptions(), nlp=nlp, progress=False,
                  on_failure=kw.pop("on_failure", lambda message: None), **kw)


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "graph.db")
    yield s
    s.close()


@pytest.fixture
def docs(tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    write(folder, "arms.txt", ARMS)
    write(folder, "talks.txt", TALKS_1)
    write(folder, "attack.md", ATTACK)
    return folder


class Exploding:
    """A pipeline that must not be used."""

    def pipe(self, *args, **kwargs):
        raise AssertionError("extraction ran for an article already stored")


def test_second_run_changes_nothing(store, docs, nlp):
    first = run([docs], store, nlp)
    assert first["stored"] == 3 and first["skipped"] == first["failed"] == 0
    assert first["relationships"] >= 3 and first["evidence"] >= 3 and first["actors"] >= 6
    before = store.stats()
    relationships = list(store.relationships())
    assert before["articles"] == 3 and before["relationships"] == first["relationships"]

    # already-stored articles are skipped before extraction: the pipeline is never called
    second = run([docs], store, Exploding())
    assert second == {"stored": 0, "skipped": 3, "failed": 0, "actors": 0, "relationships": 0, "evidence": 0}
    assert store.stats() == before and list(store.relationships()) == relationships


def test_changed_text_is_a_new_article(store, docs, nlp):
    # with --keep-versions an edited file is stored beside its old version (by default it replaces it:
    # tests/test_versions.py)
    run([docs], store, nlp)
    write(docs, "arms.txt", ARMS_HEDGED)
    summary = run([docs], store, nlp, keep_versions=True)
    assert summary["stored"] == 1 and summary["skipped"] == 2
    assert store.stats()["articles"] == 4
    [rel] = [r for r in store.relationships() if r["id"] == "iran|supplies_weapons_to|hezbollah"]
    assert rel["articles"] == 2 and rel["hedged_share"] == pytest.approx(0.5)
    assert rel["best_confidence"] == pytest.approx(max(e["confidence"] for e in store.evidence(rel["id"])))


def test_symmetric_relation_from_both_sides_is_one_relationship(store, tmp_path, nlp):
    a, b = write(tmp_path, "a.txt", TALKS_1), write(tmp_path, "b.txt", TALKS_2)
    run([a, b], store, nlp)
    talks = [r for r in store.relationships() if r["relation"] == "negotiated_with"]
    assert [(r["subject_id"], r["object_id"], r["articles"]) for r in talks] == [("fatah", "hamas", 2)]


def test_forget_keeps_what_another_article_supports(store, tmp_path, nlp):
    one = write(tmp_path, "one.txt", ARMS + ATTACK)
    two = write(tmp_path, "two.txt", ARMS_HEDGED)
    run([one, two], store, nlp)
    ids = {r["id"] for r in store.relationships()}
    assert {"iran|supplies_weapons_to|hezbollah", "houthis|attacked|saudi-arabia"} <= ids
    one_id = next(e["article_id"] for e in store.evidence("houthis|attacked|saudi-arabia"))

    assert store.forget(one_id)
    assert not store.has_article(one_id)
    assert list(store.evidence(article_id=one_id)) == []
    left = {r["id"]: r for r in store.relationships()}
    assert "houthis|attacked|saudi-arabia" not in left
    assert left["iran|supplies_weapons_to|hezbollah"]["articles"] == 1
    actor_ids = {a["id"] for a in store.actors()}
    assert {"iran", "hezbollah"} <= actor_ids and not {"houthis", "saudi-arabia"} & actor_ids
    graph = store.to_networkx()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (store.stats()["actors"],
                                                                  store.stats()["relationships"])


def test_bad_files_are_counted_and_the_rest_stored(store, docs, tmp_path, nlp):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01binary\x00")
    messages = []
    summary = run([bad, docs, tmp_path / "missing.txt"], store, nlp, on_failure=messages.append)
    assert summary["failed"] == 2 and summary["stored"] == 3
    assert len(messages) == 2 and "binary.txt" in messages[0] and "missing.txt" in messages[1]


class Fussy:
    """The real pipeline, except that it breaks on any text mentioning a volcano."""

    def __init__(self, nlp):
        self.nlp = nlp

    def pipe(self, items, as_tuples=False, **kwargs):
        for text, context in items:
            if "volcano" in text:
                raise RuntimeError("the volcano erupted")
            yield from self.nlp.pipe([(text, context)], as_tuples=True)


def test_an_article_that_breaks_extraction_fails_alone(store, docs, nlp):
    write(docs, "volcano.txt", "The volcano near Hezbollah positions erupted.\n")
    messages = []
    summary = run([docs], store, Fussy(nlp), on_failure=messages.append)
    assert summary["stored"] == 3 and summary["failed"] == 1
    assert messages == [f"{docs / 'volcano.txt'}: extraction failed (the volcano erupted)"]
    assert store.stats()["articles"] == 3


def test_small_batches_give_the_same_graph(tmp_path, docs, nlp):
    with SQLiteStore(tmp_path / "one.db") as one, SQLiteStore(tmp_path / "many.db") as many:
        run([docs], one, nlp, batch_articles=1)
        run([docs], many, nlp, batch_articles=32)
        strip = lambda rows: [{k: v for k, v in r.items() if k not in ("first_seen", "last_seen")} for r in rows]  # noqa: E731
        assert strip(one.relationships()) == strip(many.relationships())


def test_progress_bar_goes_to_stderr(store, docs, nlp, capsys):
    ingest([str(docs)], store, nlp=nlp, progress=True)
    out, err = capsys.readouterr()
    assert out == "" and "3 stored" in err


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def cli(nlp, monkeypatch):
    """A CliRunner whose default pipeline is the session's ``nlp`` (no second model load)."""
    monkeypatch.setitem(extract_module._PIPELINES, (None, ()), nlp)
    monkeypatch.delenv("GRAPHKIT_DB", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(map(str, args)))


def test_cli_ingest_stats_forget(cli, docs, tmp_path):
    db = tmp_path / "cli.db"
    first = cli("ingest", docs, "--db", db, "--format", "json")
    assert first.exit_code == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["stored"] == 3 and summary["failed"] == 0
    assert summary["totals"]["articles"] == 3

    again = cli("ingest", docs, "--db", db, "--format", "json")
    assert json.loads(again.stdout)["skipped"] == 3

    stats = cli("stats", "--db", db, "--format", "json")
    assert stats.exit_code == 0 and json.loads(stats.stdout) == summary["totals"]
    table = cli("stats", "--db", db)
    assert "relationships" in table.stdout

    with SQLiteStore(db) as store:
        article_id = next(iter(store.evidence()))["article_id"]
    gone = cli("forget", article_id, "--db", db)
    assert gone.exit_code == 0 and article_id in gone.stdout
    assert json.loads(cli("stats", "--db", db, "-f", "json").stdout)["articles"] == 2

    unknown = cli("forget", article_id, "--db", db)
    assert unknown.exit_code == 1 and "no article" in unknown.stderr and article_id in unknown.stderr


def test_cli_ingest_table_and_bad_files(cli, docs, tmp_path):
    empty = write(tmp_path, "empty.txt", "")
    result = cli("ingest", empty, docs, "--db", tmp_path / "t.db")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "empty.txt" in errors[0]
    assert "stored" in result.stdout and "database now: 3 articles" in result.stdout


def test_cli_reading_options(cli, tmp_path):
    table = tmp_path / "news.jsonl"
    table.write_text("\n".join(json.dumps({"key": f"n{i}", "body": text, "when": "2021-05-0" + str(i + 1)})
                               for i, text in enumerate([ARMS, ATTACK])) + "\n")
    db = tmp_path / "rows.db"
    result = cli("ingest", table, "--db", db, "--text-column", "body", "--id-column", "key",
                 "--date-column", "when", "-f", "json")
    assert result.exit_code == 0, result.stderr
    with SQLiteStore(db) as store:
        assert store.has_article("n0") and store.has_article("n1")
        assert store.article("n1")["date"] == "2021-05-02"
        rel = next(r for r in store.relationships() if r["id"] == "houthis|attacked|saudi-arabia")
        assert rel["first_seen"] == "2021-05-02"


def test_default_db_is_in_the_user_data_dir(cli, docs, tmp_path, monkeypatch):
    monkeypatch.delenv("GRAPHKIT_NEO4J_URI", raising=False)  # the SQLite default is under test, not Neo4j
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == str(tmp_path / "xdg" / "graphkit" / "graph.db")
    result = cli("ingest", docs, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "xdg" / "graphkit" / "graph.db").exists()
    monkeypatch.setenv("GRAPHKIT_DB", str(tmp_path / "env.db"))
    assert default_db_path() == str(tmp_path / "env.db")
    assert cli("ingest", docs).exit_code == 0
    assert json.loads(cli("stats", "-f", "json").stdout)["articles"] == 3
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.delenv("GRAPHKIT_DB")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_db_path() == str(tmp_path / "home" / ".local" / "share" / "graphkit" / "graph.db")


@pytest.mark.parametrize("command", ["ingest", "forget", "stats"])
def test_db_under_a_regular_file_exits_2_and_changes_nothing(cli, docs, tmp_path, command):
    plain = write(tmp_path, "plain.txt", "just text\n")
    args = {"ingest": ["ingest", docs], "forget": ["forget", "abc"], "stats": ["stats"]}[command]
    result = cli(*args, "--db", plain / "graph.db")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "plain.txt" in lines[0]
    assert plain.read_text() == "just text\n"


@pytest.mark.parametrize("make", ["directory", "text", "missing-dir"])
def test_unusable_db_paths_exit_2(cli, docs, tmp_path, make):
    if make == "directory":
        db = tmp_path / "adir"
        db.mkdir()
    elif make == "text":
        db = write(tmp_path, "notes.db", "notes\n")
    else:
        db = tmp_path / "nowhere" / "graph.db"
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli("ingest", docs, "--db", db)
    assert result.exit_code == 2
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if make == "text":
        assert db.read_text() == "notes\n"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write any file")
def test_read_only_db_file_exits_2_unchanged(cli, docs, tmp_path):
    db = tmp_path / "ro.db"
    assert cli("ingest", docs, "--db", db).exit_code == 0
    before = db.read_bytes()
    db.chmod(0o444)
    try:
        result = cli("ingest", docs, "--db", db)
    finally:
        db.chmod(0o644)
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert db.read_bytes() == before


def test_stats_and_forget_need_an_existing_db(cli, tmp_path):
    for args in (["stats"], ["forget", "abc"]):
        result = cli(*args, "--db", tmp_path / "missing.db")
        assert result.exit_code == 2 and "no such database" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unknown_summary_format(cli, docs, tmp_path):
    result = cli("ingest", docs, "--db", tmp_path / "x.db", "--format", "xml")
    assert result.exit_code == 2 and "unknown format" in result.stderr
    assert not (tmp_path / "x.db").exists()


# --------------------------------------------------------------------------- a process killed mid-run

ACTORS = ["Hezbollah", "Hamas", "the Houthis", "Iran", "Russia", "the Wagner Group", "the Taliban", "Turkey",
          "the Islamic State", "Qatar", "Saudi Arabia", "Israel"]
BATCH = 4
COUNT = 60


def generated_articles(folder: Path) -> None:
    folder.mkdir()
    n = len(ACTORS)
    for i in range(COUNT):
        a, b, c = ACTORS[i % n], ACTORS[(i + 3) % n], ACTORS[(i + 7) % n]
        text = (f"Dispatch number {i}\n\n"
                f"{a[0].upper() + a[1:]} attacked {b} near the border on day {i}. "
                f"Officials said {c} supplied weapons to {a} for the campaign. "
                f"{b[0].upper() + b[1:]} reportedly held talks with {c} in a neutral capital. "
                f"Witnesses counted {i + 2} vehicles on the road, and markets stayed closed for {i % 5 + 1} days.\n")
        (folder / f"dispatch-{i:03d}.txt").write_text(text, encoding="utf-8")


def article_count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or the schema not committed yet
        return 0


def evidence_keys(store: SQLiteStore) -> list[tuple]:
    return sorted((e["article_id"], e["relationship_id"], e["sentence_start"], e["trigger_start"], e["hedged"],
                   e["confidence"]) for e in store.evidence())


def graphkit_ingest(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphkit.cli", "ingest", *args, "--no-progress", "--format", "json"]


def test_sigkill_mid_ingest_then_resume(tmp_path, nlp):
    docs = tmp_path / "dispatches"
    generated_articles(docs)
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("GRAPHKIT_DB", None)
    proc = subprocess.Popen(graphkit_ingest(str(docs), "--db", str(db), "--batch-articles", str(BATCH)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 120
        while article_count(db) == 0:
            assert proc.poll() is None, f"ingest ended before its first batch: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "no batch committed within 120 s"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    stored = article_count(db)
    assert 0 < stored < COUNT, "the process should have been killed mid-run"
    assert stored % BATCH == 0, "a batch was half stored"

    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        run([docs], fresh, nlp)
        expected = evidence_keys(fresh)
        expected_stats = fresh.stats()
        assert expected_stats["evidence"] >= 2 * COUNT
        expected_relationships = [(r["id"], r["articles"], r["evidence"], r["hedged_share"], r["best_confidence"])
                                  for r in fresh.relationships()]

    # what survived the kill is complete: each stored article has exactly its full evidence
    with SQLiteStore(db) as killed:
        assert killed._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        survived = {row["article_id"] for row in killed._read("SELECT id AS article_id FROM articles")}
        assert evidence_keys(killed) == [k for k in expected if k[0] in survived]

    again = subprocess.run(graphkit_ingest(str(docs), "--db", str(db), "--batch-articles", str(BATCH)),
                           capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["stored"] == COUNT - stored and summary["skipped"] == stored and summary["failed"] == 0
    with SQLiteStore(db) as resumed:
        assert resumed.stats() == expected_stats and expected_stats["articles"] == COUNT
        assert evidence_keys(resumed) == expected
        assert [(r["id"], r["articles"], r["evidence"], r["hedged_share"], r["best_confidence"])
                for r in resumed.relationships()] == expected_relationships


def test_stored_articles_are_checked_in_one_query(store, docs, nlp, monkeypatch):
    run([docs], store, nlp)
    ids = {row["id"] for row in store._read("SELECT id FROM articles")}
    assert store.stored_articles([*ids, "nope"]) == ids
    calls = []
    real = store.stored_articles
    monkeypatch.setattr(store, "stored_articles", lambda batch: calls.append(len(batch)) or real(batch))
    second = run([docs], store, Exploding())
    assert second["skipped"] == 3 and calls == [3]  # three articles, one look-up
