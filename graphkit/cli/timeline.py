"""``graphkit timeline``: when each relationship of an actor was stated, by article publication date."""
from __future__ import annotations

import os
from typing import Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import check_choice, check_relations, exit_with, find_actor, reading
from graphkit.cli.dates import window_or_exit
from graphkit.cli.options import Db, Format, Neo4j, Relations, Since, Until
from graphkit.views.render import FORMATS, emit


@app.command()
def timeline(
    actor: str = typer.Argument(..., help="Actor id, name or alias (spelling is forgiven)."),
    other: Optional[str] = typer.Argument(None, help="Only the relationships with this actor."),
    relation: Relations = [],
    since: Since = None,
    until: Until = None,
    png: Optional[str] = typer.Option(None, "--png", help="Also draw the timeline into this PNG file: one row "
                                      "a relationship, one mark a dated article (hollow: only hedged)."),
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """When each relationship of ACTOR (with OTHER, if given) was stated: one row a dated article
    stating it, by publication date, with its first sentence there, whether it hedges and who reported
    it. Undated articles are never placed in time: a relationship stated only in undated articles gets
    one row saying how many. json gives one object a relationship with its statements.

    Example: graphkit timeline "Mahdi Army" "Badr Organization" --png mahdi-badr.png
    """
    from graphkit.ask.timeline import timeline as find_timeline, timeline_rows

    check_choice(fmt, FORMATS)
    check_relations(relation)
    window = window_or_exit(since, until)
    if png and os.path.splitext(png)[1].lower() != ".png":
        exit_with(f"{png}: give a .png file")
    with reading(db, neo4j) as store:
        a = find_actor(store, actor, fmt)
        b = find_actor(store, other, fmt) if other else None
        if b and a["id"] == b["id"]:
            exit_with(f"{actor!r} and {other!r} are the same actor ({a['name']})")
        entries = find_timeline(store, a, b, relations=relation or None, window=window)
    title = f"{a['name']}" + (f" and {b['name']}" if b else "") + f": {len(entries)} relationship(s)"
    if png:
        from graphkit.views.timeline_image import write_timeline_png

        try:
            write_timeline_png(entries, png, title=title)
        except OSError as exc:
            exit_with(f"{png}: cannot write ({exc.strerror or exc})")
    rows = timeline_rows(entries, a["name"])
    for row in rows:
        row["arrow"] = {"out": "->", "in": "<-", "both": "--"}[row["direction"]]
        if fmt == "table" and row["date"] is None:
            row["date"] = "undated"
    columns = {"table": ["date", "relation", "arrow", "other", "hedged", "sentence", "article_title", "reported_by"],
               "csv": ["actor", "direction", "relation", "other", "other_id", "date", "article", "article_title",
                       "hedged", "reported_by", "sentence"]}.get(fmt)
    emit(rows, fmt, columns=columns, data=entries, title=title, whole=("sentence",))
    if not entries:
        exit_with(f"{a['name']} has no relationship" + (f" with {b['name']}" if b else "")
                  + (" in that date window" if window else ""), 1)
