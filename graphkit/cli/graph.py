"""Commands that read who is linked to whom: ``relationships``, ``links``, ``path``, ``actors``, ``show``.

Each is a thin layer over :mod:`graphkit.ask.query` and works the same on SQLite and on Neo4j.
"""
from __future__ import annotations

from typing import Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import (arrow, check_choice, check_relations, exit_blocked, exit_with, find_actor,
                                 reading)
from graphkit.cli.dates import window_or_exit
from graphkit.cli.options import (
    Db, Depth, Format, MinArticles, MinArticlesAtLeastOne, Neo4j, Relations, Since, Until,
)
from graphkit.views.render import FORMATS, emit, printable


def linked_pairs(store, relations: list[str] | None = None, min_articles: int = 1, window=None) -> list[dict]:
    """Every relationship of the store with its aggregates and first evidence sentence, most supported
    first; with a :class:`~graphkit.ask.window.Window`, what articles published in it state."""
    from graphkit.ask.query import evidence_by_relationship
    from graphkit.ask.window import windowed

    rels = [r for r in store.relationships() if not relations or r["relation"] in relations]
    rels = [r for r in windowed(store, rels, window) if r["articles"] >= min_articles] if window else \
        [r for r in rels if r["articles"] >= min_articles]
    first = evidence_by_relationship(store, [r["id"] for r in rels], per=1, window=window)
    rows = []
    for rel in rels:
        ev = (first.get(rel["id"]) or [None])[0]
        rows.append({
            "subject": rel["subject"], "relation": rel["relation"], "object": rel["object"],
            "articles": rel["articles"], "evidence": rel["evidence"],
            "hedged_share": rel["hedged_share"], "best_confidence": rel["best_confidence"],
            "first_seen": rel["first_seen"], "last_seen": rel["last_seen"],
            "example": ev["sentence"] if ev else None, "example_article": ev["article"] if ev else None,
        })
    rows.sort(key=lambda r: (-r["articles"], -r["best_confidence"], r["subject"], r["relation"], r["object"]))
    return rows


@app.command()
def relationships(
    db: Db = None,
    neo4j: Neo4j = None,
    relation: Relations = [],
    min_articles: MinArticles = 1,
    since: Since = None,
    until: Until = None,
    fmt: Format = "table",
) -> None:
    """Who is linked to whom: every relationship in the store, with how many articles state it,
    whether it is only hedged, its first and last publication date and its first evidence sentence.

    Example: graphkit relationships --relation commands --since 2007 --format csv
    """
    check_choice(fmt, FORMATS)
    check_relations(relation)
    window = window_or_exit(since, until)
    with reading(db, neo4j) as store:
        rows = linked_pairs(store, relation or None, min_articles, window)
    for r in rows:
        r["hedged"] = "only" if r["hedged_share"] == 1 else ("some" if r["hedged_share"] else "")
    columns = None if fmt in ("json", "jsonl") else (
        ["subject", "relation", "object", "articles", "hedged", "example"] if fmt == "table" else
        ["subject", "relation", "object", "articles", "evidence", "hedged_share", "best_confidence",
         "first_seen", "last_seen", "example", "example_article"])
    emit(rows, fmt, columns=columns, title=f"{len(rows)} relationships")


@app.command()
def links(
    actor: str = typer.Argument(..., help="Actor id, name or alias (spelling is forgiven: 'Soleimani')."),
    relation: Relations = [],
    depth: Depth = 1,
    since: Since = None,
    until: Until = None,
    min_articles: MinArticlesAtLeastOne = 1,
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """Who an actor is linked to: each row the other actor, the relation and its direction (-> the actor
    does it to the other, <- the other does it to the actor, -- symmetric), how many articles state it,
    whether it is only hedged, and the first evidence sentence with its article. --since/--until keep
    what articles published in that window state (undated articles are left out).

    Example: graphkit links "Qassem Suleimani" --relation commands --depth 2 --since 2007 --format json
    """
    from graphkit.ask.query import links as find_links

    check_choice(fmt, FORMATS)
    check_relations(relation)
    window_or_exit(since, until)
    with reading(db, neo4j) as store:
        found = find_actor(store, actor, fmt)
        rows = find_links(store, found["id"], relations=relation or None, depth=depth, since=since,
                          until=until, min_articles=min_articles)
    for row in rows:
        row["arrow"] = arrow(row["direction"])
    columns = {"table": ["depth", "from", "arrow", "relation", "actor", "articles", "only_hedged", "evidence"]
               if depth > 1 else ["relation", "arrow", "actor", "actor_type", "articles", "only_hedged", "evidence"],
               "csv": ["depth", "from", "from_id", "direction", "relation", "actor", "actor_id", "actor_type",
                       "articles", "evidence_count", "only_hedged", "hedged_share", "best_confidence", "first_seen",
                       "last_seen", "evidence", "article", "article_title"]}.get(fmt)
    emit(rows, fmt, columns=columns, title=f"{found['name']}: {len(rows)} links")


@app.command()
def path(
    source: str = typer.Argument(..., help="First actor (id, name or alias)."),
    target: str = typer.Argument(..., help="Second actor (id, name or alias)."),
    all_paths: bool = typer.Option(False, "--all", help="Every shortest path, best first, not only the best."),
    relation: Relations = [],
    max_depth: int = typer.Option(6, min=1, max=12, help="Give up past this many hops."),
    limit: int = typer.Option(20, min=1, help="With --all: at most this many paths."),
    evidence: int = typer.Option(3, min=1, help="Evidence sentences shown per relationship of a hop."),
    since: Since = None,
    until: Until = None,
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """How two actors are connected: the shortest path (whatever the direction of each link) with the
    evidence of every hop. The best path has the fewest only-hedged hops, then the most articles on its
    weakest hop. Exit 1 when they are not connected within --max-depth.

    json gives one object a path (actors, hops, relationships, evidence); jsonl and csv one line a
    relationship of a hop, numbered by path and hop.

    Example: graphkit path "Quds Force" "Mahdi Army" --all --format json
    """
    from graphkit.ask.query import paths as find_paths

    check_choice(fmt, FORMATS)
    check_relations(relation)
    window_or_exit(since, until)
    with reading(db, neo4j) as store:
        a, b = find_actor(store, source, fmt), find_actor(store, target, fmt)
        if a["id"] == b["id"]:
            exit_with(f"{source!r} and {target!r} are the same actor ({a['name']})")
        found = find_paths(store, a["id"], b["id"], relations=relation or None, all_paths=all_paths,
                           max_depth=max_depth, limit=limit, evidence_per_hop=evidence, since=since, until=until)
    rows = []
    for n, p in enumerate(found, 1):
        for h, hop in enumerate(p["hops"], 1):
            for rel in hop["relationships"]:
                first = rel["evidence"][0] if rel["evidence"] else {}
                rows.append({"path": n, "hop": h, "from": hop["from"], "from_id": hop["from_id"],
                             "arrow": arrow(rel["direction"]), "direction": rel["direction"],
                             "relation": rel["relation"], "to": hop["to"], "to_id": hop["to_id"],
                             "articles": rel["articles"], "only_hedged": rel["only_hedged"],
                             "evidence": first.get("sentence"), "article": first.get("article"),
                             "article_title": first.get("article_title")})
    columns = {"table": ["path", "hop", "from", "arrow", "relation", "to", "articles", "only_hedged", "evidence"],
               "csv": ["path", "hop", "from", "from_id", "direction", "relation", "to", "to_id", "articles",
                       "only_hedged", "evidence", "article", "article_title"]}.get(fmt)
    title = (f"{a['name']} to {b['name']}: {len(found)} path(s) of {found[0]['length']} hop(s)" if found else "")
    if found:
        emit(rows, fmt, columns=columns, title=title, data=found)
    if not found:
        if fmt == "json":
            emit([], fmt, data=[])
        exit_with(f"no path between {a['name']} and {b['name']} within {max_depth} hops", 1)


@app.command("actors")
def actors_command(
    text: Optional[str] = typer.Argument(None, help="Name or alias to look for, spelling forgiven; none lists all."),
    limit: int = typer.Option(20, min=0, help="At most this many actors (0: all)."),
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """Find actors by name or alias, forgiving spelling and transliteration ("Soleimani" finds
    "Qassem Suleimani"), best match first, with the name or alias that matched and a score.
    Exit 1 when nothing matches.

    Example: graphkit actors sadr --format csv
    """
    from graphkit.ask.query import find_actors

    check_choice(fmt, FORMATS)
    with reading(db, neo4j) as store:
        found = find_actors(store, text or "", limit=limit)
        if text and not found:
            exit_blocked(store, text, fmt)
    if text and not found:
        exit_with(f"no actor matches {text!r}", 1)
    columns = ["id", "name", "type", "aliases", "matched", "score"] if fmt in ("table", "csv") else None
    emit(found, fmt, columns=columns, title=f"{len(found)} actors")


@app.command("show")
def show_command(
    actor: str = typer.Argument(..., help="Actor id, name or alias."),
    evidence: int = typer.Option(0, min=0, help="At most this many evidence sentences per relationship (0: all)."),
    since: Since = None,
    until: Until = None,
    db: Db = None,
    neo4j: Neo4j = None,
    fmt: Format = "table",
) -> None:
    """One actor: its type, aliases and every relationship with all its evidence: the whole sentence
    (wrapped to the terminal), its article (title, else id), the article's publication date ("undated"
    when it has none), who reported it and whether it is hedged. json gives the whole record; jsonl and
    csv one line an evidence sentence.

    Example: graphkit show Suleimani --since 2007 --format json
    """
    from graphkit.ask.query import show

    check_choice(fmt, FORMATS)
    window_or_exit(since, until)
    with reading(db, neo4j) as store:
        found = find_actor(store, actor, fmt)
        record = show(store, found, evidence_per_relationship=evidence or None, since=since, until=until)
    rows = [{"actor": record["name"], "arrow": arrow(rel["direction"]), "direction": rel["direction"],
             "relation": rel["relation"], "other": rel["actor"], "other_id": rel["actor_id"],
             "articles": rel["articles"], "hedged": ev["hedged"], "sentence": ev["sentence"],
             "article": ev["article"], "article_title": ev["article_title"], "date": ev["published"],
             "reported_by": ev["reported_by"],
             "source": ev["article_title"] or ev["article"], "when": ev["published"] or "undated"}
            for rel in record["relationships"] for ev in rel["evidence"]]
    if fmt != "table":
        for row in rows:
            del row["source"], row["when"]
    if fmt == "table":
        aliases = ", ".join(record["aliases"]) or "none"
        typer.echo(printable(f"{record['name']} ({record['type'] or 'type unknown'}, id {record['id']}); "
                             f"aliases: {aliases}"))
    columns = {"table": ["arrow", "relation", "other", "hedged", "sentence", "source", "when", "reported_by"],
               "csv": ["actor", "direction", "relation", "other", "other_id", "articles", "hedged", "sentence",
                       "article", "article_title", "date", "reported_by"]}.get(fmt)
    emit(rows, fmt, columns=columns, data=record, whole=("sentence", "source"),
         title=f"{len(record['relationships'])} relationships, {len(rows)} evidence sentences")
