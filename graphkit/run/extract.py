"""Articles in, triples with evidence out: the library behind ``graphkit extract``.

>>> from graphkit.records import Article
>>> art = Article(id="a1", text="The Houthis, led by Abdul-Malik al-Houthi, attacked Saudi Arabia.", source="-")
>>> [(t.subject, t.relation, t.object) for _, ts in extract_articles([art]) for t in ts]
[('Abdul-Malik al-Houthi', 'commands', 'Houthis'), ('Houthis', 'attacked', 'Saudi Arabia')]
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Sequence

from spacy.language import Language

from graphkit.nlp.pipeline import load_pipeline
from graphkit.records import Article, Evidence, Triple

MAX_CHUNK_CHARS = 100_000
_PIPELINES: dict[tuple, Language] = {}


def get_pipeline(model: str | None = None, actor_files: Sequence[str] = ()) -> Language:
    """The pipeline for these settings, loaded once per process."""
    key = (model, tuple(actor_files))
    if key not in _PIPELINES:
        _PIPELINES[key] = load_pipeline(model, actor_files)
    return _PIPELINES[key]


def chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Split long text at paragraph (else line, else space) breaks into pieces of at most ``limit`` chars."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            window = text[start:end]
            cut = max(window.rfind("\n\n"), -1)
            if cut < limit // 4:
                cut = window.rfind("\n")
            if cut < limit // 4:
                m = list(re.finditer(r"[.!?]\s", window))
                cut = m[-1].end() - 1 if m and m[-1].end() > limit // 4 else window.rfind(" ")
            if cut > 0:
                end = start + cut
        yield start, text[start:end]
        start = end


def extract_articles(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16,
                     n_process: int = 1) -> Iterator[tuple[Article, list[Triple]]]:
    """Yield each article with its :class:`~graphkit.records.Triple` records (offsets in the article's
    text), in order. With ``n_process`` > 1, batches of articles go to that many worker processes,
    each running the whole extraction and sending back only the triples."""
    nlp = nlp or get_pipeline()
    if n_process > 1:
        yield from _in_processes(articles, nlp, batch_size, n_process)
        return

    def pieces() -> Iterator[tuple[str, tuple[int, int, int]]]:
        for idx, art in enumerate(_remember(articles, held)):
            parts = list(chunks(art.text))
            for k, (offset, piece) in enumerate(parts):
                yield piece, (idx, offset, len(parts) - k - 1)

    held: list[Article] = []
    current: list[Triple] = []
    for doc, (idx, offset, remaining) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        art = held[idx]
        for t in doc._.graphkit_relations or []:
            current.append(_finish(t, art, offset))
        if remaining == 0:
            yield art, current
            current = []
            held[idx] = None  # type: ignore[call-overload]  # free memory of finished articles


def _remember(articles: Iterable[Article], held: list) -> Iterator[Article]:
    for art in articles:
        held.append(art)
        yield art


def _finish(t: dict, art: Article, offset: int) -> Triple:
    """The nlp component's relation dict as a record of ``art``, offsets moved from the chunk to the article."""
    evidence = Evidence(article=art.id, source=art.source, **_trimmed(t["evidence"])).shifted(offset, art.id,
                                                                                          art.source)
    return Triple(subject=t["subject"], relation=t["relation"], object=t["object"], subject_id=t["subject_id"],
                  object_id=t["object_id"], subject_type=t["subject_type"], object_type=t["object_type"],
                  hedged=t["hedged"], confidence=t["confidence"], article=art.id, evidence=evidence)


def _trimmed(evidence: dict) -> dict:
    """The evidence with the whitespace around its sentence left out (a headline's sentence ends with the
    paragraph break spaCy keeps as a token); the offsets still frame the sentence in the text."""
    sentence = evidence["sentence"]
    stripped = sentence.strip()
    if stripped == sentence:
        return evidence
    lead = len(sentence) - len(sentence.lstrip())
    return {**evidence, "sentence": stripped, "sentence_start": evidence["sentence_start"] + lead,
            "sentence_end": evidence["sentence_start"] + lead + len(stripped)}


_WORKER_NLP: Language | None = None


def _work(batch: list[Article], batch_size: int) -> list[tuple[Article, list[Triple]]]:
    return list(extract_articles(batch, _WORKER_NLP, batch_size=batch_size))


def _in_processes(articles: Iterable[Article], nlp: Language, batch_size: int,
                  n_process: int) -> Iterator[tuple[Article, list[Triple]]]:
    """Forked workers inherit the loaded pipeline; unlike spaCy's own ``n_process`` no Doc is serialized
    back, only triples, so the parent is never the bottleneck. At most two batches per worker are out
    at a time, so memory stays bounded on any stream; results come back in order."""
    import multiprocessing
    from collections import deque

    global _WORKER_NLP
    _WORKER_NLP = nlp  # read by the forked children
    per_task = max(1, batch_size)
    pending: deque = deque()
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= per_task:
                pending.append(pool.apply_async(_work, (batch, batch_size)))
                batch = []
                while len(pending) >= 2 * n_process:
                    yield from pending.popleft().get()
        if batch:
            pending.append(pool.apply_async(_work, (batch, batch_size)))
        while pending:
            yield from pending.popleft().get()
