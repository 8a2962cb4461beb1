"""The curated actor dictionary: canonical names, types and aliases, shared across articles.

Entries come from ``data/actors.json`` plus any files the user names (same format, later files win).

>>> d = ActorDictionary([{"name": "Iran", "type": "STATE", "aliases": ["Tehran"], "demonyms": ["Iranian"]}])
>>> d.lookup("tehran").name
'Iran'
>>> d.state_for_demonym("Iranian").name
'Iran'
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from graphkit.model.names import loose_key, name_key, slug
from graphkit.model.schema import DATA_DIR

VALID_TYPES = {"PERSON", "ORGANIZATION", "STATE", "GROUP"}


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return slug(self.name)


class ActorDictionary:
    def __init__(self, entries: Iterable[dict]):
        self.entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}
        self._by_demonym: dict[str, Entry] = {}
        for raw in entries:
            self.add(raw)

    def add(self, raw: dict) -> None:
        typ = str(raw.get("type", "ORGANIZATION")).upper()
        if typ not in VALID_TYPES:
            raise ValueError(f"actor {raw.get('name')!r}: unknown type {typ!r}")
        entry = Entry(str(raw["name"]), typ, tuple(raw.get("aliases", ())), tuple(raw.get("demonyms", ())))
        self.entries.append(entry)
        for alias in (entry.name, *entry.aliases):
            for key in {name_key(alias), loose_key(alias)}:
                if key:
                    self._by_key[key] = entry
        for dem in entry.demonyms:
            self._by_demonym[name_key(dem)] = entry

    def lookup(self, name: str) -> Entry | None:
        """The entry a name refers to, by exact folded form first, then the looser transliteration key."""
        return self._by_key.get(name_key(name)) or self._by_key.get(loose_key(name))

    def state_for_demonym(self, word: str) -> Entry | None:
        hit = self._by_demonym.get(name_key(word))
        if hit:
            return hit
        entry = self.lookup(word)
        return entry if entry and entry.type == "STATE" else None

    def surface_forms(self) -> Iterable[tuple[str, Entry]]:
        for e in self.entries:
            for alias in (e.name, *e.aliases):
                yield alias, e
            if e.type == "STATE":
                for dem in e.demonyms:
                    if dem.endswith("s") and dem[:1].isupper():
                        yield dem, e


def dictionary_paths(extra: Iterable[str | Path] = ()) -> list[Path]:
    paths = [DATA_DIR / "actors.json"]
    env = os.environ.get("GRAPHKIT_ACTORS")
    if env:
        paths += [Path(p) for p in env.split(os.pathsep) if p]
    paths += [Path(p) for p in extra]
    return paths


@lru_cache(maxsize=8)
def load_dictionary(paths: tuple[str, ...] | None = None) -> ActorDictionary:
    """Load the curated dictionary plus user files (a JSON list of entries each)."""
    files = [Path(p) for p in paths] if paths else dictionary_paths()
    entries: list[dict] = []
    for p in files:
        if not p.exists():
            if p == DATA_DIR / "actors.json":
                continue
            raise FileNotFoundError(f"{p}: actor dictionary not found")
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, RecursionError) as exc:
            raise ValueError(f"{p}: not a UTF-8 JSON actor dictionary ({type(exc).__name__})") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"{p}: not JSON ({exc})") from None
        if not isinstance(data, list):
            raise ValueError(f"{p}: an actor dictionary is a JSON list of entries")
        for number, raw in enumerate(data, 1):
            problem = entry_problem(raw)
            if problem:
                raise ValueError(f"{p}: entry {number}: {problem}")
        entries.extend(data)
    return ActorDictionary(entries)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def entry_problem(raw: object) -> str | None:
    """What is wrong with one entry of an actor file (None when nothing): it must be an object with a
    non-empty string ``name``, an optional known ``type`` and optional lists of strings ``aliases`` and
    ``demonyms`` (a bare string would become one alias per letter)."""
    if not isinstance(raw, dict):
        return f"expected an object {{name, type, aliases}}, got {json.dumps(raw)[:40]}"
    if not isinstance(raw.get("name"), str) or not raw["name"].strip():
        return "'name' must be a non-empty string"
    if "type" in raw and not (isinstance(raw["type"], str) and raw["type"].upper() in VALID_TYPES):
        return f"'type' must be one of {', '.join(sorted(VALID_TYPES))}"
    for field in ("aliases", "demonyms"):
        if field in raw and not _strings(raw[field]):
            return f"'{field}' must be a list of non-empty strings, e.g. [\"IS\"]"
    return None
