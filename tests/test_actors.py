"""Actor resolution: titles, short names, acronyms, spelling variants, state collectives, user dictionaries.

Most cases come twice: once with an actor of the curated dictionary (data/actors.json), once with an actor
the dictionary does not know, so the in-text resolution is exercised on its own.
"""
from __future__ import annotations

import json

import pytest

from conftest import triple
from graphkit.nlp.pipeline import load_pipeline


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

    from graphkit.nlp.pipeline import load_pipeline

    path = tmp_path / "mine.json"
    path.write_text(json.dumps([{"name": "Northern Liberation Front", "type": "ORGANIZATION",
                                 "aliases": ["Jabhat al-Shamal"]}]))
    nlp = load_pipeline(actor_files=[str(path)])
    got = {(t["subject"], t["relation"], t["object"])
           for t in nlp("Tehran supplied rockets to Jabhat al-Shamal.")._.graphkit_relations}
    assert ("Iran", "supplies_weapons_to", "Northern Liberation Front") in got


# --- a state's organs: whose government, army, coalition ------------------------------------------

def _names_in_triples(nlp, text: str) -> set[str]:
    return {n for t in nlp(text)._.graphkit_relations for n in (t["subject"], t["object"])}


def test_government_named_by_a_possessive_state_is_that_state(nlp, triples, key):
    text = "Chad's government signed a ceasefire with Boko Haram."
    assert key("Chad", "negotiated_with", "Boko Haram") in triples(nlp, text)


def test_government_of_a_state_is_that_state(nlp, triples, key):
    text = "Qatar mediated between the government of Sudan and the Justice and Equality Movement."
    got = triples(nlp, text)
    assert key("Qatar", "negotiated_with", "Sudan") in got
    assert not {n for t in got for n in (t[0], t[2])} & {"government"}


def test_government_of_a_prime_minister_the_article_places(nlp, triples):
    text = ("Iraqi Prime Minister Haidar al-Abadi spoke on Monday. Tehran says it backs the government of "
            "Prime Minister Haidar al-Abadi.")
    assert ("Iran", "supports", "Iraq") in triples(nlp, text)


def test_possessive_army_is_named_after_its_state(nlp, triples):
    text = "Russia has supplied weapons to Niger's army, including combat helicopters."
    assert ("Russia", "supplies_weapons_to", "Niger army") in triples(nlp, text)


def test_possessive_army_known_to_the_dictionary_is_its_entry(nlp, triples):
    # "Sudanese army" is an alias of the Sudanese Armed Forces in data/actors.json
    text = "Egypt backs Sudan's army in its war with the Rapid Support Forces."
    assert ("Egypt", "supports", "Sudanese Armed Forces") in triples(nlp, text)


def test_bare_army_takes_the_owner_named_before(nlp, triples):
    text = ("Chad's army pushed north on Monday. Later the army clashed with fighters of the "
            "Front for Change and Concord near the border.")
    names = _names_in_triples(nlp, text)
    assert "army" not in names
    assert any(n.startswith("Chad") for n in names), names


def test_bare_army_takes_the_dateline_state(nlp, triples):
    text = "BAMAKO, May 2024 - The army attacked JNIM positions near Mopti on Sunday."
    assert ("Malian Armed Forces", "attacked", "JNIM") in triples(nlp, text)


def test_bare_government_without_an_owner_is_no_actor(nlp, triples):
    # two states, no dateline, no owner: "the government" could be either, so it is nobody
    text = "Qatar and Turkey held talks on Monday. Hamas said it backs the government."
    found = by_name(nlp, text)
    assert "government" not in found
    assert not any(t[2] == "government" or t[0] == "government" for t in triples(nlp, text))
    assert not any(t[1] == "supports" for t in triples(nlp, text))


def test_bare_coalition_without_an_owner_is_no_actor(nlp, triples):
    text = "The coalition attacked Houthi positions near Hodeidah."
    assert "coalition" not in by_name(nlp, text)
    assert triples(nlp, text) == set() or not any("coalition" in (t[0], t[2]) for t in triples(nlp, text))


def test_two_states_in_one_article_keep_their_own_armies(nlp, triples):
    text = ("Chad's army and Niger's army met in N'Djamena. Egypt backs Sudan's army. "
            "Later the army attacked the Rapid Support Forces in Darfur.")
    got = triples(nlp, text)
    # the last army named is Sudan's, not Chad's or Niger's
    assert ("Sudanese Armed Forces", "attacked", "Rapid Support Forces") in got
    assert not any(t[0].startswith(("Chad", "Niger")) and t[1] == "attacked" for t in got)


def test_led_coalition_stays_named_and_its_leader_commands_it(nlp, triples):
    text = ("The conflict between the Houthis and the Saudi-led coalition began in 2015. "
            "Coalition aircraft later bombed Houthi positions, and the coalition said it hit a depot.")
    got = triples(nlp, text)
    assert ("Saudi Arabia", "commands", "Saudi-led coalition") in got
    assert ("Houthis", "rival_of", "Saudi-led coalition") in got
    assert "coalition" not in by_name(nlp, text)


def test_generic_organs_do_not_merge_across_articles(nlp):
    iraq = "BAGHDAD, July 2008 - Tehran says it backs the elected government of Prime Minister Nouri al-Maliki."
    mali = "BAMAKO, July 2025 - The government, led by Assimi Goita since 2021, hired the Wagner Group."
    ids = [{a["id"] for a in actors(nlp, t)} for t in (iraq, mali)]
    assert "government" not in ids[0] | ids[1]
    assert "iraq" in ids[0] and "mali" in ids[1]
