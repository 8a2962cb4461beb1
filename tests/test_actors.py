"""Actor resolution: titles, short names, acronyms, spelling variants, state collectives, user dictionaries.

Most cases come twice: once with an actor of the curated dictionary (data/actors.json), once with an actor
the dictionary does not know, so the in-text resolution is exercised on its own.
"""
from __future__ import annotations

import json

import pytest

from conftest import triple
from graphkit.pipeline import load_pipeline


def actors(nlp, text: str) -> list[dict]:
    return list(nlp(text)._.graphkit_actors or [])


def by_name(nlp, text: str) -> dict[str, dict]:
    return {a["name"]: a for a in actors(nlp, text)}


def actor_with_alias(found: list[dict], alias: str) -> list[dict]:
    return [a for a in found if alias in a["aliases"]]


# --- titles dropped ---------------------------------------------------------------------------------

def test_brig_gen_title_is_dropped_from_a_known_person(nlp, triples):
    text = "Brig. Gen. Qassem Suleimani, the commander of the Quds Force, met Hadi al-Amiri in Baghdad."
    found = by_name(nlp, text)
    assert found["Qassem Suleimani"]["type"] == "PERSON"
    people = {n for n, a in found.items() if a["type"] == "PERSON"}
    assert people == {"Qassem Suleimani", "Hadi al-Amiri"}
    assert ("Qassem Suleimani", "commands", "Quds Force") in triples(nlp, text)


def test_maj_gen_title_is_dropped_and_makes_no_actor(nlp):
    text = "Maj. Gen. Qassem Suleimani, the commander of the Quds Force, met Hadi al-Amiri in Baghdad."
    names = set(by_name(nlp, text))
    assert "Qassem Suleimani" in names
    assert not any(n.split()[0].rstrip(".").lower() in {"maj", "gen", "brig"} for n in names), names


def test_brig_gen_title_is_dropped_from_an_unknown_person(nlp, triples):
    text = ("Brig. Gen. Farid Nasser, the commander of the Northern Front, told reporters on Monday "
            "that his fighters would not withdraw from the town.")
    found = by_name(nlp, text)
    assert found["Farid Nasser"]["type"] == "PERSON"
    assert ("Farid Nasser", "commands", "Northern Front") in triples(nlp, text)


def test_colonel_title_is_dropped(nlp, triples):
    text = "Colonel Farid Nasser leads the Northern Front, a militia that controls much of the province."
    assert ("Farid Nasser", "commands", "Northern Front") in triples(nlp, text)


# --- a later short name -----------------------------------------------------------------------------

def test_later_surname_resolves_to_the_full_name_of_a_known_person(nlp, triples):
    text = ("Maj. Gen. Qassem Suleimani, the commander of the Quds Force, met Hadi al-Amiri in Baghdad. "
            "Suleimani has long backed the Badr Organization.")
    found = actors(nlp, text)
    holders = actor_with_alias(found, "Suleimani")
    assert [a["name"] for a in holders] == ["Qassem Suleimani"]
    assert "Suleimani" not in {a["name"] for a in found}
    assert ("Qassem Suleimani", "supports", "Badr Organization") in triples(nlp, text)


def test_later_surname_resolves_to_the_full_name_of_an_unknown_person(nlp, triples):
    text = ("Colonel Farid Nasser leads the Northern Front, a militia that controls much of the province. "
            "On Tuesday, Nasser held talks with Hezbollah in Beirut.")
    found = actors(nlp, text)
    assert [a["name"] for a in actor_with_alias(found, "Nasser")] == ["Farid Nasser"]
    assert [a["name"] for a in found if a["type"] == "PERSON"] == ["Farid Nasser"]
    got = triples(nlp, text)
    assert ("Farid Nasser", "commands", "Northern Front") in got
    assert triple("Farid Nasser", "negotiated_with", "Hezbollah") in got


# --- an acronym defined in the text ---------------------------------------------------------------

def test_acronym_defined_in_text_resolves_to_the_long_name(nlp, triples):
    text = ("The Islamic Supreme Council of Iraq (ISCI) won seats in the election. "
            "Later, ISCI held talks with the Dawa Party.")
    found = actors(nlp, text)
    assert [a["name"] for a in actor_with_alias(found, "ISCI")] == ["Islamic Supreme Council of Iraq"]
    assert "ISCI" not in {a["name"] for a in found}
    assert triple("Islamic Supreme Council of Iraq", "negotiated_with", "Dawa Party") in triples(nlp, text)


def test_acronym_of_an_unknown_organization_resolves_to_the_long_name(nlp, triples):
    text = ("The Northern Liberation Front (NLF), a coalition of local militias, seized the town on Monday. "
            "The NLF later held talks with Hamas, according to officials.")
    found = actors(nlp, text)
    nlf = actor_with_alias(found, "NLF")
    assert [a["name"] for a in nlf] == ["Northern Liberation Front"]
    assert nlf[0]["type"] == "ORGANIZATION"
    assert "Northern Liberation Front" in nlf[0]["aliases"]
    assert triple("Northern Liberation Front", "negotiated_with", "Hamas") in triples(nlp, text)


# --- spelling variants ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, first, second, name", [
    pytest.param("Qassem Suleimani leads the Qods Force. Analysts say the Quds Force trains Shiite militias in Iraq.",
                 "Qods Force", "Quds Force", "Quds Force", id="qods-quds-known"),
    pytest.param("Muqtada al Sadr addressed supporters in Najaf. Later, al-Sadr held talks with Nouri al-Maliki.",
                 "Muqtada al Sadr", "al-Sadr", "Muqtada al-Sadr", id="al-sadr-known"),
    pytest.param("The Qods Brigade attacked the base. The Quds Brigade later held talks with Hamas.",
                 "Qods Brigade", "Quds Brigade", None, id="qods-quds-unknown"),
    pytest.param("Hashem al Qudsi spoke to reporters on Monday. Later, Hashim al-Qodsi held talks with Hamas.",
                 "Hashem al Qudsi", "Hashim al-Qodsi", None, id="al-hyphen-unknown"),
    pytest.param("Abu Fadak al Mohammedawi spoke to reporters. Later, Abu Fadak al-Mohammedawi held talks with Iran.",
                 "Abu Fadak al Mohammedawi", "Abu Fadak al-Mohammedawi", None, id="al-hyphen-unknown-2"),
])
def test_spelling_variants_are_one_actor(nlp, text, first, second, name):
    found = actors(nlp, text)
    a, b = actor_with_alias(found, first), actor_with_alias(found, second)
    assert len(a) == 1 and len(b) == 1, [(x["name"], x["aliases"]) for x in found]
    assert a[0]["id"] == b[0]["id"]
    if name is not None:
        assert a[0]["name"] == name


def test_spelling_variants_give_one_subject_in_triples(nlp, relations):
    text = "Qassem Suleimani leads the Qods Force. Analysts say the Quds Force trains Shiite militias in Iraq."
    rels = relations(nlp, text)
    assert ("Qassem Suleimani", "commands", "Quds Force") in {(r["subject"], r["relation"], r["object"]) for r in rels}
    assert {r["subject"] for r in rels if r["relation"] == "supports"} == {"Quds Force"}


# --- state collectives and named collectives --------------------------------------------------------

def test_iranian_officials_resolve_to_iran_in_a_triple(nlp, relations):
    rels = relations(nlp, "Iranian officials held talks with Hezbollah in Beirut.")
    talks = [r for r in rels if r["relation"] == "negotiated_with"]
    assert {triple(r["subject"], r["relation"], r["object"]) for r in talks} == {triple("Iran", "negotiated_with", "Hezbollah")}
    iran = talks[0]
    side = "subject" if iran["subject"] == "Iran" else "object"
    assert iran[f"{side}_type"] == "STATE"
    assert iran["evidence"][f"{side}_text"] == "Iranian officials"


def test_iranian_officials_as_a_supplier_resolve_to_iran(nlp, triples):
    assert ("Iran", "supplies_weapons_to", "Houthis") in triples(nlp, "Iranian officials supplied rockets to the Houthis.")


def test_iraqi_lawmakers_stay_a_group(nlp, relations):
    text = "Iraqi lawmakers held talks with the Kurdistan Democratic Party."
    found = by_name(nlp, text)
    assert found["Iraqi lawmakers"]["type"] == "GROUP"
    assert "Iraq" not in found
    rels = relations(nlp, text)
    assert triple("Iraqi lawmakers", "negotiated_with", "Kurdistan Democratic Party") in {
        triple(r["subject"], r["relation"], r["object"]) for r in rels}
    lawmakers = [r for r in rels if "Iraqi lawmakers" in (r["subject"], r["object"])]
    side = "subject" if lawmakers[0]["subject"] == "Iraqi lawmakers" else "object"
    assert lawmakers[0][f"{side}_type"] == "GROUP"


# --- a user dictionary ------------------------------------------------------------------------------

USER_ENTRY = {"name": "Northern Liberation Front", "type": "ORGANIZATION", "aliases": ["Jabhat al-Shamal"]}


@pytest.fixture(scope="module")
def nlp_with_user_dictionary(tmp_path_factory):
    """A second pipeline with a user dictionary (the only other load_pipeline call of the suite).

    load_pipeline caches the dictionary by the tuple of paths, so the file gets a fresh path per session.
    """
    path = tmp_path_factory.mktemp("dictionary") / "user_actors.json"
    path.write_text(json.dumps([USER_ENTRY]), encoding="utf-8")
    return load_pipeline(actor_files=[str(path)])


def test_user_dictionary_adds_an_alias(nlp_with_user_dictionary, triples):
    nlp = nlp_with_user_dictionary
    text = "Iran supplied rockets to Jabhat al-Shamal."
    found = actors(nlp, text)
    hits = actor_with_alias(found, "Jabhat al-Shamal")
    assert [(a["name"], a["type"]) for a in hits] == [("Northern Liberation Front", "ORGANIZATION")]
    assert ("Iran", "supplies_weapons_to", "Northern Liberation Front") in triples(nlp, text)


def test_user_dictionary_alias_is_unknown_without_the_file(nlp):
    found = actors(nlp, "Iran supplied rockets to Jabhat al-Shamal.")
    assert "Northern Liberation Front" not in {a["name"] for a in found}


def test_acronym_defined_in_text_beats_the_dictionary(nlp, triples):
    text = ("The Popular Resistance Council (PRC), a coalition of local militias, seized the town on Monday. "
            "The PRC later held talks with Hamas, according to officials.")
    got = triples(nlp, text)
    assert triple("Popular Resistance Council", "negotiated_with", "Hamas") in got
    assert not any("China" in (s, o) for s, _, o in got)


def test_user_dictionary_adds_to_the_curated_one(tmp_path):
    import json

    from graphkit.pipeline import load_pipeline

    path = tmp_path / "mine.json"
    path.write_text(json.dumps([{"name": "Northern Liberation Front", "type": "ORGANIZATION",
                                 "aliases": ["Jabhat al-Shamal"]}]))
    nlp = load_pipeline(actor_files=[str(path)])
    got = {(t["subject"], t["relation"], t["object"])
           for t in nlp("Tehran supplied rockets to Jabhat al-Shamal.")._.graphkit_relations}
    assert ("Iran", "supplies_weapons_to", "Northern Liberation Front") in got
