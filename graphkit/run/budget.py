"""The per-article time budget of extraction: a backstop for an article that makes the pipeline crawl.

``GRAPHKIT_ARTICLE_SECONDS`` (default 60; 0 turns it off) bounds one article's extraction. The budget is
kept with ``SIGALRM`` (a real-time interval timer), so it applies in the main thread of a process, which
is where ingest and extract run the pipeline; elsewhere (a Dask worker thread) it is not kept.
"""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

DEFAULT_ARTICLE_SECONDS = 60.0
ENV = "GRAPHKIT_ARTICLE_SECONDS"


class ArticleTimeout(Exception):
    """The extraction ran past its time budget."""


def article_seconds() -> float:
    """The budget from ``$GRAPHKIT_ARTICLE_SECONDS``; ValueError (one line) when it is not a number >= 0."""
    raw = os.environ.get(ENV) or str(DEFAULT_ARTICLE_SECONDS)
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):
        raise ValueError(f"{ENV}={raw!r}: give a number of seconds (0 for no limit)")
    return seconds


def can_keep() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the body once ``seconds`` have passed (no limit when 0 or
    where it cannot be kept). Nested limits are not supported; the previous handler is restored."""
    if seconds <= 0 or not can_keep():
        yield
        return

    def expire(signum, frame):  # noqa: ANN001 - signal handler signature
        raise ArticleTimeout(f"took over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(iterator: Iterator, seconds: float) -> Iterator:
    """The items of ``iterator``, each one to be produced within ``seconds`` (the timer stops while the
    consumer holds an item, so a slow store write is never charged to extraction)."""
    while True:
        with time_limit(seconds):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item
