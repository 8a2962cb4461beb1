"""The curation log as a JSON file a team reviews and shares (``curation export`` / ``import``)::

    {"graphkit_curation": 1, "entries": [{"key": ..., "action": "merge", "args": {...}, "by": "ana",
     "at": "2026-12-01T21:00:00Z", "reason": "...", "undone_at": null, "undone_by": null}, ...]}

An entry is known by its ``key`` (made when the decision was taken), so importing a file
twice adds nothing; an entry the file marks undone is undone here too. A file that is not such a
document is refused whole, with a one-line :class:`~graphkit.curate.actions.CurationError`.
"""
from __future__ import annotations

import json
from typing import Any

from graphkit.curate.actions import CurationError
from graphkit.curate.log import Entry, check_entry, check_time, entry_key, name_problem, reason_problem
from graphkit.curate.replay import backend_for, commit

FORMAT_VERSION = 1


def export_document(store: Any) -> dict:
    """The store's curation log as the shared JSON document (plain data)."""
    entries = []
    for e in backend_for(store).entries():
        d = e.to_dict()
        d.pop("seq")
        entries.append(d)
    return {"graphkit_curation": FORMAT_VERSION, "entries": entries}


def parse_document(text: str, name: str = "file") -> list[Entry]:
    """The entries of a shared JSON document; raises :class:`CurationError` naming the first problem."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CurationError(f"{name}: not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(doc, dict) or doc.get("graphkit_curation") != FORMAT_VERSION or not isinstance(
            doc.get("entries"), list):
        raise CurationError(f"{name}: not a graphkit curation file (want an object with \"graphkit_curation\": "
                            f"{FORMAT_VERSION} and a list of \"entries\")")
    out = []
    for i, item in enumerate(doc["entries"], 1):
        where = f"{name}: entry {i}"
        if not isinstance(item, dict):
            raise CurationError(f"{where}: not an object")
        for field in ("action", "by", "at"):
            if not isinstance(item.get(field), str) or not item[field].strip():
                raise CurationError(f"{where}: {field!r} must be a non-empty string")
        for field in ("reason", "undone_at", "undone_by", "key"):
            if item.get(field) is not None and not isinstance(item[field], str):
                raise CurationError(f"{where}: {field!r} must be a string or null")
        undone_by = item.get("undone_by")
        for field, problem in (("by", name_problem(item["by"])), ("reason", reason_problem(item.get("reason"))),
                               ("undone_by", name_problem(undone_by) if undone_by is not None else None)):
            if problem:
                raise CurationError(f"{where}: {field!r} {problem}")
        for field in ("at", "undone_at"):
            if item.get(field) is not None and not check_time(item[field]):
                raise CurationError(f"{where}: {field!r} must be a date and time in ISO 8601 (2026-01-31T12:00:00Z)")
        try:
            check_entry(item["action"], item.get("args"))
        except ValueError as exc:
            raise CurationError(f"{where}: {exc}") from None
        key = item.get("key") or entry_key(item["action"], item["args"], item["by"], item["at"])
        out.append(Entry(key=key, action=item["action"], args=item["args"], by=item["by"], at=item["at"],
                         reason=item.get("reason"), undone_at=item.get("undone_at"), undone_by=item.get("undone_by")))
    keys = [e.key for e in out]
    if len(set(keys)) != len(keys):
        raise CurationError(f"{name}: the same entry twice")
    return out


def import_document(store: Any, text: str, name: str = "file") -> dict[str, int]:
    """Add the file's entries the store lacks, undo those the file marks undone, and replay, in one
    transaction. Returns ``entries`` added, ``undone`` and ``articles_rewritten``."""
    entries = parse_document(text, name)
    local = {e.key: e for e in backend_for(store).entries()}
    fresh = [e for e in entries if e.key not in local]
    undone = [local[e.key].undone(e.undone_by or "unknown", e.undone_at) for e in entries
              if e.key in local and e.undone_at and local[e.key].undone_at is None]
    counts = commit(store, fresh, undone)
    return {"entries": counts["entries"], "undone": len(undone), "articles_rewritten": counts["articles_rewritten"]}
