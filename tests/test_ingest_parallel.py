"""Parallel extraction with one writer: ``ingest --workers N`` (spaCy multiprocessing) and
``ingest --dask ADDRESS`` (a real local Dask cluster of two worker processes) give the same graph as a
plain ingest."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore

TEXTS = [
    "The Houthis attacked Saudi Arabia on Tuesday.",
    "Iran supplied weapons to Hezbollah, according to a UN panel.",
    "Hamas held talks with Fatah in Cairo.",
    "Qatar funds Hamas. Egypt mediated between Hamas and Israel.",
    "Russia armed Syria, officials said.",
    "Hezbollah is fighting Israel along the frontier.",
]


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    for i in range(24):  # enough articles for several batches and partitions
        (d / f"a{i:02d}.txt").write_text(f"Dispatch {i}\n\n{TEXTS[i % len(TEXTS)]} Report number {i}.\n",
                                         encoding="utf-8")
    return d


def graph_of(db: Path) -> tuple:
    with SQLiteStore(db, readonly=True) as s:
        rels = sorted((r["id"], r["articles"], r["evidence"]) for r in s.relationships())
        return s.stats(), rels, sorted(a["id"] for a in s.actors())


@pytest.fixture
def plain(corpus, tmp_path, nlp) -> tuple:
    with SQLiteStore(tmp_path / "plain.db") as store:
        summary = ingest([str(corpus)], store, nlp=nlp, progress=False, batch_articles=5)
    assert summary["stored"] == 24
    return graph_of(tmp_path / "plain.db")


def test_two_worker_processes_give_the_same_graph(corpus, tmp_path, nlp, plain):
    with SQLiteStore(tmp_path / "two.db") as store:
        summary = ingest([str(corpus)], store, nlp=nlp, progress=False, batch_articles=5, workers=2)
    assert summary["stored"] == 24 and summary["failed"] == 0
    assert graph_of(tmp_path / "two.db") == plain


def test_cli_workers(corpus, tmp_path, plain):
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "cli.db"), "--workers", "2",
                                      "--format", "json", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert graph_of(tmp_path / "cli.db") == plain


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is in the test extra")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1")
    try:
        yield cluster
    finally:
        cluster.close()


def test_dask_cluster_gives_the_same_graph_and_skips_what_is_stored(corpus, tmp_path, plain, dask_cluster):
    db = tmp_path / "dask.db"
    args = ["ingest", str(corpus), "--db", str(db), "--dask", dask_cluster.scheduler_address,
            "--batch-articles", "5", "--format", "json", "--no-progress"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert graph_of(db) == plain
    with distributed_client(dask_cluster) as client:  # both workers took part
        assert len(client.scheduler_info()["workers"]) == 2
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and '"skipped": 24' in again.output
    assert graph_of(db) == plain


def test_dask_partitions_spread_over_both_workers(corpus, tmp_path, dask_cluster, nlp):
    from graphkit.run.cluster import DaskExtractor
    from distributed import Client

    with Client(dask_cluster.scheduler_address) as client:
        extractor = DaskExtractor(client, partition_articles=3)
        with SQLiteStore(tmp_path / "d.db") as store:
            summary = ingest([str(corpus)], store, nlp=nlp, progress=False, extractor=extractor)
        assert summary["stored"] == 24
        # each worker process loaded the pipeline and extracted some of the 8 partitions
        loaded = client.run(lambda: __import__("importlib").import_module("graphkit.run.extract")._PIPELINES.__len__())
        assert len(loaded) == 2 and all(n >= 1 for n in loaded.values())


def test_unreachable_scheduler_is_one_line_and_stores_nothing(corpus, tmp_path):
    pytest.importorskip("distributed")
    db = tmp_path / "none.db"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--dask", "tcp://127.0.0.1:1",
                                      "--no-progress"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.output
    assert len(result.output.strip().splitlines()) == 1
    with SQLiteStore(db, readonly=True) as s:
        assert s.stats()["articles"] == 0


def distributed_client(cluster):
    from distributed import Client

    return Client(cluster.scheduler_address)
