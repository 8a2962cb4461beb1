"""Articles in, graph out: read, skip what is already stored, extract the rest, store in batches.

>>> from graphkit.store import SQLiteStore
>>> import io, tempfile, os
>>> d = tempfile.mkdtemp(); p = os.path.join(d, "a.txt")
>>> _ = open(p, "w").write("The Houthis attacked Saudi Arabia.")
>>> store = SQLiteStore(":memory:")
>>> s = ingest([p], store, progress=False); (s["stored"], s["skipped"], s["relationships"] > 0)
(1, 0, True)
>>> s = ingest([p], store, progress=False); (s["stored"], s["skipped"], s["relationships"] > 0)
(0, 1, False)
"""
from __future__ import annotations

import sys
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from graphkit.curate.ingest import IngestCuration
from graphkit.read import Article, Failure, ReadOptions, read_articles
from graphkit.read.count import count_items
from graphkit.records import Triple
from graphkit.run.budget import ENV, ArticleTimeout, article_seconds, time_limit, timed
from graphkit.run.extract import extract_articles, get_pipeline
from graphkit.run.versions import SourceVersions, replace_old_versions
from graphkit.store.base import GraphStore

SUMMARY_KEYS = ("stored", "skipped", "failed", "actors", "relationships", "evidence")
CHECK_AHEAD = 64


def _stderr_line(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ingest(paths: Iterable[str], store: GraphStore, options: ReadOptions | None = None,
           nlp: Language | None = None, batch_articles: int = 32, progress: bool = True,
           on_failure: Callable[[str], None] | None = None, batch_size: int = 16, workers: int = 1,
           extractor: Callable[..., Iterable[tuple[Article, list[Triple]]]] | None = None,
           keep_versions: bool = False) -> dict:
    """Read ``paths``, extract the articles not stored yet and store them, ``batch_articles`` per transaction.

    Articles already in ``store`` (or met earlier in this run) are skipped before extraction. A source that
    cannot be read, or an article whose extraction raises, counts as failed and is reported through
    ``on_failure`` (one line; default: standard error). Returns the summary: ``stored``, ``skipped``,
    ``failed`` articles and the ``actors``, ``relationships`` and ``evidence`` rows this run added.
    With ``progress`` a rich progress bar runs on standard error.

    Extraction streams through one spaCy ``nlp.pipe`` for the whole run, in ``workers`` processes
    (spaCy's multiprocessing) while this process alone writes. ``extractor`` replaces that step (it
    takes the stream of fresh articles and yields ``(article, triples)``): ``graphkit ingest --dask``
    hands it to a Dask cluster.

    A file read again with different text replaces the article it stored before (its evidence and what
    only it supported go; :mod:`graphkit.run.versions`), counted as ``replaced`` in the summary when
    any was; ``keep_versions`` keeps both.
    """
    if batch_articles < 1:
        raise ValueError("batch_articles must be at least 1")
    options = options or ReadOptions()
    report = on_failure or _stderr_line
    summary = dict.fromkeys(SUMMARY_KEYS, 0)
    bar = None
    if progress:
        paths = [paths] if isinstance(paths, str) else list(paths)
        bar = _Progress(count_items(paths, options))
    if bar is not None and on_failure is None:
        report = bar.print

    versions = SourceVersions()  # every article read, stored or not: for replacing old versions

    def fresh_articles() -> Iterator[Article]:
        seen: set[str] = set()
        waiting: list[Article] = []  # checked against the store CHECK_AHEAD at a time: one query, not one each

        def check() -> Iterator[Article]:
            stored = store.stored_articles([a.id for a in waiting]) if waiting else set()
            for article in waiting:
                if article.id in seen or article.id in stored:
                    summary["skipped"] += 1
                else:
                    seen.add(article.id)
                    yield article
            waiting.clear()
            if bar is not None:
                bar.update(summary)

        for item in read_articles(paths, options):
            if isinstance(item, Failure):
                summary["failed"] += 1
                report(item.message)
            else:
                versions.add(item.source, item.id)
                waiting.append(item)
                if len(waiting) >= CHECK_AHEAD:
                    yield from check()
        yield from check()

    def count(counts: dict) -> None:
        for key in ("stored", "skipped", "actors", "relationships", "evidence"):
            summary[key] += counts[key]
        summary["failed"] += counts.get("failed", 0)  # articles a store refused (Neo4j: too large to index)
        for line in counts.get("failures", ()):
            report(line)

    # A store that may be written from another thread (Neo4j: the wait is the server's) writes batch
    # n while batch n+1 is extracted; one write at a time, in order, each its own transaction.
    background = ThreadPoolExecutor(max_workers=1) if getattr(store, "thread_safe", False) else None
    curation = IngestCuration(store)  # keeps the extracted triples, stores them curated
    in_flight: list[Future] = []

    def write(batch: list[tuple[Article, list[Triple]]]) -> None:
        batch = curation(batch)
        if background is None:
            count(store.add_articles(batch))
            return
        if in_flight:
            count(in_flight.pop().result())
        in_flight.append(background.submit(store.add_articles, batch))

    extracted = (extractor(fresh_articles(), summary, report) if extractor is not None else
                 stream_extract(fresh_articles(), nlp or get_pipeline(), batch_size, workers, summary, report))
    try:
        batch: list[tuple[Article, list[Triple]]] = []
        for pair in extracted:
            batch.append(pair)
            if len(batch) >= batch_articles:
                write(batch)
                batch = []
        if batch:
            write(batch)
        if in_flight:
            count(in_flight.pop().result())
        if not keep_versions:
            replaced = replace_old_versions(store, versions)
            if replaced:
                summary["replaced"] = len(replaced)
    finally:
        if background is not None:
            background.shutdown(wait=True)  # the batch in flight commits whole or not at all
        if bar is not None:
            bar.update(summary)
            bar.stop()
    curation.finish()
    return summary


def stream_extract(articles: Iterable[Article], nlp: Language, batch_size: int = 16, workers: int = 1,
                   summary: dict | None = None, report: Callable[[str], None] = _stderr_line,
                   ) -> Iterator[tuple[Article, list[Triple]]]:
    """Each article with its triples, in order, through one ``nlp.pipe`` (``workers`` processes). If the
    pipeline raises, the articles in flight are redone one by one (one that fails again is reported,
    counted in ``summary["failed"]`` and dropped) and the stream goes on with the rest."""
    source = iter(articles)
    in_flight: dict[str, Article] = {}  # fed to the pipeline, not yet yielded; ids are unique in a run
    source_failed: list[BaseException] = []
    first = next(source, None)
    if first is None:
        return  # nothing to extract: the pipeline is never called
    ahead = [first]

    def feed() -> Iterator[Article]:
        while True:
            if ahead:
                article = ahead.pop()
            else:
                try:
                    article = next(source)
                except StopIteration:
                    return
                except ArticleTimeout:
                    raise  # the budget ran out while reading ahead: an extraction, not a source, failure
                except BaseException as exc:  # the reader or the store failed, not the pipeline
                    source_failed.append(exc)
                    raise
            in_flight[article.id] = article
            yield article

    budget = article_seconds()
    # A batch of articles goes through each component together, so between two finished articles up
    # to batch_size of them may be worked on (with workers, twice that per worker are out at a time).
    between = budget * max(1, batch_size) * (2 * workers if workers > 1 else 1)
    while True:
        try:
            for article, triples in timed(extract_articles(feed(), nlp, batch_size=batch_size, n_process=workers),
                                          between):
                in_flight.pop(article.id, None)
                yield article, triples
            return
        except Exception:  # noqa: BLE001 - find the culprit below, then carry on with the rest
            if source_failed or not in_flight:
                raise  # not an article's fault: the source failed, or the pipeline fails on nothing
            stuck = list(in_flight.values())
            in_flight.clear()
            yield from _one_by_one(stuck, nlp, batch_size, summary, report)
            if not ahead:
                nxt = next(source, None)
                if nxt is None:
                    return
                ahead.append(nxt)


def _one_by_one(batch: list[Article], nlp: Language, batch_size: int, summary: dict | None,
                report: Callable[[str], None]) -> Iterator[tuple[Article, list[Triple]]]:
    budget = article_seconds()
    for article in batch:
        try:
            with time_limit(budget):
                done = list(extract_articles([article], nlp, batch_size=batch_size))
            yield from done
        except ArticleTimeout as exc:
            if summary is not None:
                summary["failed"] += 1
            report(f"{article.source}: extraction skipped: it {exc} ({ENV})")
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            if summary is not None:
                summary["failed"] += 1
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            report(f"{article.source}: extraction failed ({reason})")


class _Progress:
    """A rich progress bar on standard error: articles done out of the total (when it is known, with the
    time left), and what became of them."""

    def __init__(self, total: int | None = None) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        known = [MofNCompleteColumn(), TextColumn("ETA"), TimeRemainingColumn()] if total else []
        self._progress = Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(), *known,
                                  TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                                  console=Console(stderr=True), transient=False)
        self._task = self._progress.add_task("ingest", total=total or None, counts="")
        self._total_known = bool(total)
        self._progress.start()

    def update(self, summary: dict) -> None:
        done = summary["stored"] + summary["skipped"] + summary["failed"]
        counts = "" if self._total_known else f"{done} articles: "
        counts += f"{summary['stored']} stored, {summary['skipped']} skipped, {summary['failed']} failed"
        self._progress.update(self._task, completed=done, counts=counts)

    def print(self, message: str) -> None:
        self._progress.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def stop(self) -> None:
        self._progress.stop()
