"""Whether a name the analyst asks about is one they blocked: a blocked name is never an actor, so a
look-up of it finds nothing, and the answer should say why (which log entry, how to undo it) rather
than suggest other actors.

>>> from graphkit.curate.log import new_entry
>>> block = new_entry("block", {"name": "government", "actor_id": None}, by="ana")
>>> blocking_entry([block], "Government").args["name"], blocking_entry([block], "Iran")
('government', None)
"""
from __future__ import annotations

from typing import Any, Iterable

from graphkit.curate.log import Entry, active
from graphkit.model.names import fold, slug

__all__ = ["blocked_answer", "blocking_entry", "blocked_in"]


def _same(text: str, name: str) -> bool:
    folded = fold(text)
    if folded:  # up to case and punctuation, as the block applies
        return folded == fold(name) or slug(text) == slug(name)
    return text.strip().casefold() == name.strip().casefold()  # a name fold leaves nothing of (another script)


def blocking_entry(entries: Iterable[Entry], text: str) -> Entry | None:
    """The block in force that names ``text`` (by the blocked name, or the id of the actor it blocked),
    or None. Also a name the actor dictionary gives for a blocked name ("Tehran" when Iran is blocked)."""
    blocks = [e for e in active(entries) if e.action == "block"]
    if not blocks:
        return None
    for e in reversed(blocks):
        if _same(text, e.args["name"]) or (e.args.get("actor_id") and slug(text) == e.args["actor_id"]
                                            and fold(text)):
            return e
    from graphkit.model.dictionary import load_dictionary

    known = load_dictionary().lookup(text) if fold(text) else None
    if known is not None:
        for e in reversed(blocks):
            if _same(known.name, e.args["name"]) or e.args.get("actor_id") == known.id:
                return e
    return None


def blocked_in(store: Any, text: str) -> Entry | None:
    """:func:`blocking_entry` over the curation log of ``store`` (SQLite or Neo4j)."""
    from graphkit.curate.replay import entries_of

    return blocking_entry(entries_of(store), text)


def blocked_answer(entry: Entry, text: str) -> dict:
    """What a question about blocked ``text`` answers, as data: the entry and how to undo it."""
    name = entry.args["name"]
    return {"actor": text, "blocked": True, "curation_entry": entry.seq, "blocked_name": name, "by": entry.by,
            "at": entry.at, "reason": entry.reason,
            "undo": [f"graphkit restore {_quoted(name)}", f"graphkit curation undo {entry.seq}"]}


def _quoted(name: str) -> str:
    import shlex

    return shlex.quote(name)
