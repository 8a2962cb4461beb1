"""The Neo4j store against a real Neo4j 5 server: parity with SQLite, idempotence, push, forget,
hostile names, errors and Cypher hygiene.

The server: $GRAPHKIT_NEO4J_URI when set (user $GRAPHKIT_NEO4J_USER, password $GRAPHKIT_NEO4J_PASSWORD),
else one started with ``bash neo4j/run.sh start`` and stopped at the end. Without java the tests are
skipped, except in CI ($CI set), where they fail.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import group_triple
from graphkit.cli import app
from graphkit.read import Article
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore, StoreError
from graphkit.store.neo4j import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
USER = os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j"
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev"
WRONG_PASSWORD = "not-the-Pa55word-xyzzy"

ARTICLES = {
    "border.txt": "Skirmish on the northern border\n\n"
                  "The Houthis attacked Saudi Arabia on Tuesday. Iran supplied weapons to the Houthis, "
                  "according to a UN panel. Hamas held talks with Fatah in Cairo.\n",
    "talks.txt": "Talks resume\n\n"
                 "Hezbollah is fighting Israel along the frontier. Qatar funds Hamas. "
                 "Egypt mediated between Hamas and Israel.\n",
    "arms.txt": "The Houthis attacked Saudi Arabia again. Russia armed Syria, officials said.\n",
}


# --------------------------------------------------------------------------- the server


def connect(uri: str) -> Neo4jStore:
    """A store on ``uri``; retried for a while because Neo4j locks a user briefly after failed logins."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return Neo4jStore(uri, USER, PASSWORD)
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


@pytest.fixture
def neo(neo4j_uri):
    store = connect(neo4j_uri)
    store.clear()  # MATCH (n) DETACH DELETE n: every test starts from an empty database
    yield store
    store.close()


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def env(uri: str, password: str = PASSWORD) -> dict:
    return {"GRAPHKIT_NEO4J_USER": USER, "GRAPHKIT_NEO4J_PASSWORD": password, "GRAPHKIT_NEO4J_URI": ""}


def graph_key(graph: nx.MultiDiGraph) -> tuple:
    """Nodes and edges with their data, timestamps of ingestion left out (they differ between runs)."""
    nodes = sorted((n, d["name"], d["type"], tuple(d["aliases"])) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, k, d["articles"], d["evidence"], d["hedged_share"], d["best_confidence"])
                   for u, v, k, d in graph.edges(keys=True, data=True))
    return nodes, edges


def evidence_key(store) -> list:
    return sorted(tuple(sorted((k, v) for k, v in row.items() if k != "id")) for row in store.evidence())


# --------------------------------------------------------------------------- parity and idempotence


def test_same_articles_give_the_same_graph_as_sqlite(neo, corpus, tmp_path, nlp):
    lite = SQLiteStore(tmp_path / "graph.db")
    s1 = ingest([str(corpus)], lite, nlp=nlp, progress=False, batch_articles=2)
    s2 = ingest([str(corpus)], neo, nlp=nlp, progress=False, batch_articles=2)
    assert s1 == s2
    assert s1["stored"] == 3 and s1["relationships"] > 3
    assert neo.stats() == lite.stats()
    assert list(neo.actors()) == list(lite.actors())
    g_lite, g_neo = lite.to_networkx(), neo.to_networkx()
    assert set(g_neo.nodes) == set(g_lite.nodes)
    assert set(g_neo.edges(keys=True)) == set(g_lite.edges(keys=True))
    assert graph_key(g_neo) == graph_key(g_lite)
    assert evidence_key(neo) == evidence_key(lite)
    lite.close()


def test_ingest_twice_changes_nothing(neo, corpus, nlp):
    ingest([str(corpus)], neo, nlp=nlp, progress=False)
    before = (neo.stats(), list(neo.relationships()), list(neo.actors()), list(neo.evidence()))
    again = ingest([str(corpus)], neo, nlp=nlp, progress=False)
    assert again["stored"] == 0 and again["skipped"] == 3
    assert again["actors"] == again["relationships"] == again["evidence"] == 0
    assert (neo.stats(), list(neo.relationships()), list(neo.actors()), list(neo.evidence())) == before
    # the same batch twice in one call, too
    batch = [(Article(id="x1", text="t", source="x1.txt"), []), (Article(id="x1", text="t", source="x1.txt"), [])]
    assert neo.add_articles(batch)["stored"] == 1


def test_push_equals_direct_ingest(neo, corpus, tmp_path, nlp, neo4j_uri):
    db = tmp_path / "graph.db"
    with SQLiteStore(db) as lite:
        ingest([str(corpus)], lite, nlp=nlp, progress=False)
        expected = (lite.stats(), list(lite.relationships()), list(lite.actors()), evidence_key(lite))
    runner = CliRunner()
    result = runner.invoke(app, ["push", "--db", str(db), "--neo4j", neo4j_uri, "--format", "json",
                                 "--batch-articles", "2"], env=env(neo4j_uri))
    assert result.exit_code == 0, result.output
    assert '"stored": 3' in result.output
    # the ingestion times are kept, so even first/last seen agree
    assert (neo.stats(), list(neo.relationships()), list(neo.actors()), evidence_key(neo)) == expected
    again = runner.invoke(app, ["push", "--db", str(db), "--neo4j", neo4j_uri, "--format", "json"],
                          env=env(neo4j_uri))
    assert again.exit_code == 0, again.output
    assert '"stored": 0' in again.output and '"skipped": 3' in again.output
    assert neo.stats() == expected[0]


def test_cli_ingest_into_neo4j(neo, corpus, neo4j_uri, tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--neo4j", neo4j_uri, "--format", "json",
                                      "--no-progress"], env=env(neo4j_uri))
    assert result.exit_code == 0, result.output
    assert '"stored": 3' in result.output
    assert neo.stats()["articles"] == 3


HOSTILE = [
    "O'Brien \"the Hammer\"",
    "`backtick` Brigade",
    "{brace} Front }{",
    "'); DROP TABLE actors; --",
    "MATCH (n) DETACH DELETE n",
    "}) RETURN 1 //",
    "$id \\' \\\" ünïcødé",
]


def test_hostile_names_round_trip(neo, tmp_path):
    lite = SQLiteStore(tmp_path / "graph.db")
    batch = []
    for i, name in enumerate(HOSTILE):
        sentence = f"{name} attacked Target Group."
        t = group_triple(name, "attacked", "Target Group", sentence, "attacked")
        t["subject_id"] = name  # hostile ids too
        batch.append((Article(id=f"{name} #{i}", text="", source=name, title=name, date=name), [t]))
    for store in (lite, neo):
        store.add_articles(batch)
    names = {a["name"] for a in neo.actors()}
    assert set(HOSTILE) <= names
    assert {a["id"] for a in neo.actors()} == {a["id"] for a in lite.actors()}
    assert list(neo.actors()) == list(lite.actors())
    assert graph_key(neo.to_networkx()) == graph_key(lite.to_networkx())
    assert evidence_key(neo) == evidence_key(lite)
    for i, name in enumerate(HOSTILE):
        assert neo.has_article(f"{name} #{i}")
        assert neo.article(f"{name} #{i}")["title"] == name
        assert [e["subject_text"] for e in neo.evidence(article_id=f"{name} #{i}")] == [name]
    assert neo.stats()["articles"] == len(HOSTILE)  # nothing was dropped or injected
    assert neo.forget(f"{HOSTILE[4]} #4") and neo.stats()["articles"] == len(HOSTILE) - 1
    lite.close()


# --------------------------------------------------------------------------- errors


def test_wrong_password_is_one_line_without_the_password(neo4j_uri):
    with pytest.raises(StoreError) as info:
        Neo4jStore(neo4j_uri, USER, WRONG_PASSWORD)
    message = str(info.value)
    assert WRONG_PASSWORD not in message and "\n" not in message
    assert "refused the credentials" in message and USER in message


def test_cli_wrong_password_exits_2_and_leaves_sqlite_alone(neo4j_uri, corpus, tmp_path, nlp):
    db = tmp_path / "graph.db"
    with SQLiteStore(db) as lite:
        ingest([str(corpus)], lite, nlp=nlp, progress=False)
    before = db.read_bytes()
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(corpus), "--neo4j", neo4j_uri, "--no-progress"],
                           env=env(neo4j_uri, WRONG_PASSWORD))
    assert result.exit_code == 2
    assert "refused the credentials" in result.output and WRONG_PASSWORD not in result.output
    result = runner.invoke(app, ["push", "--db", str(db), "--neo4j", neo4j_uri], env=env(neo4j_uri, WRONG_PASSWORD))
    assert result.exit_code == 2
    assert "refused the credentials" in result.output and WRONG_PASSWORD not in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1
    assert db.read_bytes() == before


def test_nothing_listening_is_a_clear_error(tmp_path, corpus):
    with pytest.raises(StoreError) as info:
        Neo4jStore("bolt://127.0.0.1:1", USER, WRONG_PASSWORD)
    message = str(info.value)
    assert message == "cannot reach Neo4j at bolt://127.0.0.1:1: connection refused"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--neo4j", "bolt://127.0.0.1:1", "--no-progress"],
                                env=env("bolt://127.0.0.1:1", WRONG_PASSWORD))
    assert result.exit_code == 2
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in result.output and WRONG_PASSWORD not in result.output


# --------------------------------------------------------------------------- Cypher hygiene

FORMATTING = re.compile(r"""\bf["']|\.format\(|["']\s*%\s*[\w(]|["']\s*\+\s*\w|\w\s*\+\s*["']""")


def test_no_cypher_is_built_from_strings():
    """Every query run by neo4j.py is ``load("<constant>")`` (or a schema statement) and no call that runs a
    query formats a string (f-string, %, .format, +); the .cypher files are no format templates."""
    for name in ("neo4j.py", "neo4j_files.py"):
        _check_queries_of(ROOT / "graphkit" / "store" / name)
    source = (ROOT / "graphkit" / "store" / "neo4j.py").read_text(encoding="utf-8")
    reads = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr == "_read"]
    assert reads and all(isinstance(r.args[0], ast.Constant) for r in reads), "_read(name) takes a constant name"
    loader = (ROOT / "graphkit" / "store" / "statements.py").read_text(encoding="utf-8")
    assert not re.search(r"\.run\(|execute_query\(", loader)
    files = sorted((ROOT / "graphkit" / "store" / "cypher").rglob("*.cypher"))
    assert {"schema", "create_articles", "forget_article", "stats"} <= {f.stem for f in files}
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"%[sdr(]|\{\d*\}|\{[a-z_]+\}", text), f"{f.name}: looks like a format template"
        assert "$" in text or f.stem in {"schema", "stats", "actors", "relationships", "clear",
                                          "has_old_model", "migrate_old_model"}, \
            f"{f.name}: a statement that takes no parameters"


def _check_queries_of(path: Path) -> None:
    """Every query call of the module at ``path`` runs a file's text, never a string built from data."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    calls = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr in {"run", "execute_query"}]
    assert len(calls) >= (6 if path.name == "neo4j.py" else 2), f"the queries of {path.name} were not found"
    for call in calls:
        where = f"{path.name}:{call.lineno}"
        query = call.args[0]
        from_file = (isinstance(query, ast.Call) and isinstance(query.func, ast.Name) and query.func.id == "load"
                     and len(query.args) == 1 and (isinstance(query.args[0], ast.Constant)
                                                   or (isinstance(query.args[0], ast.Name) and query.args[0].id == "name")))
        # a schema statement, or the text of a user's .cypher file (``graphkit cypher``), read in run_file, or
        # that file after the constant keyword EXPLAIN (its read-only check: the only reviewed concatenation)
        named = isinstance(query, ast.Name) and query.id in {"statement", "file_text", "explained_file"}
        assert from_file or named, f"{where}: query not from a file"
        for node in ast.walk(call):
            assert not isinstance(node, ast.JoinedStr), f"{where}: f-string in a query call"
            assert not (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add))), f"{where}: % or +"
            assert not (isinstance(node, ast.Attribute) and node.attr == "format"), f"{where}: .format"
        for line in lines[call.lineno - 1:call.end_lineno]:  # and the plain grep, line by line
            assert not FORMATTING.search(line), f"{where}: string formatting near a query: {line}"


# --------------------------------------------------------------------------- a kill mid-ingest


def test_sigkill_mid_ingest_into_neo4j_then_resume(neo, neo4j_uri, tmp_path):
    import signal
    import sys

    from test_ingest import BATCH, COUNT, generated_articles

    docs = tmp_path / "dispatches"
    generated_articles(docs)
    child_env = {**os.environ, **env(neo4j_uri), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "graphkit.cli", "ingest", str(docs), "--neo4j", neo4j_uri,
           "--batch-articles", str(BATCH), "--no-progress", "--format", "json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env)
    try:
        deadline = time.monotonic() + 180
        while neo.stats()["articles"] == 0:
            assert proc.poll() is None, f"ingest ended before its first batch: {proc.stderr.read().decode()}"
            assert time.monotonic() < deadline, "no batch committed within 180 s"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    stored = neo.stats()["articles"]
    assert 0 < stored < COUNT, "the process should have been killed mid-run"
    assert stored % BATCH == 0, "a batch was half stored"

    again = subprocess.run(cmd, capture_output=True, text=True, env=child_env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert '"failed": 0' in again.stdout
    resumed = neo.stats()
    with SQLiteStore(tmp_path / "fresh.db") as fresh:
        ingest([str(docs)], fresh, progress=False)
        assert resumed == fresh.stats()
        assert evidence_key(neo) == evidence_key(fresh)
