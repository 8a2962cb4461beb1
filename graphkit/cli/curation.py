"""Commands that correct the graph: ``merge``, ``split``, ``alias add|remove``, ``rename``, ``retype``,
``block``, ``reject``, ``restore``; ``curation log|evidence|undo|export|import`` are in
:mod:`graphkit.cli.curation_log`.

Thin layers over :mod:`graphkit.curate.actions`: each records one entry in the store's curation log
(who: ``--by``, default the OS user; why: ``--reason``) and rewrites the stored graph in the same
transaction, and prints the entry. An unknown actor, relationship, evidence row or entry exits 1;
anything else that cannot be done exits 2; either way nothing is written.
"""
from __future__ import annotations

from typing import Annotated, Callable, List, Optional

import typer

from graphkit.cli.app import app
from graphkit.cli.common import check_choice, exit_with, open_chosen
from graphkit.cli.options import Db, Format, Neo4j
from graphkit.views.render import FORMATS, emit

By = Annotated[Optional[str], typer.Option("--by", help="Who decides (default: the OS user).")]
Reason = Annotated[Optional[str], typer.Option("--reason", help="Why: kept in the curation log.")]
ENTRY_COLUMNS = ["seq", "action", "what", "by", "at", "reason", "undone_at", "articles_rewritten"]

alias_app = typer.Typer(no_args_is_help=True, help="Add a name to an actor, or take one off.")
curation_app = typer.Typer(no_args_is_help=True, help="The curation log: list, undo, export and import it.")
app.add_typer(alias_app, name="alias")
app.add_typer(curation_app, name="curation")


def _entry_row(entry, counts: dict | None = None) -> dict:
    from graphkit.curate.log import describe

    row = {"seq": entry.seq, "action": entry.action, "what": describe(entry), "by": entry.by, "at": entry.at,
           "reason": entry.reason, "undone_at": entry.undone_at}
    if counts is not None:
        row["articles_rewritten"] = counts.get("articles_rewritten", 0)
    return row


def _apply(db: Optional[str], neo4j: Optional[str], fmt: str, work: Callable) -> None:
    """Open the store, run ``work(store)`` -> (entry, counts), print the entry; one-line errors."""
    from graphkit.ask.query import UnknownActor
    from graphkit.curate.actions import CurationError, UnknownEntry
    from graphkit.store import StoreError

    check_choice(fmt, FORMATS)
    store = open_chosen(db, neo4j, create=False)
    try:
        entry, counts = work(store)
    except (UnknownActor, UnknownEntry) as exc:
        exit_with(str(exc), 1)
    except (CurationError, StoreError) as exc:
        exit_with(str(exc))
    finally:
        store.close()
    emit([_entry_row(entry, counts)], fmt, columns=ENTRY_COLUMNS[:3] + ["articles_rewritten"], title="recorded")


@app.command()
def merge(
    actor: str = typer.Argument(..., help="The actor that stays (id, name or alias)."),
    merged: str = typer.Argument(..., help="The actor that becomes its alias."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Merge two actors: MERGED becomes an alias of ACTOR.

    MERGED's name becomes an alias of ACTOR and its relationships and evidence
    move to ACTOR, in the stored articles and in every article ingested later. A relationship between
    the two would become ACTOR -> ACTOR and is dropped (split brings it back). Undo: split, or curation undo.

    Example: graphkit merge "Mahdi Army" "Sadr's men" --reason "same militia (Reuters style)"
    """
    from graphkit.curate.actions import merge as merge_actors

    _apply(db, neo4j, fmt, lambda store: merge_actors(store, actor, merged, by=by, reason=reason))


@app.command()
def split(
    actor: str = typer.Argument(..., help="The actor to split (id, name or alias)."),
    merged: Optional[str] = typer.Argument(None, help="Undo the merge of this actor into ACTOR."),
    alias: List[str] = typer.Option([], "--alias", "-a", help="Move the evidence that names ACTOR this way out "
                                    "into an actor of its own (repeatable)."),
    name: Optional[str] = typer.Option(None, "--name", help="With --alias: the new actor's name (default: the "
                                       "first alias)."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Split an actor: undo a merge, or move aliases out into their own actor.

    Undo an earlier merge (ACTOR MERGED), or move chosen aliases out into their own
    actor (ACTOR --alias NAME ... [--name NEW]): the evidence whose text is one of them moves.

    Examples: graphkit split "Mahdi Army" "Sadr's men";  graphkit split Israel --alias "Israeli army"
    """
    from graphkit.curate.actions import split as split_actor

    _apply(db, neo4j, fmt, lambda store: split_actor(store, actor, merged, alias, name, by=by, reason=reason))


@alias_app.command("add")
def alias_add(
    actor: str = typer.Argument(..., help="The actor (id, name or alias)."),
    alias: str = typer.Argument(..., help="The name to add."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Add a name to an actor.

    Look-ups find it by that name, and an actor extracted under that name
    (now or later) is ACTOR.

    Example: graphkit alias add "Mahdi Army" "Jaish al-Mahdi"
    """
    from graphkit.curate.actions import alias_add as add

    _apply(db, neo4j, fmt, lambda store: add(store, actor, alias, by=by, reason=reason))


@alias_app.command("remove")
def alias_remove(
    actor: str = typer.Argument(..., help="The actor (id, name or alias)."),
    alias: str = typer.Argument(..., help="The alias to take off."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Take a name off an actor.

    An alias added with 'alias add' is taken back; one the articles gave is no
    longer listed or looked up.

    Example: graphkit alias remove "Mahdi Army" "his followers"
    """
    from graphkit.curate.actions import alias_remove as remove

    _apply(db, neo4j, fmt, lambda store: remove(store, actor, alias, by=by, reason=reason))


@app.command()
def rename(
    actor: str = typer.Argument(..., help="The actor (id, name or alias)."),
    new_name: str = typer.Argument(..., help="Its name from now on."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Rename an actor.

    Its id stays the same (scripts and exported files keep working), the old name
    stays an alias, and an actor extracted later under the new name is this one. Refused when another
    actor has that name already (merge them instead). Undo: curation undo N.

    Example: graphkit rename "Parliament Speaker Nabih Berri" "Nabih Berri"
    """
    from graphkit.curate.actions import rename as rename_actor

    _apply(db, neo4j, fmt, lambda store: rename_actor(store, actor, new_name, by=by, reason=reason))


@app.command()
def retype(
    actor: str = typer.Argument(..., help="The actor (id, name or alias)."),
    type_: str = typer.Argument(..., metavar="TYPE", help="The actor type (see the schema: STATE, PERSON, ...)."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Give an actor another type.

    The type applies to stored and later articles.

    Example: graphkit retype "Nabih Berri" PERSON
    """
    from graphkit.curate.actions import retype as retype_actor

    _apply(db, neo4j, fmt, lambda store: retype_actor(store, actor, type_, by=by, reason=reason))


@app.command()
def block(
    name: str = typer.Argument(..., help="The name (or actor id) that is never an actor."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Block a name: never an actor again, its relationships hidden.

    The relationships naming it (by id, name or the
    article's text, up to case and punctuation) are hidden, now and in later articles. Undo: restore NAME.

    Example: graphkit block government --reason "a common noun, not an actor"
    """
    from graphkit.curate.actions import block as block_name

    _apply(db, neo4j, fmt, lambda store: block_name(store, name, by=by, reason=reason))


@app.command()
def reject(
    relationship: List[str] = typer.Argument(None, help="A relationship id (subject_id|relation|object_id), or "
                                             "SUBJECT RELATION OBJECT (names resolved)."),
    evidence: Optional[str] = typer.Option(None, "--evidence", "-e", help="Reject this one evidence row instead "
                                           "(its id as 'graphkit evidence' shows it)."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Reject a relationship or one evidence row.

    The rejection is kept when the
    same articles are ingested again; a relationship goes when no evidence is left. Undo: restore.

    Examples: graphkit reject "iran|supplies_weapons_to|hamas";  graphkit reject Iran attacked Israel;
    graphkit reject --evidence 42
    """
    from graphkit.curate.actions import CurationError, reject_evidence, reject_relationship, relationship_id

    parts = relationship or []
    if (evidence is None) == (not parts) or len(parts) not in (0, 1, 3):
        exit_with("give a relationship id, SUBJECT RELATION OBJECT, or --evidence ID (one of them)")

    def work(store):
        if evidence is not None:
            return reject_evidence(store, evidence, by=by, reason=reason)
        rel_id = parts[0] if len(parts) == 1 else relationship_id(store, *parts)
        if len(parts) == 3 and not store.evidence_of([rel_id]):
            raise CurationError(f"no relationship {' '.join(parts)!r} ({rel_id})")
        return reject_relationship(store, rel_id, by=by, reason=reason)

    _apply(db, neo4j, fmt, work)


@app.command()
def restore(
    what: List[str] = typer.Argument(None, help="A blocked name, a rejected relationship id, or SUBJECT "
                                     "RELATION OBJECT."),
    entry: Optional[int] = typer.Option(None, "--entry", help="Restore what this curation log entry blocked or "
                                        "rejected (an evidence row: see 'graphkit curation log')."),
    by: By = None, reason: Reason = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Take back a block or a reject (recorded as an entry of its own).

    Examples: graphkit restore government;  graphkit restore --entry 7
    """
    from graphkit.curate.actions import restore as restore_entry

    parts = what or []
    if (entry is None) == (not parts) or len(parts) not in (0, 1, 3):
        exit_with("give a blocked name, a relationship (id or SUBJECT RELATION OBJECT), or --entry N (one of them)")

    def work(store):
        target = None
        if parts:
            target = parts[0] if len(parts) == 1 else tuple(parts)
        return restore_entry(store, target, entry=entry, by=by, reason=reason)

    _apply(db, neo4j, fmt, work)
