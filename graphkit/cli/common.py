"""What the command modules share: a one-line error, opening a store, checking choices, finding an actor,
the summary of counts.

Each failure prints ``graphkit: MESSAGE`` on stderr and exits with the code the command documents
(2 for a usage or store error, 1 for "nothing found"). The message never carries terminal control
characters: a name, a sentence or a file name in it is shown, not obeyed.
"""
from __future__ import annotations

import json
import logging
import os
from contextlib import contextmanager
from typing import Iterable, Iterator, NoReturn, Optional

import typer


def fail(message: str) -> None:
    """Print ``graphkit: message`` on stderr (the command goes on or exits as it sees fit), without
    control characters (ESC, BEL, C1...) and on one line: the message may quote a name, a sentence or a
    file name, and a file name may hold a newline."""
    from graphkit.views.render import printable

    typer.echo(f"graphkit: {printable(message)}", err=True)  # one line, whatever a file name holds


def exit_with(message: str, code: int = 2) -> NoReturn:
    """Print ``graphkit: message`` on stderr and exit with ``code``."""
    fail(message)
    raise typer.Exit(code)


def check_choice(value: str, choices: Iterable[str], what: str = "format") -> None:
    """Exit 2 with the choices when ``value`` is not one of them."""
    choices = tuple(choices)
    if value not in choices:
        exit_with(f"unknown {what} {value!r}; choose one of {', '.join(choices)}")


def check_relations(relations: Iterable[str]) -> None:
    """Exit 2 at the first relation the schema does not know."""
    from graphkit.model.schema import load_schema

    known = load_schema().relations
    for rel in relations:
        if rel not in known:
            exit_with(f"unknown relation {rel!r}; choose from {', '.join(known)}")


def print_counts(counts: dict, fmt: str, title: str) -> None:
    """A summary of counts (ingest, push, stats) as a table, with the store's totals under it, or one
    JSON object. The title names the store as it is: a path with ``[/x]`` in it is text, not markup."""
    if fmt == "json":
        typer.echo(json.dumps(counts, ensure_ascii=False))
        return
    from graphkit.views.render import print_table, printable

    print_table(["", "count"], ([key, str(value)] for key, value in counts.items() if not isinstance(value, dict)),
                title=title, justify={"count": "right"})
    totals = counts.get("totals")
    if totals:
        typer.echo(printable("database now: " + ", ".join(f"{v} {k}" for k, v in totals.items())))


# --------------------------------------------------------------------------- the stores


def default_db_path() -> str:
    """$GRAPHKIT_DB, else graphkit/graph.db in the user data directory ($XDG_DATA_HOME, else ~/.local/share)."""
    explicit = os.environ.get("GRAPHKIT_DB")
    if explicit:
        return explicit
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "graphkit", "graph.db")


def open_store(db: Optional[str], *, readonly: bool = False, create: bool = True):
    """The SQLite store at ``db`` (default: :func:`default_db_path`); exit 2 with one line if it cannot be used."""
    from graphkit.store import SQLiteStore, StoreError

    path = db or default_db_path()
    if db is None and not os.environ.get("GRAPHKIT_DB") and create and not readonly:
        try:  # only the default location is ours to create
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError as exc:
            exit_with(f"{path}: cannot create directory {os.path.dirname(path)} ({exc.strerror})")
    try:
        return SQLiteStore(path, readonly=readonly, create=create)
    except StoreError as exc:
        exit_with(str(exc))


def neo4j_uri(neo4j: Optional[str], db: Optional[str]) -> Optional[str]:
    """--neo4j, else $GRAPHKIT_NEO4J_URI unless an explicit --db chooses SQLite."""
    if neo4j:
        return neo4j
    if db is None:
        return os.environ.get("GRAPHKIT_NEO4J_URI") or None
    return None


def required_neo4j_uri(neo4j: Optional[str]) -> str:
    """--neo4j, else $GRAPHKIT_NEO4J_URI; exit 2 when neither is given (push, cypher)."""
    uri = neo4j or os.environ.get("GRAPHKIT_NEO4J_URI")
    if not uri:
        exit_with("no Neo4j server: give --neo4j URI or set GRAPHKIT_NEO4J_URI")
    return uri


def open_neo4j(uri: str):
    """The Neo4j store at ``uri`` with the credentials from the environment; exit 2 with one line if unusable."""
    from graphkit.store import StoreError
    from graphkit.store.neo4j import Neo4jStore

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
        exit_with(f"GRAPHKIT_NEO4J_RETRY_SECONDS={raw_retry!r}: give a number of seconds")
    try:
        return Neo4jStore(uri, user, password, max_retry_time=retry)
    except StoreError as exc:
        exit_with(str(exc))


def open_chosen(db: Optional[str], neo4j: Optional[str], *, readonly: bool = False, create: bool = True):
    """Neo4j when --neo4j or $GRAPHKIT_NEO4J_URI chooses it (and --db does not), else the SQLite file."""
    uri = neo4j_uri(neo4j, db)
    return open_neo4j(uri) if uri else open_store(db, readonly=readonly, create=create)


@contextmanager
def reading(db: Optional[str], neo4j: Optional[str]) -> Iterator:
    """The store to read (Neo4j when chosen, else the SQLite file); a store error mid-read exits 2."""
    from graphkit.store import StoreError

    store = open_chosen(db, neo4j, readonly=True, create=False)
    try:
        yield store
    except StoreError as exc:
        exit_with(str(exc))
    finally:
        store.close()


# --------------------------------------------------------------------------- actors


def exit_blocked(store, text: str, fmt: str | None = None) -> None:
    """When the analyst blocked ``text`` (:func:`graphkit.curate.blocked.blocked_in`), exit 1 saying so in
    one line on stderr: which curation log entry, and how to undo it; json and jsonl also print the
    answer as an object with ``"blocked": true`` on stdout. Otherwise return."""
    from graphkit.curate.blocked import blocked_answer, blocked_in

    entry = blocked_in(store, text)
    if entry is None:
        return
    answer = blocked_answer(entry, text)
    if fmt in ("json", "jsonl"):
        typer.echo(json.dumps(answer, ensure_ascii=False))
    exit_with(f"{text!r} is blocked by the analyst (curation log entry {entry.seq}, block "
              f"{entry.args['name']!r} by {entry.by}): undo with '{answer['undo'][0]}' or "
              f"'{answer['undo'][1]}'", 1)


def find_actor(store, text: str, fmt: str | None = None) -> dict:
    """The actor ``text`` names (id, name or alias, the actor dictionary's names, spelling forgiven:
    :func:`graphkit.ask.lookup.find_actor`). Exit 1 with the closest names when none fits; when several
    fit equally, exit 1 with one line and the candidates (id, name, type, articles) under it on stderr.
    A name the analyst blocked exits 1 saying so (:func:`exit_blocked`; ``fmt`` json/jsonl: an object
    with ``"blocked": true`` on stdout)."""
    from graphkit.ask.lookup import AmbiguousActor, UnknownActor, find_actor as look_up
    from graphkit.views.render import printable

    exit_blocked(store, text, fmt)
    try:
        return look_up(store, text)
    except AmbiguousActor as exc:
        fail(str(exc))
        for c in exc.candidates:
            plural = "" if c["articles"] == 1 else "s"
            typer.echo(printable(f"  {c['id']}  {c['name']} ({c['type'] or 'type unknown'}, "
                                 f"{c['articles']} article{plural})"), err=True)
        raise typer.Exit(1)
    except UnknownActor as exc:
        exit_with(str(exc), 1)


def arrow(direction: str) -> str:
    """The arrow a table shows for a link's direction: ``->`` out, ``<-`` in, ``--`` both ways."""
    return {"out": "->", "in": "<-", "both": "--"}.get(direction, direction)
