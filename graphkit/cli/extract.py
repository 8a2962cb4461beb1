"""``graphkit extract``: articles in, triples with their evidence out, no store involved."""
from __future__ import annotations

import sys
from typing import Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import check_choice, exit_with, fail
from graphkit.cli.options import (ActorFiles, BatchSize, DateColumn, IdColumn, MaxBytes, Model, Paths,
                                  TextColumn, TitleColumn, Where, WhereNot, Workers,
                                  parse_where)
from graphkit.read import DEFAULT_MAX_BYTES, Failure, ReadOptions, read_articles
from graphkit.views.triples import FORMATS, TripleWriter


@app.command()
def extract(
    paths: Paths,
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="table | json | jsonl | csv. Default: table on a terminal, jsonl otherwise."),
    model: Model = None,
    actors: ActorFiles = [],
    text_column: TextColumn = "text",
    title_column: TitleColumn = None,
    id_column: IdColumn = None,
    date_column: DateColumn = None,
    where: Where = [],
    where_not: WhereNot = [],
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    batch_size: BatchSize = 16,
    workers: Workers = 1,
) -> None:
    """Extract actors and typed relations, one triple per line with its evidence.

    Each triple has subject, relation, object, their types, hedged, confidence, the article id and
    evidence (sentence, character offsets of subject, object and trigger, the pattern that fired,
    who reported it). Files that cannot be read are reported on stderr, one line each; the others
    are still processed and the exit code is 1.

    Example: graphkit extract data/samples --format jsonl
    """
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    check_choice(fmt, FORMATS)
    rows_kept, rows_left_out = parse_where(where), parse_where(where_not, "--where-not")
    from graphkit.nlp.pipeline import ModelNotFound
    from graphkit.cli.load import check_article_seconds
    from graphkit.run.extract import get_pipeline
    from graphkit.run.ingest import stream_extract

    check_article_seconds()

    try:
        nlp = get_pipeline(model, tuple(actors))
    except (ModelNotFound, FileNotFoundError, ValueError) as exc:
        exit_with(str(exc))
    options = ReadOptions(text_column=text_column, title_column=title_column, id_column=id_column,
                          date_column=date_column, max_bytes=max_bytes, where=rows_kept,
                          where_not=rows_left_out)
    failures = 0

    def good_articles():
        nonlocal failures
        for item in read_articles(paths, options):
            if isinstance(item, Failure):
                failures += 1
                fail(item.message)
            else:
                yield item

    writer = TripleWriter(fmt)
    try:
        summary = {"failed": 0}  # articles skipped by the time budget or failing extraction, reported by fail
        for _article, triples in stream_extract(good_articles(), nlp, batch_size, workers, summary, fail):
            writer.write(triples)
        failures += summary["failed"]
    except BrokenPipeError:
        raise typer.Exit(0)
    writer.close()
    if failures:
        raise typer.Exit(1)
