"""Graph-reading commands of the ``graphkit`` CLI: who is linked to whom, with evidence."""
from __future__ import annotations

import csv
import json
import sys
from typing import List, Optional

import typer

from .cli import DB_HELP, NEO4J_HELP, _fail, _neo4j_uri, _open_neo4j, _open_store, app

LINK_FORMATS = ("table", "json", "jsonl", "csv")


def linked_pairs(store, relations: list[str] | None = None, min_articles: int = 1) -> list[dict]:
    """Every relationship of the store with its aggregates and first evidence sentence, most supported first."""
    rows = []
    for rel in store.relationships():
        if relations and rel["relation"] not in relations:
            continue
        if rel["articles"] < min_articles:
            continue
        first = next(iter(store.evidence(relationship=rel["id"])), None)
        rows.append({
            "subject": rel["subject"], "relation": rel["relation"], "object": rel["object"],
            "articles": rel["articles"], "evidence": rel["evidence"],
            "hedged_share": rel["hedged_share"], "best_confidence": rel["best_confidence"],
            "first_seen": rel["first_seen"], "last_seen": rel["last_seen"],
            "example": first["sentence"] if first else None, "example_article": first["article_id"] if first else None,
        })
    rows.sort(key=lambda r: (-r["articles"], -r["best_confidence"], r["subject"], r["relation"], r["object"]))
    return rows


@app.command()
def relationships(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    relation: List[str] = typer.Option([], "--relation", "-r", help="Only this relation (repeatable)."),
    min_articles: int = typer.Option(1, help="Only relationships stated in at least this many articles."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json | jsonl | csv"),
) -> None:
    """Who is linked to whom: every relationship in the store, with how many articles state it,
    whether it is only hedged, and its first evidence sentence.

    Example: graphkit relationships --relation commands --format csv
    """
    if fmt not in LINK_FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(LINK_FORMATS)}")
        raise typer.Exit(2)
    uri = _neo4j_uri(neo4j, db)
    store = _open_neo4j(uri) if uri else _open_store(db, readonly=True, create=False)
    try:
        rows = linked_pairs(store, relation or None, min_articles)
    finally:
        store.close()
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["subject", "relation", "object"])
        w.writeheader()
        w.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(rows)} relationships")
        for col in ("subject", "relation", "object", "articles", "hedged", "evidence"):
            table.add_column(col, overflow="fold")
        for r in rows:
            hedged = "only" if r["hedged_share"] == 1 else ("some" if r["hedged_share"] else "")
            example = (r["example"] or "").replace("\n", " ")
            table.add_row(r["subject"], r["relation"], r["object"], str(r["articles"]), hedged,
                          example[:110] + ("…" if len(example) > 110 else ""))
        Console().print(table)
