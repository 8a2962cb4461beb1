"""The bulk path: `graphkit export --format neo4j-import` files, loaded by `neo4j-admin database import full`
(`bash neo4j/run.sh import DIR`) into a server of this test's own, answer `links`, `path` and `show`
exactly as the same store pushed through the transactional writer does. Needs java and a real Neo4j."""
from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, _free_port
from graphkit.cli import app
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore
from graphkit.store.neo4j import Neo4jStore
from test_query import ARTICLES
from test_query_neo4j import QUESTIONS

USER = os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j"
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev"
ENV = {"GRAPHKIT_NEO4J_USER": USER, "GRAPHKIT_NEO4J_PASSWORD": PASSWORD, "GRAPHKIT_NEO4J_URI": ""}
ASKED = [q for q in QUESTIONS if q[0] in ("links", "path", "show")]


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    return result.exit_code, result.output


def run_sh(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(ROOT / "neo4j" / "run.sh"), *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, **env})


@pytest.fixture(scope="module")
def stores(neo4j_uri, tmp_path_factory, nlp):
    d = tmp_path_factory.mktemp("neo4j-import")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    db = d / "graph.db"
    with SQLiteStore(db) as lite:
        ingest([str(d)], lite, nlp=nlp, progress=False)
    with Neo4jStore(neo4j_uri, USER, PASSWORD) as neo:  # the transactional load, as `graphkit push`
        neo.clear()
    code, out = cli("push", "--db", str(db), "--neo4j", neo4j_uri)
    assert code == 0, out
    files = d / "import"
    code, out = cli("export", "--format", "neo4j-import", "--out", str(files), "--db", str(db))
    assert code == 0, out
    env = {"GRAPHKIT_NEO4J_DIR": str(d / "server"), "GRAPHKIT_NEO4J_PORT": str(_free_port()),
           "GRAPHKIT_NEO4J_PASSWORD": PASSWORD}
    imported = run_sh("import", str(files), env=env)
    assert imported.returncode == 0, imported.stderr[-3000:]
    started = run_sh("start", env=env)
    assert started.returncode == 0, started.stderr[-3000:]
    try:
        yield db, neo4j_uri, started.stdout.strip().splitlines()[-1], files
    finally:
        run_sh("stop", env=env)


def test_files_have_import_headers(stores):
    _, _, _, files = stores
    names = sorted(p.name for p in Path(files).iterdir())
    assert names == [  # the slim model: no relationship nodes, no edges but RELATION between actors
        "nodes-actors-multiline.csv", "nodes-actors.csv", "nodes-articles-multiline.csv", "nodes-articles.csv",
        "nodes-evidence-multiline.csv", "nodes-evidence.csv", "relationships-relation-multiline.csv",
        "relationships-relation.csv"]
    with open(Path(files) / "nodes-evidence.csv", newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[0] == "id" and "hedged:boolean" in header and "seq:long" in header  # no import ID: no edge ends there
    with open(Path(files) / "relationships-relation.csv", newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == [":START_ID(Actor)", ":END_ID(Actor)", "id", "relation", ":TYPE"]


def test_imported_database_holds_what_the_transactional_load_holds(stores):
    db, loaded, imported, _ = stores
    with Neo4jStore(loaded, USER, PASSWORD) as a, Neo4jStore(imported, USER, PASSWORD) as b, \
            SQLiteStore(db, readonly=True) as lite:
        assert a.stats() == b.stats() == lite.stats()
        assert list(a.actors()) == list(b.actors())
        assert list(a.relationships()) == list(b.relationships())
        drop_seq = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
        assert drop_seq(a.evidence()) == drop_seq(b.evidence())


@pytest.mark.parametrize("question", ASKED, ids=lambda q: " ".join(q))
def test_imported_database_answers_as_the_transactional_load(stores, question):
    db, loaded, imported, _ = stores
    code_a, by_load = cli(*question, "--neo4j", loaded, "--format", "json")
    code_b, by_import = cli(*question, "--neo4j", imported, "--format", "json")
    assert code_a == code_b == 0, by_load + by_import
    assert json.loads(by_import) == json.loads(by_load)
    assert json.loads(by_load), f"{question}: an empty answer proves nothing"
    assert json.loads(cli(*question, "--db", str(db), "--format", "json")[1]) == json.loads(by_load)


def test_export_refuses_a_neo4j_source_and_a_bad_directory(stores, tmp_path):
    db, loaded, _, _ = stores
    code, out = cli("export", "--format", "neo4j-import", "--out", str(tmp_path / "x"), "--neo4j", loaded)
    assert code == 2 and "embedded store" in out
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out = cli("export", "--format", "neo4j-import", "--out", str(blocker), "--db", str(db))
    assert code != 0 and len(out.strip().splitlines()) == 1 and blocker.read_text() == "x"
