"""The curation commands as library functions: each takes a store, checks its arguments against what
is stored, records one log entry and replays the curation, all in one transaction; it returns the
entry (with its ``seq``) and what changed. A name that fits no actor raises
:class:`~graphkit.ask.query.UnknownActor`; anything else that cannot be done raises
:class:`CurationError`. Nothing is written when either is raised.
"""
from __future__ import annotations

from typing import Any, Sequence

from graphkit.curate.apply import Curation, evidence_key, fold
from graphkit.curate.log import Entry, name_problem, new_entry, reason_problem
from graphkit.curate.names import UnknownActor, resolve_name
from graphkit.curate.replay import backend_for, commit
from graphkit.model.names import slug

__all__ = ["CurationError", "UnknownActor", "UnknownEntry", "alias_add", "alias_remove", "block", "merge", "reject_evidence",
           "reject_relationship", "rename", "restore", "retype", "split", "undo"]


class CurationError(ValueError):
    """A curation that cannot be applied; the message is one line."""


class UnknownEntry(CurationError, LookupError):
    """No such log entry, relationship or evidence row."""


def typed_name(text: str, what: str) -> str:
    """``text`` as the analyst typed it, checked: a one-line printable name (raises CurationError)."""
    problem = name_problem(text)
    if problem:
        shown = text.encode("unicode_escape").decode("ascii") if isinstance(text, str) else text
        raise CurationError(f"{what} {problem}: '{shown}'" if problem != "is empty" else f"{what} {problem}")
    return text


def _check_who_and_why(by: str | None, reason: str | None) -> None:
    if by is not None:
        typed_name(by, "--by")
    problem = reason_problem(reason)
    if problem:
        raise CurationError(f"--reason {problem}")


def _actor(row: dict) -> dict:
    return {"id": row["id"], "name": row["name"], "type": row.get("type")}


def _record(store: Any, action: str, args: dict, by: str | None, reason: str | None) -> tuple[Entry, dict]:
    _check_who_and_why(by, reason)
    entry = new_entry(action, args, by=by, reason=reason)
    counts = commit(store, [entry])
    stored = next(e for e in backend_for(store).entries() if e.key == entry.key)
    return stored, counts


def _curation(store: Any) -> Curation:
    return Curation(backend_for(store).entries())


def merge(store: Any, into: str, merged: str, *, by: str | None = None, reason: str | None = None):
    """``merged`` becomes an alias of ``into``: its relationships and evidence move to ``into``; a
    relationship between the two becomes a self-loop and is dropped (``split`` brings it back)."""
    a, b = resolve_name(store, into), resolve_name(store, merged)
    if a["id"] == b["id"]:
        raise CurationError(f"{into!r} and {merged!r} are the same actor ({a['id']})")
    return _record(store, "merge", {"actor": _actor(a), "merged": _actor(b)}, by, reason)


def split(store: Any, actor: str, merged: str | None = None, aliases: Sequence[str] = (), name: str | None = None,
          *, by: str | None = None, reason: str | None = None):
    """Undo the merge of ``merged`` into ``actor``, or move the evidence whose text is one of ``aliases``
    out of ``actor`` into an actor of its own named ``name`` (default: the first alias)."""
    a = resolve_name(store, actor)
    if (merged is None) == (not aliases):
        raise CurationError("split takes either the merged actor's name or --alias names, not both or neither")
    curation = _curation(store)
    if merged is not None:
        for e in reversed(curation.active):
            m = e.args.get("merged") or {}
            if e.action == "merge" and curation.final_id(e.args["actor"]["id"]) == a["id"] and (
                    fold(merged) in (fold(m["name"]), fold(m["id"])) or slug(merged) == m["id"]):
                return _record(store, "split", {"actor": _actor(a), "merged": m, "cancels": e.key}, by, reason)
        raise UnknownEntry(f"no merge of {merged!r} into {a['name']!r} in the curation log")
    known = {fold(x) for x in a.get("aliases") or []}
    missing = [x for x in aliases if fold(x) not in known]
    if missing:
        raise CurationError(f"{missing[0]!r} is not an alias of {a['name']!r}")
    new_name = typed_name(name, "--name") if name is not None else aliases[0]
    new = {"id": slug(new_name), "name": new_name, "type": a.get("type")}
    if new["id"] == a["id"]:
        raise CurationError(f"{new_name!r} is {a['name']!r} itself; give --name")
    return _record(store, "split", {"actor": _actor(a), "aliases": list(aliases), "new": new}, by, reason)


def alias_add(store: Any, actor: str, alias: str, *, by: str | None = None, reason: str | None = None):
    """``alias`` names ``actor``: listed among its aliases, and an actor extracted under that name is
    this one (in stored and later articles)."""
    typed_name(alias, "the alias")
    a = resolve_name(store, actor)
    if fold(alias) in {fold(x) for x in [a["name"], *(a.get("aliases") or [])]}:
        raise CurationError(f"{alias!r} already names {a['name']!r}")
    return _record(store, "alias_add", {"actor": _actor(a), "alias": alias}, by, reason)


def alias_remove(store: Any, actor: str, alias: str, *, by: str | None = None, reason: str | None = None):
    """Take ``alias`` off ``actor``: an alias added by ``alias add`` is taken back (the actor it mapped
    comes back); an alias from the articles is no longer listed or looked up."""
    a = resolve_name(store, actor)
    if fold(alias) not in {fold(x) for x in a.get("aliases") or []}:
        raise CurationError(f"{alias!r} is not an alias of {a['name']!r}")
    curation = _curation(store)
    args: dict = {"actor": _actor(a), "alias": alias}
    for e in reversed(curation.active):
        if e.action == "alias_add" and fold(e.args["alias"]) == fold(alias) \
                and curation.final_id(e.args["actor"]["id"]) == a["id"]:
            args["cancels"] = e.key
            break
    return _record(store, "alias_remove", args, by, reason)


def rename(store: Any, actor: str, new_name: str, *, by: str | None = None, reason: str | None = None):
    """``actor`` is called ``new_name``: its id stays (an analyst's scripts and exported files key on it),
    the old name stays an alias, and an actor extracted later under the new name is this one. Refused
    when the new name names another stored actor (its id, name or an alias; merge the two instead)."""
    typed_name(new_name, "the new name")
    a = resolve_name(store, actor)
    if new_name == a["name"]:
        raise CurationError(f"{a['name']!r} has that name already")
    new_id = slug(new_name)
    others = [x for x in store.actors_named(new_name) + store.actors_named(new_id) if x["id"] != a["id"]]
    if others:
        raise CurationError(f"{new_name!r} names another actor, {others[0]['name']!r} ({others[0]['id']}): "
                            "merge the two instead")
    return _record(store, "rename", {"actor": _actor(a), "name": new_name, "new_id": a["id"]}, by, reason)


def retype(store: Any, actor: str, type_: str, *, by: str | None = None, reason: str | None = None):
    """``actor`` is of type ``type_`` (one of the schema's actor types)."""
    from graphkit.model.schema import load_schema

    types = load_schema().actor_types
    type_ = type_.strip().upper()
    if type_ not in types:
        raise CurationError(f"unknown actor type {type_!r}; choose one of {', '.join(types)}")
    a = resolve_name(store, actor)
    if a.get("type") == type_:
        raise CurationError(f"{a['name']!r} is {type_} already")
    return _record(store, "retype", {"actor": _actor(a), "type": type_}, by, reason)


def block(store: Any, name: str, *, by: str | None = None, reason: str | None = None):
    """``name`` is never an actor: relationships naming it (by id, name or the article's text) are
    hidden, in stored and later articles. The name need not be stored yet."""
    typed_name(name, "the blocked name")
    curation = _curation(store)
    if fold(name) in curation.blocked_names:
        raise CurationError(f"{name!r} is blocked already")
    exact = store.actors_named(name)
    args = {"name": name, "actor_id": exact[0]["id"] if len(exact) == 1 else None}
    return _record(store, "block", args, by, reason)


def _relationship_exists(store: Any, rel_id: str) -> bool:
    return bool(store.evidence_of([rel_id]))


def relationship_id(store: Any, subject: str, relation: str, obj: str) -> str:
    """The stored relationship id of SUBJECT RELATION OBJECT (names resolved, symmetric order kept)."""
    from graphkit.model.schema import load_schema

    schema = load_schema()
    if relation not in schema.relations:
        raise CurationError(f"unknown relation {relation!r}")
    s, o = resolve_name(store, subject)["id"], resolve_name(store, obj)["id"]
    if relation in schema.symmetric and s > o:
        s, o = o, s
    return f"{s}|{relation}|{o}"


def reject_relationship(store: Any, rel_id: str, *, by: str | None = None, reason: str | None = None):
    """Hide relationship ``rel_id`` (``subject_id|relation|object_id``) with all its evidence, now and
    in later articles."""
    parts = rel_id.split("|")
    if len(parts) != 3 or not _relationship_exists(store, rel_id):
        raise UnknownEntry(f"no relationship {rel_id!r}")
    row = next((r for r in store.relationships_touching([parts[0]]) if r["id"] == rel_id), {})
    return _record(store, "reject_relationship", {"subject_id": parts[0], "relation": parts[1],
                                                  "object_id": parts[2], "subject": row.get("subject"),
                                                  "object": row.get("object")}, by, reason)


def reject_evidence(store: Any, evidence_id: str, *, by: str | None = None, reason: str | None = None):
    """Hide one evidence row (by the id ``graphkit evidence`` shows); it stays hidden when its article
    is ingested again, and its relationship goes when no evidence is left."""
    row = backend_for(store).evidence_row(str(evidence_id))
    if row is None:
        raise UnknownEntry(f"no evidence row {evidence_id!r}")
    relation = row["relationship_id"].split("|")[1]
    key = evidence_key(row["article_id"], relation, row["sentence_start"], row["trigger_start"],
                       row["subject_start"], row["object_start"])
    return _record(store, "reject_evidence", {"key": key, "relationship_id": row["relationship_id"],
                                              "evidence_id": str(evidence_id)}, by, reason)


def _names_relationship(args: dict, names: tuple[str, str, str]) -> bool:
    subject, relation, obj = names
    return relation == args["relation"] and all(
        fold(given) in (fold(args.get(side) or ""), fold(args[f"{side}_id"])) or slug(given) == args[f"{side}_id"]
        for given, side in ((subject, "subject"), (obj, "object")))


def restore(store: Any, what: str | tuple[str, str, str] | None = None, *, entry: int | None = None,
            by: str | None = None, reason: str | None = None):
    """Take back a block or a reject: by the blocked name, the rejected relationship id or its
    (subject, relation, object) names, or the log entry number (``entry``, for an evidence row)."""
    curation = _curation(store)
    found: Entry | None = None
    for e in reversed(curation.active):
        if e.action not in ("block", "reject_relationship", "reject_evidence"):
            continue
        if entry is not None:
            if e.seq == entry:
                found = e
                break
            continue
        if isinstance(what, tuple):
            if e.action == "reject_relationship" and _names_relationship(e.args, what):
                found = e
                break
            continue
        if e.action == "block" and what is not None and fold(e.args["name"]) == fold(what):
            found = e
            break
        if e.action == "reject_relationship" and what == \
                f"{e.args['subject_id']}|{e.args['relation']}|{e.args['object_id']}":
            found = e
            break
    if found is None:
        target = f"entry {entry}" if entry is not None else repr(" ".join(what) if isinstance(what, tuple) else what)
        raise UnknownEntry(f"no block or reject in force for {target}")
    label = found.args.get("name") or found.args.get("relationship_id") or \
        f"{found.args.get('subject_id')}|{found.args.get('relation')}|{found.args.get('object_id')}"
    return _record(store, "restore", {"cancels": found.key, "what": f"{found.action} {label}"}, by, reason)


def undo(store: Any, seq: int, *, by: str | None = None) -> tuple[Entry, dict]:
    """Undo log entry ``seq`` (it stays in the log, marked undone)."""
    from graphkit.curate.log import default_user

    entries = backend_for(store).entries()
    entry = next((e for e in entries if e.seq == seq), None)
    if entry is None:
        raise UnknownEntry(f"no curation entry {seq}")
    if entry.undone_at is not None:
        raise CurationError(f"curation entry {seq} is undone already")
    if by is not None:
        typed_name(by, "--by")
    done = entry.undone(by or default_user())
    counts = commit(store, undone=[done])
    return done, counts

