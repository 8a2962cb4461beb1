"""Actors that used to go unfound: a state's forces, coordinated demonyms, and their near misses.

Rule (data/actor_terms.json ``state_forces``): '<demonym> troops/forces/soldiers/military' is one actor, the
state's forces, named as the text writes it ('U.S. forces' preferred over 'U.S. troops'); the dictionary's
army of the state is used when the text names it, and absorbs the forces when both are written.
"""
from __future__ import annotations

from graphkit.nlp.pipeline import SPAN_KEY


def actors_named(nlp, text: str) -> dict[str, str]:
    """Mention text -> resolved actor name."""
    doc = nlp(text)
    names = {a["id"]: a["name"] for a in doc._.graphkit_actors}
    return {s.text: names[s.kb_id_] for s in doc.spans[SPAN_KEY]}


def test_state_forces_are_one_actor(nlp):
    got = actors_named(nlp, "American troops and U.S. forces stormed a camp of the Lord's Resistance Army.")
    assert got["American troops"] == got["U.S. forces"] == "U.S. forces"


def test_state_forces_near_miss_officials_stay_the_state(nlp):
    got = actors_named(nlp, "Chadian officials met the rebels in N'Djamena.")
    assert got["Chadian officials"] == "Chad"


def test_government_forces_are_the_state(nlp):
    got = actors_named(nlp, "Ethiopian government forces shelled the Tigrayan positions.")
    assert got["Ethiopian government forces"] == "Ethiopia"


def test_two_word_demonym_forces(nlp, triples):
    got = triples(nlp, "Several hundred North Korean soldiers fought Ukrainian forces in the Kursk region.")
    assert ("North Korean soldiers", "rival_of", "Ukrainian forces") in got, got


def test_dictionary_army_absorbs_the_forces(nlp):
    got = actors_named(nlp, "Pakistani troops crossed the border. Later Pakistan's army denied it.")
    assert got["Pakistani troops"] == got["Pakistan's army"] == "Pakistan Army"


def test_coordinated_forces_are_two_actors(nlp, triples):
    got = triples(nlp, "U.S. and Afghan troops ambushed Taliban fighters near Kandahar.")
    assert ("U.S. troops", "attacked", "Taliban") in got, got
    assert ("Afghan troops", "attacked", "Taliban") in got, got


def test_coordinated_demonyms_before_officials_are_two_states(nlp, triples):
    got = triples(nlp, "Hamas negotiators met Egyptian and Qatari officials in Doha.")
    assert ("Egypt", "negotiated_with", "Hamas") in got, got
    assert ("Hamas", "negotiated_with", "Qatar") in got, got


def test_coordination_near_miss_non_states_are_not_split(nlp):
    got = actors_named(nlp, "Sunni and Shiite militants clashed in Baghdad.")
    assert "Sunni" not in got


def test_known_name_glued_to_an_of_phrase_is_two_actors(nlp):
    got = actors_named(nlp, "The Rapid Support Forces of Sudan shelled a camp near El Fasher.")
    assert got.get("Rapid Support Forces") == "Rapid Support Forces", got
    assert got.get("Sudan") == "Sudan", got


def test_of_phrase_near_miss_a_name_ending_in_a_state_stays_whole(nlp):
    got = actors_named(nlp, "The Democratic Forces for the Liberation of Rwanda (FDLR) raided a village in Masisi.")
    assert "Rwanda" not in got, got
    assert got["FDLR"] == got["Democratic Forces for the Liberation of Rwanda"]


def test_demonym_advisers_are_their_state(nlp, triples):
    got = triples(nlp, "Turkish advisers trained Libyan crews to operate the drones.")
    assert ("Turkey", "supports", "Libya") in got, got


def test_advisers_near_miss_without_a_state_are_no_actor(nlp):
    got = actors_named(nlp, "Foreign advisers trained the crews at an airbase near Misrata.")
    assert not any(name in ("crews", "Foreign advisers") for name in got.values()), got
