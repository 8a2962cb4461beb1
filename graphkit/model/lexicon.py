"""The closed word classes the extraction code tests words against, read from ``data/lexicon.json``.

Trigger words live in ``relations.json`` and actor vocabulary in ``actor_terms.json``; this file holds the
rest (proxy nouns, quantity words, dateline dashes, ...), so no word list is left in the code.
``load_schema()`` reads it into ``Schema.lexicon``.

>>> lex = load_lexicon(data_file("lexicon.json"))
>>> "troops" in lex.force_proxies
True
>>> lex.base_confidence["role"]
0.9
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def data_path(name: str) -> Traversable:
    """A data file: from the ``GRAPHKIT_DATA`` directory when it holds one of that name, else the package's."""
    override = os.environ.get("GRAPHKIT_DATA")
    if override and (Path(override) / name).exists():
        return Path(override) / name
    return files("graphkit.model") / "data" / name


def read_json(source: Traversable) -> dict:
    return json.loads(source.read_text(encoding="utf-8"))


def data_file(name: str) -> dict:
    """The parsed data file ``name`` (see :func:`data_path`), read once however many modules ask for it.
    Callers only read the returned dict."""
    return _parsed(name, os.environ.get("GRAPHKIT_DATA"))


@lru_cache(maxsize=None)
def _parsed(name: str, override: str | None) -> dict:  # the override is part of the key
    return read_json(data_path(name))


@dataclass(frozen=True)
class Lexicon:
    # relation patterns
    relative_pronouns: frozenset[str]
    thing_proxies: frozenset[str]       # nouns that stand for their owner: "Hezbollah positions"
    force_proxies: frozenset[str]       # armed things that act for their owner: "Iran's drones"
    non_state_leaders: frozenset[str]   # "rebel leader X" leads a group, not a state
    collective_bodies: frozenset[str]   # named bodies whose apposed list are members
    voices: frozenset[str]              # a spokesman speaks for his principal
    receive_verbs: frozenset[str]       # "X had the backing of Y"
    count_nouns: frozenset[str]         # "several rounds of talks"
    org_parts: frozenset[str]           # "the Islamic State's Somali branch"
    appoint_verbs: frozenset[str]       # "Hamas named X as its leader"
    quantity_words: frozenset[str]      # "dozens of Hamas fighters"
    anaphoric_nouns: frozenset[str]     # "the group" as a pronoun
    name_prefixes: tuple[str, ...]      # dropped from a surname: "al-Sadr" -> "Sadr"
    command_nouns: frozenset[str]       # "under the command of X"
    led_forces: frozenset[str]          # a person's armed following: "his men"
    mediation_participles: frozenset[str]  # "a ceasefire brokered by X"
    accusation_verbs: frozenset[str]    # "accused of denying": the negator is the accusation's
    base_confidence: dict[str, float]   # per pattern
    # mentions and resolution
    not_actor_acronyms: frozenset[str]
    indefinite_determiners: frozenset[str]
    name_connectors: frozenset[str]     # lower-case words inside a capitalised name: "Army of ..."
    state_modifiers: frozenset[str]     # "Iraqi government forces" is still the state
    initial_skip: frozenset[str]
    alias_markers: tuple[str, ...]
    leader_titles: frozenset[str]
    # datelines
    dateline_dashes: tuple[str, ...]


def load_lexicon(raw: dict) -> Lexicon:
    """The word classes of a parsed ``lexicon.json``."""
    rel, men, res = raw["relations"], raw["mentions"], raw["resolve"]
    f = frozenset
    return Lexicon(
        relative_pronouns=f(rel["relative_pronouns"]),
        thing_proxies=f(rel["thing_proxies"]),
        force_proxies=f(rel["force_proxies"]),
        non_state_leaders=f(rel["non_state_leaders"]),
        collective_bodies=f(rel["collective_bodies"]),
        voices=f(rel["voices"]),
        receive_verbs=f(rel["receive_verbs"]),
        count_nouns=f(rel["count_nouns"]),
        org_parts=f(rel["org_parts"]),
        appoint_verbs=f(rel["appoint_verbs"]),
        quantity_words=f(rel["quantity_words"]),
        anaphoric_nouns=f(rel["anaphoric_nouns"]),
        name_prefixes=tuple(rel["name_prefixes"]),
        command_nouns=f(rel["command_nouns"]),
        led_forces=f(rel["led_forces"]),
        mediation_participles=f(rel["mediation_participles"]),
        accusation_verbs=f(rel["accusation_verbs"]),
        base_confidence={k: float(v) for k, v in rel["base_confidence"].items()},
        not_actor_acronyms=f(men["not_actor_acronyms"]),
        indefinite_determiners=f(men["indefinite_determiners"]),
        name_connectors=f(men["name_connectors"]),
        state_modifiers=f(men["state_modifiers"]),
        initial_skip=f(res["initial_skip"]),
        alias_markers=tuple(res["alias_markers"]),
        leader_titles=f(res["leader_titles"]),
        dateline_dashes=tuple(raw["dateline"]["dashes"]),
    )
