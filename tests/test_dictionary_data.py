"""The curated actor dictionary (graphkit/model/data/actors.json): well formed, one entry per name."""
from __future__ import annotations

import json

import pytest

from graphkit.model.dictionary import VALID_TYPES, ActorDictionary
from graphkit.model.names import loose_key, name_key
from graphkit.model.schema import DATA_DIR

ENTRIES = json.loads((DATA_DIR / "actors.json").read_text(encoding="utf-8"))


def test_entries_are_well_formed():
    for e in ENTRIES:
        assert set(e) <= {"name", "type", "aliases", "demonyms"}, e["name"]
        assert e["type"] in VALID_TYPES, e["name"]
        assert e["name"] == e["name"].strip() and e["name"], e
        assert all(isinstance(a, str) and a.strip() == a and a for a in e.get("aliases", [])), e["name"]
        assert not e.get("demonyms") or e["type"] == "STATE", e["name"]


def test_no_name_or_alias_belongs_to_two_entries():
    owner: dict[str, str] = {}
    clashes = []
    for e in ENTRIES:
        for alias in (e["name"], *e.get("aliases", [])):
            for key in {name_key(alias), loose_key(alias)}:
                if key and owner.setdefault(key, e["name"]) != e["name"]:
                    clashes.append((alias, owner[key], e["name"]))
    assert not clashes


@pytest.mark.parametrize("surface, name", [
    ("Tehran", "Iran"), ("USSR", "Soviet Union"), ("Pakistani army", "Pakistan Army"), ("MNJTF", "Multinational Joint Task Force"),
    ("Kofi Annan", "Kofi Annan"), ("El Chapo", "Joaquín Guzmán"), ("Iván Mordisco", "Néstor Gregorio Vera Fernández"),
    ("Sinn Fein", "Sinn Féin"), ("SLA", "Sudan Liberation Movement"), ("Prachanda", "Pushpa Kamal Dahal"),
])
def test_widely_known_names_resolve(surface, name):
    assert ActorDictionary(ENTRIES).lookup(surface).name == name


def test_capitals_and_demonyms_stand_for_their_state():
    d = ActorDictionary(ENTRIES)
    assert d.state_for_demonym("Soviet").name == "Soviet Union"
    assert d.lookup("Skopje").name == "North Macedonia"
