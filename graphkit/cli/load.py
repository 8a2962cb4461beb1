"""Commands that fill and look after a store: ``ingest``, ``push``, ``forget``, ``stats``."""
from __future__ import annotations

import sys
from typing import Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import (check_choice, exit_with, fail, open_chosen, open_neo4j, open_store,
                                 print_counts, required_neo4j_uri)
from graphkit.cli.options import (ActorFiles, BatchSize, DateColumn, Db, IdColumn, MaxBytes, Model, Neo4j,
                                  Paths, SummaryFormat, TextColumn, TitleColumn, Where, WhereNot, Workers,
                                  parse_where)
from graphkit.read import DEFAULT_MAX_BYTES, ReadOptions
from graphkit.views.render import printable

SUMMARY_FORMATS = ("table", "json")


def check_article_seconds() -> None:
    """Exit 2 with one line when $GRAPHKIT_ARTICLE_SECONDS is not a number of seconds."""
    from graphkit.run.budget import article_seconds

    try:
        article_seconds()
    except ValueError as exc:
        exit_with(str(exc))


@app.command()
def ingest(
    paths: Paths,
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: SummaryFormat = "table",
    model: Model = None,
    actors: ActorFiles = [],
    text_column: TextColumn = "text",
    title_column: TitleColumn = None,
    id_column: IdColumn = None,
    date_column: DateColumn = None,
    where: Where = [],
    where_not: WhereNot = [],
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    batch_articles: int = typer.Option(32, min=1, help="Articles stored per transaction."),
    batch_size: BatchSize = 16,
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                            help="Progress bar on stderr (default: when stderr is a terminal)."),
    workers: Workers = 1,
    dask: Optional[str] = typer.Option(None, "--dask", help="Extract on the Dask cluster whose scheduler is at "
                                       "this address (tcp://HOST:8786); this process writes. Needs graphkit[dask]."),
    keep_versions: bool = typer.Option(False, "--keep-versions", help="A file stored before with other text: "
                                       "store the new version beside the old (default: replace the old)."),
) -> None:
    """Extract articles into the graph database; articles already stored are skipped.

    Each batch of articles is stored in one transaction, so an interrupted run loses at most the batch
    in flight and running again completes it. A file stored before with other text (an edited
    article) replaces its old version, whose evidence goes with the relationships only it supported
    (counted as "replaced"); --keep-versions keeps both. Prints stored, skipped and failed articles and the
    actors, relationships and evidence rows added. Files that cannot be read are reported on stderr,
    one line each; the others are still processed and the exit code is 1.

    Example: graphkit ingest data/samples --db graph.db
    """
    check_choice(fmt, SUMMARY_FORMATS)
    check_article_seconds()
    rows_kept, rows_left_out = parse_where(where), parse_where(where_not, "--where-not")
    if neo4j and db:
        exit_with("choose one store: --db (SQLite) or --neo4j")
    # before the model: a bad database path or an unreachable server fails fast and changes nothing
    store = open_chosen(db, neo4j)
    from graphkit.nlp.pipeline import ModelNotFound
    from graphkit.run.cluster import ClusterError, DaskExtractor
    from graphkit.run.extract import get_pipeline
    from graphkit.run.ingest import ingest as run_ingest
    from graphkit.store import StoreError

    with store:
        try:
            nlp = get_pipeline(model, tuple(actors))
        except (ModelNotFound, FileNotFoundError, ValueError) as exc:
            exit_with(str(exc))
        options = ReadOptions(text_column=text_column, title_column=title_column, id_column=id_column,
                              date_column=date_column, max_bytes=max_bytes, where=rows_kept,
                              where_not=rows_left_out)
        show = sys.stderr.isatty() if progress is None else progress
        extractor = None
        if dask:
            try:
                extractor = DaskExtractor(dask, model=model, actor_files=tuple(actors), batch_size=batch_size,
                                          on_failure=fail)
            except ClusterError as exc:
                exit_with(str(exc))
        try:
            summary = run_ingest(paths, store, options, nlp=nlp, batch_articles=batch_articles, progress=show,
                                 on_failure=fail, batch_size=batch_size, workers=workers, extractor=extractor,
                                 keep_versions=keep_versions)
        except (StoreError, ClusterError) as exc:
            exit_with(str(exc))
        except KeyboardInterrupt:
            exit_with(f"interrupted; {store.stats()['articles']} articles are in {store.path} (the batch in flight "
                      "was not stored); run the same command again to continue", 130)
        finally:
            if extractor is not None:
                extractor.close()
        summary["totals"] = store.stats()
    print_counts(summary, fmt, f"ingested into {store.path}")
    if summary["failed"]:
        raise typer.Exit(1)


@app.command()
def push(
    db: Db = None,
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help="Bolt URI of the Neo4j server to copy into "
                                        "(default $GRAPHKIT_NEO4J_URI). User: $GRAPHKIT_NEO4J_USER (default neo4j), "
                                        "password: $GRAPHKIT_NEO4J_PASSWORD."),
    fmt: SummaryFormat = "table",
    batch_articles: int = typer.Option(32, min=1, help="Articles copied per Neo4j transaction."),
) -> None:
    """Copy the SQLite graph database into Neo4j; articles already there are skipped, so it can run again.

    The SQLite database is only read. Prints the same summary as ingest.

    Example: GRAPHKIT_NEO4J_PASSWORD=... graphkit push --db graph.db --neo4j bolt://127.0.0.1:7687
    """
    from graphkit.curate.replay import backend_for, copy_curation
    from graphkit.store import StoreError

    check_choice(fmt, SUMMARY_FORMATS)
    uri = required_neo4j_uri(neo4j)
    with open_store(db, readonly=True) as source, open_neo4j(uri) as target:
        try:
            held = target.stored_articles(row["id"] for row in backend_for(source).articles())
            summary = target.copy_from(source, batch_articles=batch_articles, on_failure=fail)
            summary["curation_entries"] = copy_curation(source, target, held)["entries"]  # the curated graph
            summary["totals"] = target.stats()
        except StoreError as exc:
            exit_with(str(exc))
    print_counts(summary, fmt, f"pushed {source.path} into {target.uri}")
    if summary["failed"]:
        raise typer.Exit(1)


@app.command()
def forget(
    target: str = typer.Argument(..., help="Id of the article to remove (graphkit articles lists them), or a "
                                 "source as stored (the path or URL given to ingest): all its articles."),
    db: Db = None,
    neo4j: Neo4j = None,
) -> None:
    """Remove an article with its evidence, and the relationships and actors only it supported. Given a
    source instead of an id, remove every article stored from it (a CSV or JSONL file: all its rows).
    Exit 1 when nothing matches.

    Example: graphkit forget data/samples/sudan-rsf.txt
    """
    from graphkit.model.names import bounded_id
    from graphkit.run.versions import articles_of_source
    from graphkit.store import StoreError

    with open_chosen(db, neo4j, create=False) as store:
        try:
            if store.forget(bounded_id(target)):  # ids given on ingest are stored bounded
                typer.echo(printable(f"forgot article {target}"))
                return
            ids = [a["id"] for a in articles_of_source(store, target)] or [
                a["id"] for a in store.articles() if a["source"].startswith(target + "#row=")]  # a table's rows
            forgotten = [i for i in ids if store.forget(i)]
        except StoreError as exc:
            exit_with(str(exc))
    if not forgotten:
        exit_with(f"no article or source {target!r} in {store.path}", 1)
    typer.echo(printable(f"forgot {len(forgotten)} article{'s' if len(forgotten) != 1 else ''} of {target}: "
                         + ", ".join(forgotten)))


@app.command()
def stats(
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    """Count the articles, actors, relationships and evidence rows in the graph database."""
    from graphkit.store import StoreError

    check_choice(fmt, SUMMARY_FORMATS)
    with open_chosen(db, neo4j, readonly=True) as store:
        try:
            counts = store.stats()
        except StoreError as exc:
            exit_with(str(exc))
    print_counts(counts, fmt, str(store.path))
