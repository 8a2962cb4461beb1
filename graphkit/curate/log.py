"""The curation log's entries: what an analyst decided, by whom, when and why.

An entry is plain data (``to_dict`` is what the store keeps and ``curation export`` writes). Its ``key``
is made once, when the decision is taken (a hash of what it says, who said it when, and a random
part: the same decision taken twice in one second is two entries), and travels with it, so the same
entry imported twice is one entry; its ``seq`` is the local number ``curation undo`` takes. Some entries cancel an earlier one (``split`` a
merge, ``restore`` a block or reject, ``alias remove`` of an added alias): ``args["cancels"]`` holds
the key of the entry they cancel.

>>> e = new_entry("block", {"name": "government"}, by="ana", reason="a common noun", at="2026-01-01T00:00:00Z")
>>> e.key == new_entry("block", {"name": "government"}, by="ana", reason="a common noun", at=e.at).key
False
>>> Entry.from_dict(e.to_dict()) == e
True
>>> [x.action for x in active([e])]
['block']
"""
from __future__ import annotations

import getpass
import hashlib
import json
import re
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any, Iterable

from graphkit.model.schema import load_schema

from graphkit.store.rows import utc_now

# action -> the argument keys it must carry
ACTIONS: dict[str, tuple[str, ...]] = {
    "merge": ("actor", "merged"),
    "split": ("actor",),               # with "cancels" (undo a merge) or "aliases" and "new"
    "alias_add": ("actor", "alias"),
    "alias_remove": ("actor", "alias"),  # with "cancels" when it takes back an alias_add
    "rename": ("actor", "name", "new_id"),
    "retype": ("actor", "type"),
    "block": ("name",),
    "reject_relationship": ("subject_id", "relation", "object_id"),
    "reject_evidence": ("key", "relationship_id"),
    "restore": ("cancels",),
}


@dataclass(frozen=True)
class Entry:
    """One decision. ``at`` and ``undone_at`` are UTC ISO 8601; ``seq`` is 0 until the store numbers it."""

    key: str
    action: str
    args: dict
    by: str
    at: str
    reason: str | None = None
    undone_at: str | None = None
    undone_by: str | None = None
    seq: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entry":
        return cls(key=d["key"], action=d["action"], args=dict(d["args"]), by=d["by"], at=d["at"],
                   reason=d.get("reason"), undone_at=d.get("undone_at"), undone_by=d.get("undone_by"),
                   seq=int(d.get("seq") or 0))

    def undone(self, by: str, at: str | None = None) -> "Entry":
        return replace(self, undone_at=at or utc_now(), undone_by=by)


def default_user() -> str:
    """Who decided when ``--by`` is not given: the OS user."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment or the password database
        return "unknown"


def entry_key(action: str, args: dict, by: str, at: str, nonce: str = "") -> str:
    text = json.dumps([action, args, by, at, nonce], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def new_entry(action: str, args: dict, *, by: str | None = None, reason: str | None = None,
              at: str | None = None) -> Entry:
    """An entry not yet stored, stamped now (UTC) and by the OS user unless told otherwise."""
    check_entry(action, args)
    by = by or default_user()
    at = at or utc_now()
    return Entry(key=entry_key(action, args, by, at, uuid.uuid4().hex), action=action, args=args, by=by, at=at, reason=reason)


# C0 and C1 control characters (newline, tab, ESC, NUL...) and the Unicode line and paragraph separators
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_IN_PROSE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # a reason may run over lines
MAX_FREE_NAME_CHARS = 500  # as graphkit.ask.query.MAX_NAME_CHARS: no actor's name is longer


def name_problem(text: Any) -> str | None:
    """What is wrong with a name an analyst types (an alias, a new name, a blocked name, ``--by``), else
    None: a name is one line of printable text with a letter or digit in it.

    >>> name_problem("Jaish al-Mahdi"), name_problem("Mahdi\\nArmy"), name_problem("   ")
    (None, 'holds a control character (U+000A)', 'is empty')
    """
    if not isinstance(text, str):
        return "must be a string"
    bad = _CONTROL.search(text)
    if bad:
        return f"holds a control character (U+{ord(bad.group()):04X})"
    if not text.strip():
        return "is empty"
    if not any(c.isalnum() for c in text):
        return "has no letter or digit"
    if len(text) > MAX_FREE_NAME_CHARS:
        return f"is longer than {MAX_FREE_NAME_CHARS} characters"
    return None


def reason_problem(text: Any) -> str | None:
    """What is wrong with a ``--reason`` (prose: newlines and tabs allowed, other control characters not)."""
    if text is None:
        return None
    if not isinstance(text, str):
        return "must be a string"
    bad = _CONTROL_IN_PROSE.search(text)
    return f"holds a control character (U+{ord(bad.group()):04X})" if bad else None


# the arguments of an entry that an analyst typed, as opposed to names read from the store
_TYPED_NAMES = {"alias_add": ("alias",), "block": ("name",), "rename": ("name",)}


def check_entry(action: str, args: Any) -> None:
    """Raise ValueError when ``action`` is unknown or ``args`` lacks what it needs (or a name the analyst
    typed is not one line of printable text: :func:`name_problem`)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown curation action {action!r}")
    if not isinstance(args, dict):
        raise ValueError(f"{action}: args must be an object")
    missing = [k for k in ACTIONS[action] if k not in args]
    if missing:
        raise ValueError(f"{action}: missing {', '.join(missing)}")
    for name, value in args.items():
        problem = _arg_problem(name, value)
        if problem:
            raise ValueError(f"{action}: {name!r} {problem}")
    typed = [(key, args[key]) for key in _TYPED_NAMES.get(action, ())]
    if action == "split" and isinstance(args.get("new"), dict):
        typed.append(("new name", args["new"].get("name")))
    for key, value in typed:
        problem = name_problem(value)
        if problem:
            raise ValueError(f"{action}: {key!r} {problem}")
    if action == "retype" and args["type"] not in load_schema().actor_types:
        raise ValueError(f"retype: 'type' must be one of {', '.join(load_schema().actor_types)}")
    if action == "merge" and args["actor"]["id"] == args["merged"]["id"]:
        raise ValueError("merge: an actor cannot be merged into itself")


def _arg_problem(name: str, value: Any) -> str | None:
    """What is wrong with one argument of an entry (a shared file may hold anything), else None."""
    if name in ("actor", "merged", "new"):
        ok = (isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"].strip()
              and isinstance(value.get("name"), str) and value["name"].strip()
              and (value.get("type") is None or isinstance(value.get("type"), str)))
        return None if ok else "must be an actor object with a string id and name"
    if name == "aliases":
        ok = isinstance(value, list) and value and all(isinstance(a, str) and a.strip() for a in value)
        return None if ok else "must be a list of non-empty strings"
    if name == "key":  # an evidence key: article, relation and offsets
        ok = isinstance(value, list) and all(v is None or isinstance(v, str)
                                             or (isinstance(v, int) and not isinstance(v, bool)) for v in value)
        return None if ok else "must be a list of strings and numbers"
    if value is not None and not isinstance(value, str):
        return "must be a string"
    return None


def check_time(at: str) -> bool:
    """True when ``at`` is an ISO 8601 date and time (as entries are stamped: UTC, ``...Z``)."""
    try:
        datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def active(entries: Iterable[Entry]) -> list[Entry]:
    """The entries in force, in ``seq`` order: neither undone nor cancelled by an entry in force."""
    entries = sorted(entries, key=lambda e: (e.seq, e.at, e.key))
    cancelled = {e.args["cancels"] for e in entries if e.undone_at is None and e.args.get("cancels")}
    return [e for e in entries if e.undone_at is None and e.key not in cancelled]


def describe(entry: Entry) -> str:
    """One line saying what the entry does, for ``curation log``."""
    a = entry.args
    name = (a.get("actor") or {}).get("name") if isinstance(a.get("actor"), dict) else None
    if entry.action == "merge":
        return f"merge {a['merged']['name']!r} into {name!r}"
    if entry.action == "split":
        if a.get("cancels"):
            return f"split {a.get('merged', {}).get('name')!r} out of {name!r}"
        return f"split {', '.join(map(repr, a.get('aliases', [])))} out of {name!r} as {a['new']['name']!r}"
    if entry.action in ("alias_add", "alias_remove"):
        return f"{entry.action.replace('_', ' ')} {a['alias']!r} {'to' if entry.action == 'alias_add' else 'from'} {name!r}"
    if entry.action == "rename":
        return f"rename {name!r} to {a['name']!r}"
    if entry.action == "retype":
        return f"retype {name!r} from {a['actor'].get('type')} to {a['type']}"
    if entry.action == "block":
        return f"block {a['name']!r}"
    if entry.action == "reject_relationship":
        return f"reject {a['subject_id']}|{a['relation']}|{a['object_id']}"
    if entry.action == "reject_evidence":
        return f"reject evidence {a.get('evidence_id')} of {a['relationship_id']} in article {a['key'][0]}"
    if entry.action == "restore":
        return f"restore {a.get('what', a['cancels'])}"
    return entry.action
