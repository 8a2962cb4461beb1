"""The curation log's commands: ``curation log``, ``evidence``, ``undo``, ``export`` and ``import``
(the group and the shared options live in :mod:`graphkit.cli.curation`)."""
from __future__ import annotations

import os
from typing import List

import typer

from graphkit.cli.common import check_choice, exit_with, open_chosen
from graphkit.cli.curation import ENTRY_COLUMNS, By, _apply, _entry_row, curation_app
from graphkit.cli.options import Db, Format, Neo4j
from graphkit.views.render import FORMATS, emit


@curation_app.command("log")
def curation_log(
    undone: bool = typer.Option(True, "--undone/--active", help="List undone entries too (default), or only "
                                "those in force."),
    db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """List the curation log.

    In order: number, action, what it does, who, when (UTC), why, when undone.

    Example: graphkit curation log --format json
    """
    from graphkit.cli.common import reading
    from graphkit.curate.log import active
    from graphkit.curate.replay import entries_of

    check_choice(fmt, FORMATS)
    with reading(db, neo4j) as store:
        entries = entries_of(store)
    in_force = {e.key for e in active(entries)}
    rows = []
    for e in entries:
        if not undone and e.key not in in_force:
            continue
        row = _entry_row(e)
        row["in_force"] = e.key in in_force
        row["args"] = e.args
        rows.append(row)
    columns = None if fmt in ("json", "jsonl") else ENTRY_COLUMNS[:-1] + ["in_force"]
    emit(rows, fmt, columns=columns, title="curation log")


@curation_app.command("evidence")
def curation_evidence(
    relationship: List[str] = typer.Argument(..., help="A relationship id (subject_id|relation|object_id), or "
                                             "SUBJECT RELATION OBJECT (names resolved)."),
    db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """List a relationship's evidence rows with their ids.

    The ids are those 'graphkit reject --evidence ID' takes.

    Example: graphkit curation evidence Iran supplies_weapons_to Houthis
    """
    from graphkit.ask.query import UnknownActor
    from graphkit.cli.common import reading
    from graphkit.curate.actions import CurationError, relationship_id

    check_choice(fmt, FORMATS)
    if len(relationship) not in (1, 3):
        exit_with("give a relationship id or SUBJECT RELATION OBJECT")
    with reading(db, neo4j) as store:
        try:
            rel_id = relationship[0] if len(relationship) == 1 else relationship_id(store, *relationship)
        except UnknownActor as exc:
            exit_with(str(exc), 1)
        except CurationError as exc:
            exit_with(str(exc))
        rows = [{"id": ev["id"], "article": ev["article_id"], "hedged": ev["hedged"], "trigger": ev["trigger"],
                 "sentence": ev["sentence"]} for ev in store.evidence(relationship=rel_id)]
    if not rows:
        exit_with(f"no relationship {rel_id!r}", 1)
    emit(rows, fmt, columns=["id", "article", "hedged", "trigger", "sentence"], title=rel_id)


@curation_app.command("undo")
def curation_undo(
    seq: int = typer.Argument(..., metavar="ID", help="The entry's number in 'graphkit curation log'."),
    by: By = None, db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Undo one entry of the curation log.

    It stays listed, marked undone, and the graph is as if it had
    never been made (the other entries still apply).

    Example: graphkit curation undo 3
    """
    from graphkit.curate.actions import undo

    _apply(db, neo4j, fmt, lambda store: undo(store, seq, by=by))


@curation_app.command("export")
def curation_export(
    file: str = typer.Argument(..., help="JSON file to write ('-': standard output)."),
    db: Db = None, neo4j: Neo4j = None,
) -> None:
    """Export the curation log to a JSON file.

    A file a team can review, keep in version control and import
    into another store.

    Example: graphkit curation export corrections.json
    """
    import json

    from graphkit.cli.common import reading
    from graphkit.curate.exchange import export_document

    with reading(db, neo4j) as store:
        document = export_document(store)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if file == "-":
        typer.echo(text, nl=False)
        return
    tmp = f"{file}.tmp-{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, file)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        exit_with(f"{file}: cannot write ({exc.strerror or exc})")
    typer.echo(f"wrote {len(document['entries'])} curation entries to {file}")


@curation_app.command("import")
def curation_import(
    file: str = typer.Argument(..., help="JSON file written by 'curation export' ('-': standard input)."),
    db: Db = None, neo4j: Neo4j = None, fmt: Format = "table",
) -> None:
    """Import a curation file written by export.

    Entries this store lacks are added and those the file marks undone
    are undone, in one transaction; importing the same file again changes nothing. A malformed file is
    refused whole.

    Example: graphkit curation import corrections.json
    """
    import sys

    from graphkit.curate.actions import CurationError
    from graphkit.curate.exchange import import_document
    from graphkit.store import StoreError

    check_choice(fmt, FORMATS)
    try:
        text = sys.stdin.read() if file == "-" else open(file, encoding="utf-8").read()
    except (OSError, UnicodeDecodeError) as exc:
        exit_with(f"{file}: cannot read ({getattr(exc, 'strerror', None) or exc})")
    store = open_chosen(db, neo4j, create=False)
    try:
        counts = import_document(store, text, file)
    except (CurationError, StoreError) as exc:
        exit_with(str(exc))
    finally:
        store.close()
    emit([counts], fmt, columns=["entries", "undone", "articles_rewritten"], title=f"imported {file}")
