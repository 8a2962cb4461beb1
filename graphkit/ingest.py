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
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from .documents import Article, Failure, ReadOptions, read_articles
from .extract import extract_articles, get_pipeline
from .store.sqlite import SQLiteStore

SUMMARY_KEYS = ("stored", "skipped", "failed", "actors", "relationships", "evidence")


def _stderr_line(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ingest(paths: Iterable[str], store: SQLiteStore, options: ReadOptions | None = None,
           nlp: Language | None = None, batch_articles: int = 32, progress: bool = True,
           on_failure: Callable[[str], None] | None = None, batch_size: int = 16) -> dict:
    """Read ``paths``, extract the articles not stored yet and store them, ``batch_articles`` per transaction.

    Articles already in ``store`` (or met earlier in this run) are skipped before extraction. A source that
    cannot be read, or an article whose extraction raises, counts as failed and is reported through
    ``on_failure`` (one line; default: standard error). Returns the summary: ``stored``, ``skipped``,
    ``failed`` articles and the ``actors``, ``relationships`` and ``evidence`` rows this run added.
    With ``progress`` a rich progress bar runs on standard error.
    """
    if batch_articles < 1:
        raise ValueError("batch_articles must be at least 1")
    options = options or ReadOptions()
    report = on_failure or _stderr_line
    summary = dict.fromkeys(SUMMARY_KEYS, 0)
    bar = _Progress() if progress else None
    if bar is not None and on_failure is None:
        report = bar.print

    def fresh_articles() -> Iterator[Article]:
        seen: set[str] = set()
        for item in read_articles(paths, options):
            if isinstance(item, Failure):
                summary["failed"] += 1
                report(item.message)
            elif item.id in seen or store.has_article(item.id):
                summary["skipped"] += 1
            else:
                seen.add(item.id)
                yield item
            if bar is not None:
                bar.update(summary)

    def write(batch: list[Article]) -> None:
        extracted = _extract(batch, nlp or get_pipeline(), batch_size, summary, report)
        counts = store.add_articles(extracted)
        for key in ("stored", "skipped", "actors", "relationships", "evidence"):
            summary[key] += counts[key]

    try:
        batch: list[Article] = []
        for article in fresh_articles():
            batch.append(article)
            if len(batch) >= batch_articles:
                write(batch)
                batch = []
        if batch:
            write(batch)
    finally:
        if bar is not None:
            bar.update(summary)
            bar.stop()
    return summary


def _extract(batch: list[Article], nlp: Language, batch_size: int, summary: dict,
             report: Callable[[str], None]) -> list[tuple[Article, list[dict]]]:
    """The batch's triples; if the pipeline fails on the batch, article by article, dropping the ones that fail."""
    try:
        return list(extract_articles(batch, nlp, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - find the culprit below
        pass
    out = []
    for article in batch:
        try:
            out.extend(extract_articles([article], nlp, batch_size=batch_size))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            summary["failed"] += 1
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            report(f"{article.source}: extraction failed ({reason})")
    return out


class _Progress:
    """A rich progress bar on standard error: articles seen so far and what became of them."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(),
                                  TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                                  console=Console(stderr=True), transient=False)
        self._task = self._progress.add_task("ingest", total=None, counts="")
        self._progress.start()

    def update(self, summary: dict) -> None:
        done = summary["stored"] + summary["skipped"] + summary["failed"]
        counts = f"{done} articles: {summary['stored']} stored, {summary['skipped']} skipped, {summary['failed']} failed"
        self._progress.update(self._task, completed=done, counts=counts)

    def print(self, message: str) -> None:
        self._progress.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def stop(self) -> None:
        self._progress.stop()
