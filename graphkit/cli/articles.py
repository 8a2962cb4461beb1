"""``graphkit articles``: the stored articles, each with the id ``forget`` takes and what it supports."""
from __future__ import annotations

from typing import Optional

import typer

from graphkit.ask.window import Window, article_published
from graphkit.cli.app import app
from graphkit.cli.common import check_choice, reading
from graphkit.cli.dates import window_or_exit
from graphkit.cli.options import Db, Format, Neo4j, Since, Until
from graphkit.views.render import FORMATS, emit

COLUMNS = ["id", "title", "source", "date", "ingested_at", "relationships", "evidence"]


def list_articles(store, source: str | None = None, since: str | None = None,
                  until: str | None = None) -> list[dict]:
    """The stored articles (of one ``source``: the path or URL as stored, a table's rows ``path#row=N``
    included; published within ``since``/``until``, undated ones left out then), in ingestion order,
    with the relationships and evidence rows each supports and the publication ``date``."""
    window = Window.of(since, until)
    rows = store.articles()
    if source is not None:
        rows = [r for r in rows if r["source"] == source or r["source"].startswith(source + "#row=")]
    out = []
    for r in rows:
        if window.holds(article_published(r)):
            out.append({key: r.get(key) for key in COLUMNS})
    return out


@app.command("articles")
def articles_command(
    source: Optional[str] = typer.Option(None, "--source", help="Only the articles of this source, as stored "
                                         "(the path or URL given to ingest; a table's rows too)."),
    since: Since = None,
    until: Until = None,
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """List the stored articles: id (what forget takes), title, source, date, when it was ingested, and
    how many relationships and evidence rows it supports, oldest ingested first. --since/--until keep
    the articles published in that window (undated ones are left out).

    Example: graphkit articles --source data/samples/sudan-rsf.txt --format json
    """
    check_choice(fmt, FORMATS)
    window_or_exit(since, until)
    with reading(db, neo4j) as store:
        rows = list_articles(store, source, since, until)
    emit(rows, fmt, columns=COLUMNS if fmt in ("table", "csv") else None, title=f"{len(rows)} articles")
