"""What goes wrong for real users of the Neo4j store, tried on real servers.

A server of its own (started here with ``neo4j/run.sh`` on a free port, with a password made up for the run,
so the shared default server on 7687 is never disturbed) is restarted during a load and kept down, and its
process list, logs and every output are searched for the password. The hostile-name and AG News load cases
use the session server (``neo4j_uri``). Without java the tests skip, except in CI, where they fail.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore, StoreError
from graphkit.store.neo4j import Neo4jStore
from test_reliability import (
    DROP_ID, INJECTION_ARGS, SCRIPT_ID, agnews, check_hostile_store, dispatches, evidence_keys, expected_counts, hostile,
    lines, load_into, recount,
)

ROOT = Path(__file__).resolve().parents[1]
RUN_SH = ROOT / "neo4j" / "run.sh"
USER = os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j"
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev"
BATCH = 2
COUNT = 40

__all__ = ["agnews", "hostile"]  # fixtures, imported for their use below


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PsWatch:
    """Snapshots of ``ps -eo args`` taken every 0.2 s while running; ``hits`` holds lines naming ``secret``."""

    def __init__(self, secret: str):
        self.secret, self.hits, self.snapshots = secret, [], 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            out = subprocess.run(["ps", "-eww", "-o", "args"], capture_output=True, text=True).stdout
            self.snapshots += 1
            self.hits += [line for line in out.splitlines() if self.secret in line]
            self._stop.wait(0.2)

    def __enter__(self) -> PsWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


class Server:
    """A Neo4j of this module's own, driven through neo4j/run.sh."""

    def __init__(self) -> None:
        self.state = Path(tempfile.mkdtemp(prefix="graphkit-neo4j-rel-"))
        self.port = free_port()
        self.password = "gk-" + secrets.token_hex(12)
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.outputs: list[str] = []
        self.env = {**os.environ, "GRAPHKIT_NEO4J_DIR": str(self.state), "GRAPHKIT_NEO4J_PORT": str(self.port),
                    "GRAPHKIT_NEO4J_PASSWORD": self.password}

    def run(self, command: str) -> subprocess.CompletedProcess:
        done = subprocess.run(["bash", str(RUN_SH), command], capture_output=True, text=True, env=self.env,
                              timeout=900)
        self.outputs += [done.stdout, done.stderr]
        return done

    def start(self) -> None:
        done = self.run("start")
        if done.returncode != 0:
            pytest.fail(f"neo4j/run.sh start failed:\n{done.stderr[-3000:]}")
        assert done.stdout.strip().splitlines()[-1] == self.uri

    def stop(self) -> None:
        assert self.run("stop").returncode == 0

    def store(self, retry: float = 30.0) -> Neo4jStore:
        return Neo4jStore(self.uri, USER, self.password, max_retry_time=retry)

    def cli_env(self, **extra: str) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHKIT_")}
        return {**env, "GRAPHKIT_NEO4J_PASSWORD": self.password, "GRAPHKIT_NEO4J_USER": USER,
                "PYTHONUNBUFFERED": "1", **extra}


@pytest.fixture(scope="module")
def server():
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI"):
            pytest.fail("java is not on PATH: the Neo4j reliability tests need Java 17+ (CI must not skip)")
        pytest.skip("java is not on PATH: cannot start a Neo4j of our own (install Java 17+)")
    own = Server()
    with PsWatch(own.password) as watch:
        own.start()
    own.start_watch = watch
    try:
        yield own
    finally:
        own.run("stop")
        shutil.rmtree(own.state, ignore_errors=True)


def ingest_cmd(folder: Path, uri: str) -> list[str]:
    return [sys.executable, "-m", "graphkit.cli", "ingest", str(folder), "--neo4j", uri, "--batch-articles",
            str(BATCH), "--no-progress", "--format", "json"]


def wait_for_first_batch(server: Server, proc: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    with server.store() as probe:
        while probe.stats()["articles"] == 0:
            assert proc.poll() is None, f"ingest ended before its first batch: {proc.communicate()}"
            assert time.monotonic() < deadline, "no batch committed in time"
            time.sleep(0.05)


def logged_ingest(folder: Path, uri: str, log: Path) -> list[str]:
    """The CLI ingest, with the driver's warnings (its retries) logged to ``log`` as an operator would."""
    code = ("import logging, sys; logging.basicConfig(filename=sys.argv[1], level=logging.WARNING, "
            "format='%(created)f %(name)s %(message)s'); from graphkit.cli import app; "
            "sys.argv = ['graphkit'] + sys.argv[2:]; app()")
    return [sys.executable, "-c", code, str(log), *ingest_cmd(folder, uri)[3:]]


@pytest.fixture
def fresh(tmp_path, nlp):
    """The dispatches and the graph a fresh SQLite ingest makes of them."""
    docs = dispatches(tmp_path / "dispatches", 0, COUNT)
    lite = SQLiteStore(tmp_path / "fresh.db")
    ingest([str(docs)], lite, nlp=nlp, progress=False)
    yield docs, lite
    lite.close()


def test_restart_during_a_load_is_ridden_out_with_backoff(server, fresh, tmp_path):
    """The server is stopped and started again mid-load; the driver retries with growing delays, and the
    ingest completes on its own: nothing lost, nothing doubled."""
    docs, lite = fresh
    with server.store() as neo:
        neo.clear()
    log = tmp_path / "driver.log"
    proc = subprocess.Popen(logged_ingest(docs, server.uri, log), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=server.cli_env(GRAPHKIT_NEO4J_RETRY_SECONDS="400"))
    try:
        wait_for_first_batch(server, proc)
        server.stop()
        time.sleep(2)
        assert proc.poll() is None, "the ingest gave up while the server was down"
        server.start()
        out, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert err.strip() == "", err
    summary = json.loads(out)
    assert summary["failed"] == 0 and summary["stored"] + summary["skipped"] == COUNT
    retries = [float(line.split("will be retried in ")[1].split("s", 1)[0])
               for line in log.read_text(encoding="utf-8").splitlines() if "will be retried in" in line]
    assert len(retries) >= 3, log.read_text(encoding="utf-8")
    assert max(retries) > 4 * min(retries), f"no backoff: {retries}"
    with server.store() as neo:
        assert neo.stats() == lite.stats()
        assert evidence_keys(neo) == evidence_keys(lite)


def test_server_that_stays_down_is_one_line_then_the_same_command_completes(server, fresh):
    docs, lite = fresh
    with server.store() as neo:
        neo.clear()
    env = server.cli_env(GRAPHKIT_NEO4J_RETRY_SECONDS="5")
    proc = subprocess.Popen(ingest_cmd(docs, server.uri), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        wait_for_first_batch(server, proc)
        server.stop()
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        if server.run("status").returncode != 0:
            server.start()
    assert proc.returncode == 2, (out, err)
    [line] = lines(err)
    assert line.startswith(f"graphkit: cannot reach Neo4j at {server.uri}") or \
        line.startswith(f"graphkit: Neo4j at {server.uri}: cannot "), line
    assert "Traceback" not in err and server.password not in err + out and out == ""
    with server.store() as neo:
        stored = neo.stats()["articles"]
        assert 0 < stored < COUNT
        assert stored % BATCH == 0, "a batch was half stored"
        survived = {e["article_id"] for e in neo.evidence()}
        assert evidence_keys(neo) == [k for k in evidence_keys(lite) if k[0] in survived]
    again = subprocess.run(ingest_cmd(docs, server.uri), capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert (summary["stored"], summary["skipped"], summary["failed"]) == (COUNT - stored, stored, 0)
    with server.store() as neo:
        assert neo.stats() == lite.stats() and evidence_keys(neo) == evidence_keys(lite)


def test_password_is_never_shown(server, fresh, tmp_path, nlp, caplog):
    """Not in the process list (while run.sh starts Neo4j, while Neo4j and an ingest run), not in any output,
    not in the logs under the state directory, not in an exception, not in the driver's debug log."""
    docs, _ = fresh
    secret = server.password
    assert server.start_watch.snapshots > 5 and server.start_watch.hits == []
    with server.store() as neo:
        neo.clear()
    with PsWatch(secret) as watch:
        proc = subprocess.run(ingest_cmd(docs, server.uri), capture_output=True, text=True,
                              env=server.cli_env(), timeout=600)
        wrong = subprocess.run(ingest_cmd(docs, server.uri), capture_output=True, text=True, timeout=600,
                               env=server.cli_env(GRAPHKIT_NEO4J_PASSWORD=secret + "-wrong"))
        down = subprocess.run(ingest_cmd(docs, "bolt://127.0.0.1:1"), capture_output=True, text=True,
                              env=server.cli_env(), timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert wrong.returncode == 2 and "refused the credentials" in wrong.stderr
    assert down.returncode == 2 and "cannot reach Neo4j" in down.stderr
    assert watch.snapshots > 5 and watch.hits == [], watch.hits
    java = subprocess.run(["ps", "-eww", "-o", "args"], capture_output=True, text=True).stdout
    assert str(server.state) in java and secret not in java  # the server itself is in the list, without it
    for result in (proc, wrong, down):
        assert secret not in result.stdout + result.stderr
    assert all(secret not in text for text in server.outputs)
    logs = [p for p in server.state.rglob("*") if p.is_file() and (p.suffix in (".log", ".prev", ".txt")
                                                                   or "logs" in p.parts)]
    assert any(p.name == "neo4j.log" or p.name == "debug.log" for p in logs), logs
    for path in logs:
        assert secret.encode() not in path.read_bytes(), path
    # exceptions, and the driver's own debug log, in process
    caplog.set_level(logging.DEBUG, logger="neo4j")
    for uri, password in ((server.uri, secret + "x"), ("bolt://127.0.0.1:1", secret), ("nonsense://", secret)):
        with pytest.raises(StoreError) as info:
            Neo4jStore(uri, USER, password)
        assert secret not in str(info.value) and secret not in repr(info.value)
    with server.store() as neo:
        ingest([str(docs)], neo, nlp=nlp, progress=False)
    assert caplog.records and all(secret not in record.getMessage() for record in caplog.records)


# --------------------------------------------------------------------------- on the session server


def test_hostile_names_and_arguments_on_neo4j(neo4j_uri, hostile, monkeypatch):
    article, actors = hostile
    env = {"GRAPHKIT_NEO4J_USER": USER, "GRAPHKIT_NEO4J_PASSWORD": PASSWORD, "GRAPHKIT_NEO4J_URI": ""}
    with Neo4jStore(neo4j_uri, USER, PASSWORD) as neo:
        neo.clear()
        runner = CliRunner()
        result = runner.invoke(app, ["ingest", str(article), "--neo4j", neo4j_uri, "--actors", str(actors),
                                     "--no-progress"], env=env)
        assert result.exit_code == 0, result.output
        check_hostile_store(neo)
        for arg in INJECTION_ARGS:
            assert runner.invoke(app, ["forget", arg, "--neo4j", neo4j_uri], env=env).exit_code == 1
            done = runner.invoke(app, ["cypher", "actors", "--neo4j", neo4j_uri, "--param", f"text={arg}",
                                       "--format", "json"], env=env)
            assert done.exit_code in (0, 1), done.output
        check_hostile_store(neo)
        rel = next(r for r in neo.relationships() if r["id"] == f"{SCRIPT_ID}|attacked|{DROP_ID}")
        assert rel["subject"] == "<script>alert(1)</script>"


@pytest.mark.load
def test_load_agnews_into_neo4j(neo4j_uri, agnews, tmp_path):
    batches, _, distinct = agnews
    with Neo4jStore(neo4j_uri, USER, PASSWORD) as neo, SQLiteStore(tmp_path / "agnews.db") as lite:
        neo.clear()
        totals = load_into(neo, batches)
        stats = neo.stats()
        assert totals["stored"] == stats["articles"] == distinct
        counted = recount(neo)
        assert counted == expected_counts(batches)
        assert {k: stats[k] for k in ("actors", "relationships", "evidence")} == {
            k: counted[k] for k in ("actors", "relationships", "evidence")}
        load_into(lite, batches)
        assert stats == lite.stats()
        assert evidence_keys(neo) == evidence_keys(lite)
        strip = lambda rows: [(r["id"], r["articles"], r["evidence"], round(r["hedged_share"], 9),  # noqa: E731
                               r["best_confidence"]) for r in rows]  # an average: the last bit may differ
        assert strip(neo.relationships()) == strip(lite.relationships())
        assert load_into(neo, batches)["stored"] == 0 and neo.stats() == stats  # idempotent
