"""Graph-reading commands of the ``graphkit`` CLI: who is linked to whom, paths, actors, analysis,
exports and pictures. Each is a thin layer over :mod:`graphkit.ask.query`, :mod:`graphkit.ask.analysis`,
:mod:`graphkit.views.export` and :mod:`graphkit.views.viz`, and works the same on SQLite and on Neo4j."""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from typing import Iterator, List, Optional

import typer

from graphkit.cli.main import DB_HELP, NEO4J_HELP, _fail, _neo4j_uri, _open_neo4j, _open_store, app
from graphkit.views.render import FORMATS, emit

FORMAT_HELP = "table | json | jsonl | csv"
RELATION_HELP = "Only this relation (repeatable): commands, supplies_weapons_to, negotiated_with, rival_of, " \
                "member_of, supports, funds, attacked."
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)


def _check_relations(relations: List[str]) -> None:
    from graphkit.model.schema import load_schema

    known = load_schema().relations
    for rel in relations:
        if rel not in known:
            _fail(f"unknown relation {rel!r}; choose from {', '.join(known)}")
            raise typer.Exit(2)


@contextmanager
def reading(db: Optional[str], neo4j: Optional[str]) -> Iterator:
    """The store to read (Neo4j when chosen, else the SQLite file); a store error mid-read exits 2."""
    from graphkit.store import StoreError

    uri = _neo4j_uri(neo4j, db)
    store = _open_neo4j(uri) if uri else _open_store(db, readonly=True, create=False)
    try:
        yield store
    except StoreError as exc:
        _fail(str(exc))
        raise typer.Exit(2)
    finally:
        store.close()


def _actor(store, text: str) -> dict:
    """The actor ``text`` names, or exit 1 with the closest names."""
    from graphkit.ask.query import UnknownActor, resolve_actor

    quick = store.actors_named(text)
    if len(quick) == 1:
        return quick[0]
    try:
        return resolve_actor(quick or store.actors(), text)
    except UnknownActor as exc:
        _fail(str(exc))
        raise typer.Exit(1)


def _arrow(direction: str) -> str:
    return {"out": "->", "in": "<-", "both": "--"}.get(direction, direction)


# ------------------------------------------------------------------------------------------ links

def linked_pairs(store, relations: list[str] | None = None, min_articles: int = 1) -> list[dict]:
    """Every relationship of the store with its aggregates and first evidence sentence, most supported first."""
    from graphkit.ask.query import evidence_by_relationship

    rels = [r for r in store.relationships()
            if (not relations or r["relation"] in relations) and r["articles"] >= min_articles]
    first = evidence_by_relationship(store, [r["id"] for r in rels], per=1)
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
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    relation: List[str] = typer.Option([], "--relation", "-r", help=RELATION_HELP),
    min_articles: int = typer.Option(1, help="Only relationships stated in at least this many articles."),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Who is linked to whom: every relationship in the store, with how many articles state it,
    whether it is only hedged, and its first evidence sentence.

    Example: graphkit relationships --relation commands --format csv
    """
    _check_format(fmt)
    _check_relations(relation)
    with reading(db, neo4j) as store:
        rows = linked_pairs(store, relation or None, min_articles)
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
    relation: List[str] = typer.Option([], "--relation", "-r", help=RELATION_HELP),
    depth: int = typer.Option(1, "--depth", "-d", min=1, max=6, help="Hops to follow out from the actor."),
    since: Optional[str] = typer.Option(None, help="Only relationships last seen on or after this date "
                                        "(YYYY, YYYY-MM or YYYY-MM-DD; article date, else when ingested)."),
    min_articles: int = typer.Option(1, min=1, help="Only relationships stated in at least this many articles."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Who an actor is linked to: each row the other actor, the relation and its direction (-> the actor
    does it to the other, <- the other does it to the actor, -- symmetric), how many articles state it,
    whether it is only hedged, and the first evidence sentence with its article.

    Example: graphkit links "Qassem Suleimani" --relation commands --depth 2 --format json
    """
    from graphkit.ask.query import links as find_links

    _check_format(fmt)
    _check_relations(relation)
    if since and not _DATE.fullmatch(since):
        _fail(f"--since {since!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")
        raise typer.Exit(2)
    with reading(db, neo4j) as store:
        found = _actor(store, actor)
        rows = find_links(store, found["id"], relations=relation or None, depth=depth, since=since,
                          min_articles=min_articles)
    for row in rows:
        row["arrow"] = _arrow(row["direction"])
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
    relation: List[str] = typer.Option([], "--relation", "-r", help=RELATION_HELP),
    max_depth: int = typer.Option(6, min=1, max=12, help="Give up past this many hops."),
    limit: int = typer.Option(20, min=1, help="With --all: at most this many paths."),
    evidence: int = typer.Option(3, min=1, help="Evidence sentences shown per relationship of a hop."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """How two actors are connected: the shortest path (whatever the direction of each link) with the
    evidence of every hop. The best path has the fewest only-hedged hops, then the most articles on its
    weakest hop. Exit 1 when they are not connected within --max-depth.

    json gives one object a path (actors, hops, relationships, evidence); jsonl and csv one line a
    relationship of a hop, numbered by path and hop.

    Example: graphkit path "Quds Force" "Mahdi Army" --all --format json
    """
    from graphkit.ask.query import paths as find_paths

    _check_format(fmt)
    _check_relations(relation)
    with reading(db, neo4j) as store:
        a, b = _actor(store, source), _actor(store, target)
        if a["id"] == b["id"]:
            _fail(f"{source!r} and {target!r} are the same actor ({a['name']})")
            raise typer.Exit(2)
        found = find_paths(store, a["id"], b["id"], relations=relation or None, all_paths=all_paths,
                           max_depth=max_depth, limit=limit, evidence_per_hop=evidence)
    rows = []
    for n, p in enumerate(found, 1):
        for h, hop in enumerate(p["hops"], 1):
            for rel in hop["relationships"]:
                first = rel["evidence"][0] if rel["evidence"] else {}
                rows.append({"path": n, "hop": h, "from": hop["from"], "from_id": hop["from_id"],
                             "arrow": _arrow(rel["direction"]), "direction": rel["direction"],
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
        _fail(f"no path between {a['name']} and {b['name']} within {max_depth} hops")
        raise typer.Exit(1)


# ------------------------------------------------------------------------------------------ actors

@app.command("actors")
def actors_command(
    text: Optional[str] = typer.Argument(None, help="Name or alias to look for, spelling forgiven; none lists all."),
    limit: int = typer.Option(20, min=0, help="At most this many actors (0: all)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Find actors by name or alias, forgiving spelling and transliteration ("Soleimani" finds
    "Qassem Suleimani"), best match first, with the name or alias that matched and a score.
    Exit 1 when nothing matches.

    Example: graphkit actors sadr --format csv
    """
    from graphkit.ask.query import find_actors

    _check_format(fmt)
    with reading(db, neo4j) as store:
        found = find_actors(store.actors(), text or "", limit=limit)
    if text and not found:
        _fail(f"no actor matches {text!r}")
        raise typer.Exit(1)
    columns = ["id", "name", "type", "aliases", "matched", "score"] if fmt in ("table", "csv") else None
    emit(found, fmt, columns=columns, title=f"{len(found)} actors")


@app.command("show")
def show_command(
    actor: str = typer.Argument(..., help="Actor id, name or alias."),
    evidence: int = typer.Option(0, min=0, help="At most this many evidence sentences per relationship (0: all)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """One actor: its type, aliases and every relationship with all its evidence (sentence, article,
    hedged, who reported it). json gives the whole record; jsonl and csv one line an evidence sentence.

    Example: graphkit show Suleimani --format json
    """
    from graphkit.ask.query import show

    _check_format(fmt)
    with reading(db, neo4j) as store:
        found = _actor(store, actor)
        record = show(store, found, evidence_per_relationship=evidence or None)
    rows = [{"actor": record["name"], "arrow": _arrow(rel["direction"]), "direction": rel["direction"],
             "relation": rel["relation"], "other": rel["actor"], "other_id": rel["actor_id"],
             "articles": rel["articles"], "hedged": ev["hedged"], "sentence": ev["sentence"],
             "article": ev["article"], "article_title": ev["article_title"], "reported_by": ev["reported_by"]}
            for rel in record["relationships"] for ev in rel["evidence"]]
    if fmt == "table":
        aliases = ", ".join(record["aliases"]) or "none"
        typer.echo(f"{record['name']} ({record['type'] or 'type unknown'}, id {record['id']}); aliases: {aliases}")
    columns = {"table": ["arrow", "relation", "other", "articles", "hedged", "sentence"],
               "csv": ["actor", "direction", "relation", "other", "other_id", "articles", "hedged", "sentence",
                       "article", "article_title", "reported_by"]}.get(fmt)
    emit(rows, fmt, columns=columns, data=record,
         title=f"{len(record['relationships'])} relationships, {len(rows)} evidence sentences")


# ------------------------------------------------------------------------------------------ analysis

@app.command()
def rank(
    by: str = typer.Option("degree", "--by", help="degree | betweenness | pagerank"),
    top: int = typer.Option(20, min=0, help="At most this many actors (0: all)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """The most central actors: by degree (distinct actors linked), betweenness (how often on the
    shortest path between two others; sampled past 5,000 actors, seeded) or pagerank (over the
    directed relationships, weighted by articles). Computed with networkx on a view of the store.

    Example: graphkit rank --by betweenness --top 10
    """
    from graphkit.ask.analysis import RANKINGS, rank as rank_actors

    _check_format(fmt)
    if by not in RANKINGS:
        _fail(f"unknown ranking {by!r}; choose one of {', '.join(RANKINGS)}")
        raise typer.Exit(2)
    with reading(db, neo4j) as store:
        graph = store.to_networkx()
    rows = rank_actors(graph, by=by, top=top or None)
    emit(rows, fmt, columns=["name", "type", "score", "degree", "id"], title=f"actors by {by}")


@app.command()
def communities(
    seed: int = typer.Option(0, help="Seed of the Louvain method (same seed, same communities)."),
    resolution: float = typer.Option(1.0, help="Above 1: smaller communities; below 1: larger ones."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Clusters of actors more linked to each other than to the rest (Louvain, weighted by articles),
    largest first. json gives each community with its members; the other formats one line an actor.

    Example: graphkit communities --format csv
    """
    from graphkit.ask.analysis import communities as find_communities

    _check_format(fmt)
    with reading(db, neo4j) as store:
        graph = store.to_networkx()
    found = find_communities(graph, seed=seed, resolution=resolution)
    rows = [{"community": c["community"], "size": c["size"], **m} for c in found for m in c["members"]]
    emit(rows, fmt, columns=["community", "size", "name", "type", "degree", "id"], data=found,
         title=f"{len(found)} communities")


@app.command()
def brokers(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Brokers: actors whose removal splits the network (articulation points, with into how many
    pieces) and links that are the only connection between two parts (bridges).

    Example: graphkit brokers --format json
    """
    from graphkit.ask.analysis import brokers as find_brokers

    _check_format(fmt)
    with reading(db, neo4j) as store:
        graph = store.to_networkx()
    found = find_brokers(graph)
    rows = [{"kind": "actor", "name": p["name"], "id": p["id"], "type": p["type"], "degree": p["degree"],
             "splits_into": p["splits_into"], "relations": None} for p in found["articulation_points"]]
    rows += [{"kind": "bridge", "name": f"{b['a']} -- {b['b']}", "id": f"{b['a_id']}|{b['b_id']}", "type": None,
              "degree": None, "splits_into": 2, "relations": b["relations"]} for b in found["bridges"]]
    emit(rows, fmt, columns=["kind", "name", "type", "degree", "splits_into", "relations", "id"], data=found,
         title=f"{len(found['articulation_points'])} broker actors, {len(found['bridges'])} bridges")


# ------------------------------------------------------------------------------------------ exports

@app.command()
def export(
    fmt: str = typer.Option(..., "--format", "-f", help="graphml | gexf | csv | json"),
    out: str = typer.Option(..., "--out", "-o", help="File to write (csv: a directory that gets actors.csv "
                            "and relationships.csv)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
) -> None:
    """Export the whole graph for Gephi (gexf, graphml), Cytoscape (graphml, json) or spreadsheets (csv):
    nodes with name, type and aliases; edges with relation, articles, evidence count, hedged share,
    best confidence, first and last seen.

    Example: graphkit export --format gexf --out network.gexf
    """
    from graphkit.views.export import EXPORT_FORMATS, export_graph

    if fmt not in EXPORT_FORMATS:
        _fail(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)
    with reading(db, neo4j) as store:
        graph = store.to_networkx()
    try:
        written = export_graph(graph, fmt, out)
    except OSError as exc:
        _fail(f"{out}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(2)
    typer.echo(f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} relationships to "
               + ", ".join(written))


# ------------------------------------------------------------------------------------------ pictures

@app.command()
def viz(
    actor: Optional[str] = typer.Argument(None, help="Draw only this actor's neighbourhood (id, name or alias)."),
    depth: int = typer.Option(1, "--depth", "-d", min=1, max=6, help="With ACTOR: hops around it."),
    out: str = typer.Option("network.html", "--out", "-o", help="network.html (interactive page), or a .png or "
                            ".svg picture for reports."),
    relation: List[str] = typer.Option([], "--relation", "-r", help=RELATION_HELP),
    evidence: int = typer.Option(5, min=0, help="Evidence sentences embedded per relationship in the page."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help=NEO4J_HELP),
) -> None:
    """Draw the network: an .html page that works offline (actors coloured by type and sized by
    degree, relations styled, hover or click for the evidence, a checkbox per relation, a search box),
    or a static .png/.svg for reports.

    Example: graphkit viz "Quds Force" --depth 2 --out quds.html
    """
    from graphkit.ask.query import attach_examples, neighbourhood
    from graphkit.views.viz import write_html, write_image

    _check_relations(relation)
    suffix = os.path.splitext(out)[1].lower()
    if suffix not in (".html", ".htm", ".png", ".svg"):
        _fail(f"{out}: give a .html, .png or .svg file")
        raise typer.Exit(2)
    with reading(db, neo4j) as store:
        center = _actor(store, actor) if actor else None
        graph = neighbourhood(store, center["id"] if center else None, depth=depth, relations=relation or None)
        if suffix in (".html", ".htm") and evidence:
            attach_examples(store, graph, per=evidence)
    title = f"{center['name']}: {depth} hop(s)" if center else "graphkit network"
    try:
        written = write_html(graph, out, title=title) if suffix in (".html", ".htm") else \
            write_image(graph, out, title=title)
    except OSError as exc:
        _fail(f"{out}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(2)
    typer.echo(f"wrote {written['nodes']} actors and {written['edges']} relationships to {written['path']}")

# ------------------------------------------------------------------------------------------ cypher

def parse_params(pairs: List[str]) -> dict:
    """``k=v`` pairs as Cypher parameters: a value that is JSON (a number, list, true, null) is decoded,
    anything else is a string.

    >>> parse_params(["actor=iran", "top=5", 'relations=["commands"]', "name=O'Brien"])
    {'actor': 'iran', 'top': 5, 'relations': ['commands'], 'name': "O'Brien"}
    """
    import json

    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param {pair!r} is not key=value")
        try:
            params[key.strip()] = json.loads(value)
        except ValueError:
            params[key.strip()] = value
    return params


def file_defaults(path: str) -> dict:
    """Default parameters a Cypher file declares in a comment line ``// defaults: {JSON object}``."""
    import json

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.lstrip().startswith("// defaults:"):
                return json.loads(line.split(":", 1)[1])
    return {}


def query_file(name: str) -> str:
    """The path of a Cypher file: as given when it exists, else ``cypher/queries/NAME[.cypher]``."""
    from graphkit.store.statements import CYPHER_DIR

    if os.path.isfile(name):
        return name
    stem = name[:-len(".cypher")] if name.endswith(".cypher") else name
    candidate = CYPHER_DIR / "queries" / f"{stem}.cypher"
    if re.fullmatch(r"[A-Za-z0-9_-]+", stem) and candidate.is_file():
        return str(candidate)
    raise FileNotFoundError(name)


@app.command()
def cypher(
    file: str = typer.Argument(..., help="A .cypher file, or the name of one in cypher/queries/ (links, path, "
                               "actors, show, rank_degree, relation_between)."),
    param: List[str] = typer.Option([], "--param", "-p", help="Parameter as key=value (JSON values decoded); repeatable."),
    write: bool = typer.Option(False, "--write", help="Run in a write transaction (default: read-only)."),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help="Bolt URI of the Neo4j server (default $GRAPHKIT_NEO4J_URI)."),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Run one parameterized Cypher statement from a file against Neo4j and print its rows. The
    questions of links, path, actors and show are in cypher/queries/ for Cypher users; values only
    ever travel as parameters.

    A file may declare default parameters in a comment line: // defaults: {"relations": null}

    Example: graphkit cypher links --param actor=qassem-suleimani --format json
    """
    from graphkit.store import StoreError

    _check_format(fmt)
    uri = neo4j or os.environ.get("GRAPHKIT_NEO4J_URI")
    if not uri:
        _fail("no Neo4j server: give --neo4j URI or set GRAPHKIT_NEO4J_URI")
        raise typer.Exit(2)
    try:
        path_ = query_file(file)
        params = {**file_defaults(path_), **parse_params(param)}
    except FileNotFoundError:
        _fail(f"{file}: no such Cypher file (nor in cypher/queries/)")
        raise typer.Exit(2)
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{file}: cannot read ({exc})")
        raise typer.Exit(2)
    except ValueError as exc:
        _fail(f"{file}: {exc}")
        raise typer.Exit(2)
    with _open_neo4j(uri) as store:
        try:
            rows = store.run_file(path_, params, write=write)
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"{file}: cannot read ({exc})")
            raise typer.Exit(2)
        except StoreError as exc:
            _fail(str(exc))
            raise typer.Exit(1)
    emit(rows, fmt, title=f"{len(rows)} rows")
