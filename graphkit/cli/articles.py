"""``graphkit articles``: the stored articles, each with the id ``forget`` takes and what it supports."""
from __future__ import annotations

import re
from typing import Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import check_choice, exit_with, reading
from graphkit.cli.options import Db, Format, Neo4j
from graphkit.views.render import FORMATS, emit

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
COLUMNS = ["id", "title", "source", "date", "ingested_at", "relationships", "evidence"]


def list_articles(store, source: str | None = None, since: str | None = None) -> list[dict]:
    """The stored articles (of one ``source``; dated on or after ``since``: the article's date, else when
    it was ingested), in ingestion order, with the relationships and evidence rows each supports."""
    rows = store.articles(None if source is None else [source])
    if since:
        rows = [r for r in rows if (r.get("seen_at") or r["ingested_at"] or "") >= since]
    return [{key: r.get(key) for key in COLUMNS} for r in rows]


@app.command("articles")
def articles_command(
    source: Optional[str] = typer.Option(None, "--source", help="Only the articles of this source, as stored "
                                         "(the path or URL given to ingest)."),
    since: Optional[str] = typer.Option(None, help="Only articles dated on or after this date (YYYY, YYYY-MM "
                                        "or YYYY-MM-DD; the article's date, else when it was ingested)."),
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """List the stored articles: id (what forget takes), title, source, date, when it was ingested, and
    how many relationships and evidence rows it supports, oldest ingested first.

    Example: graphkit articles --source data/samples/sudan-rsf.txt --format json
    """
    check_choice(fmt, FORMATS)
    if since and not _DATE.fullmatch(since):
        exit_with(f"--since {since!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")
    with reading(db, neo4j) as store:
        rows = list_articles(store, source, since)
    emit(rows, fmt, columns=COLUMNS if fmt in ("table", "csv") else None, title=f"{len(rows)} articles")
