"""The relation schema, trigger lexicons and actor vocabulary, read from data files at start-up.

The code holds no word lists: everything an analyst may want to tune lives in ``data/relations.json``,
``data/actor_terms.json`` and ``data/lexicon.json``, read from the package (``importlib.resources``) or, file
by file, from the directory named by ``GRAPHKIT_DATA``.

>>> s = load_schema()
>>> s.relations["rival_of"].symmetric
True
>>> s.role("chief negotiator")
('member_of', False)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from graphkit.model.lexicon import Lexicon, data_file, load_lexicon, read_json

DATA_DIR = Path(os.environ.get("GRAPHKIT_DATA") or str(files("graphkit.model") / "data"))


@dataclass(frozen=True)
class RelationType:
    name: str
    core: bool
    symmetric: bool
    label: str


@dataclass(frozen=True)
class Frame:
    """How one trigger lemma maps its syntactic arguments to a relation."""

    relation: str
    obj: tuple[str, ...] = ()
    theme: str | None = None
    mediator: bool = False
    needs_xcomp: bool = False
    object_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schema:
    relations: dict[str, RelationType]
    actor_types: tuple[str, ...]
    verbs: dict[str, Frame]
    nouns: dict[str, Frame]
    light_verbs: frozenset[str]
    roles: dict[str, tuple[str, bool]]
    state_roles: frozenset[str]
    implicit_state_titles: frozenset[str]
    member_role_modifiers: frozenset[str]
    construction_words: dict[str, frozenset[str]]
    participles: dict[str, str]
    loyal_relation: dict[str, str]
    themes: dict[str, frozenset[str]]
    theme_relations: dict[str, str]
    hedge_lemmas: frozenset[str]
    hedge_adverbs: frozenset[str]
    negator_lemmas: frozenset[str]
    negator_particles: frozenset[str]
    reporting_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    titles: tuple[str, ...]
    collective_nouns: frozenset[str]
    state_collectives: frozenset[str]
    org_keywords: frozenset[str]
    bare_collectives: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    name_particles: frozenset[str]
    not_actors: frozenset[str]
    state_organs: dict[str, str]
    state_military_words: frozenset[str]
    lexicon: Lexicon
    max_role_words: int = field(default=3)

    @property
    def symmetric(self) -> frozenset[str]:
        """The order-free relations (negotiated_with, rival_of)."""
        return frozenset(name for name, rel in self.relations.items() if rel.symmetric)

    def role(self, phrase: str) -> tuple[str, bool] | None:
        """(relation, inverted) for a role noun phrase such as 'commander' or 'arms supplier'."""
        return self.roles.get(phrase.lower())

    def words_of(self, key: str) -> frozenset[str]:
        """A word class of relations.json's ``construction_words`` (rank roles, host verbs, ...)."""
        return self.construction_words.get(key, frozenset())

    def theme_of(self, lemma: str) -> str | None:
        lemma = lemma.lower()
        for theme, words in self.themes.items():
            if lemma in words:
                return theme
        return None

    @property
    def title_abbreviations(self) -> tuple[str, ...]:
        """The abbreviated title words as written ('Brig.', 'Maj.Gen.'), kept whole by the tokenizer."""
        words = {w for t in self.titles for w in t.split() if w.endswith(".")}
        return tuple(sorted(".".join(p.capitalize() for p in w.split(".")) for w in words))


def _frames(raw: dict) -> dict[str, Frame]:
    out = {}
    for lemma, spec in raw.items():
        if lemma.startswith("_"):
            continue
        out[lemma] = Frame(
            relation=spec["relation"],
            obj=tuple(spec.get("obj", ())),
            theme=spec.get("theme"),
            mediator=bool(spec.get("mediator")),
            needs_xcomp=bool(spec.get("needs_xcomp")),
            object_types=tuple(spec.get("object_types", ())),
        )
    return out


def _roles(raw: dict) -> dict[str, tuple[str, bool]]:
    roles: dict[str, tuple[str, bool]] = {}
    for key, words in raw.items():
        if key.startswith("_"):
            continue
        inverted = key.endswith("_inverse")
        relation = key.removesuffix("_inverse")
        for w in words:
            roles.setdefault(w.lower(), (relation, inverted))
    return roles


@lru_cache(maxsize=4)
def load_schema(data_dir: str | None = None) -> Schema:
    """Read the schema from ``data_dir`` (default: the package data, or ``GRAPHKIT_DATA`` file by file)."""
    def source(name: str) -> dict:
        return read_json(Path(data_dir) / name) if data_dir else data_file(name)

    rel = source("relations.json")
    terms = source("actor_terms.json")
    relations = {
        name: RelationType(name, bool(spec["core"]), bool(spec["symmetric"]), spec["label"])
        for name, spec in rel["relations"].items()
    }
    roles = _roles(rel["roles"])
    verbs = _frames(rel["verbs"])
    nouns = _frames(rel["nouns"])
    for frame in [*verbs.values(), *nouns.values()]:
        if frame.relation not in relations:
            raise ValueError(f"unknown relation {frame.relation!r} in relations.json")
    f = frozenset
    return Schema(
        relations=relations,
        actor_types=tuple(rel["actor_types"]),
        verbs=verbs,
        nouns=nouns,
        light_verbs=f(rel["light_verbs"]),
        roles=roles,
        state_roles=f(rel["state_roles"]),
        implicit_state_titles=f(rel.get("implicit_state_titles", ())),
        member_role_modifiers=f(rel["member_role_modifiers"]),
        construction_words={k: f(w.lower() for w in v) for k, v in rel.get("construction_words", {}).items()
                            if not k.startswith("_")},
        participles={k: v for k, v in rel["participles"].items() if not k.startswith("_")},
        loyal_relation=dict(rel["loyal_relation"]),
        themes={k: f(v) for k, v in rel["themes"].items()},
        theme_relations=dict(rel["theme_relations"]),
        hedge_lemmas=f(rel["hedges"]["lemmas"]),
        hedge_adverbs=f(rel["hedges"]["adverbs"]),
        negator_lemmas=f(rel["negators"]["lemmas"]),
        negator_particles=f(rel["negators"]["particles"]),
        reporting_verbs=f(rel["reporting_verbs"]),
        object_control_verbs=f(rel["object_control_verbs"]),
        titles=tuple(sorted((t.lower() for t in terms["titles"]), key=len, reverse=True)),
        collective_nouns=f(terms["collective_nouns"]),
        state_collectives=f(terms["state_collectives"]),
        org_keywords=f(terms["org_keywords"]),
        bare_collectives=f(terms["bare_collectives"]),
        person_pronouns=f(terms["pronouns"]["person"]),
        group_pronouns=f(terms["pronouns"]["group"]),
        name_particles=f(terms["name_particles"]),
        not_actors=f(terms["not_actors"]),
        state_organs={k.lower(): v for k, v in terms.get("state_organs", {}).items() if not k.startswith("_")},
        state_military_words=f(w.lower() for w in terms.get("state_military_words", ())),
        lexicon=load_lexicon(source("lexicon.json")),
        max_role_words=max(len(r.split()) for r in roles),
    )
