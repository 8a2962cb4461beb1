"""Extraction on a Dask cluster: ``graphkit ingest --dask tcp://scheduler:8786``.

The ingesting process reads the articles, skips those already stored, sends the rest in partitions
of ``partition_articles`` to the cluster's workers and writes what comes back in batched
transactions, as a local ingest does. Each worker process loads the spaCy pipeline once and keeps it.
At most ``in_flight`` partitions are out at a time (by default two per worker), so memory stays
bounded however many articles there are; results are written in the order the articles were read.

Workers need graphkit (and its model) installed, the same version as the client.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator, Sequence

from graphkit.read import Article
from graphkit.records import Triple


class ClusterError(Exception):
    """The cluster cannot be used or failed; the message is one line."""


def extract_partition(articles: list[Article], model: str | None, actor_files: Sequence[str],
                      batch_size: int) -> tuple[list[tuple[Article, list[Triple]]], list[str]]:
    """Run on a worker: each article with its triples, and one message per article that failed."""
    from graphkit.run.extract import get_pipeline
    from graphkit.run.ingest import stream_extract

    messages: list[str] = []
    nlp = get_pipeline(model, tuple(actor_files))
    pairs = list(stream_extract(articles, nlp, batch_size=batch_size, workers=1, summary=None,
                                report=messages.append))
    return pairs, messages


def _partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    part: list[Article] = []
    for article in articles:
        part.append(article)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


class DaskExtractor:
    """An ``extractor`` for :func:`graphkit.run.ingest.ingest` that runs on the Dask scheduler at ``address``.

    Raises :class:`ClusterError` when dask is not installed or the scheduler cannot be reached.
    """

    def __init__(self, address: Any, *, model: str | None = None, actor_files: Sequence[str] = (),
                 batch_size: int = 16, partition_articles: int = 64, in_flight: int | None = None,
                 timeout: float = 10.0, on_failure: Callable[[str], None] | None = None):
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("--dask needs Dask: pip install 'graphkit[dask]'") from None
        self.address = address
        try:
            self.client = address if isinstance(address, Client) else Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
        self._own_client = not isinstance(address, Client)
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.in_flight = in_flight or max(2, 2 * workers)
        self.model, self.actor_files = model, tuple(actor_files)
        self.batch_size, self.partition_articles = batch_size, partition_articles

    def __call__(self, articles: Iterable[Article], summary: dict | None = None,
                 report: Callable[[str], None] = print) -> Iterator[tuple[Article, list[Triple]]]:
        pending: deque = deque()

        def collect(future) -> list[tuple[Article, list[Triple]]]:
            try:
                pairs, messages = future.result()
            except Exception as exc:  # noqa: BLE001 - a task that failed on the cluster after its retries
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise ClusterError(f"extraction on the Dask cluster at {self.address} failed: {reason}") from None
            for message in messages:
                report(message)
            if summary is not None:
                summary["failed"] += len(messages)
            return pairs

        for part in _partitions(articles, self.partition_articles):
            pending.append(self.client.submit(extract_partition, part, self.model, self.actor_files,
                                              self.batch_size, pure=False))
            while len(pending) >= self.in_flight:
                yield from collect(pending.popleft())
        while pending:
            yield from collect(pending.popleft())

    def close(self) -> None:
        if self._own_client:
            self.client.close()
