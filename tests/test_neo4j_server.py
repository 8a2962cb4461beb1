"""The development Neo4j that `neo4j/run.sh` starts reads no file of the machine and holds no password in its
environment (a `graphkit cypher` user could otherwise read both through LOAD CSV)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

neo4j = pytest.importorskip("neo4j")

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD", "graphkit-dev")


def _session_server_pid() -> int | None:
    """The pid of the server run.sh started from this checkout, if that is the one under test."""
    state = Path(os.environ.get("GRAPHKIT_NEO4J_DIR") or ROOT / ".neo4j")
    try:
        pid = int((state / "neo4j.pid").read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return None
    return pid if b"GraphkitNeo4j" in cmdline else None


@pytest.mark.parametrize("url", ["file:///etc/passwd", "file:///proc/self/environ", "file:///../../etc/hostname"])
def test_load_csv_cannot_read_files_of_the_machine(neo4j_uri, url):
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=("neo4j", PASSWORD)) as driver:
        with pytest.raises(neo4j.exceptions.ClientError) as refused:
            driver.execute_query("LOAD CSV FROM $url AS row RETURN count(row) AS n", url=url,
                                 database_="neo4j")
    assert "file" in str(refused.value).lower()


def test_the_server_environment_carries_no_password(neo4j_uri):
    pid = _session_server_pid()
    if pid is None:
        pytest.skip("the server under test was not started by this checkout's neo4j/run.sh")
    environ = Path(f"/proc/{pid}/environ").read_bytes()
    assert PASSWORD.encode() not in environ
    assert b"GRAPHKIT_NEO4J_PASSWORD" not in environ
