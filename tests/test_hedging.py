"""Hedging and negation scope: a cue covers the clause it governs, attribution is no hedge, refusals and
denials give no triple, accusations give a hedged one. Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import relations_of, triple


def hedged_of(nlp, text: str) -> dict:
    return {triple(r["subject"], r["relation"], r["object"]): r["hedged"] for r in relations_of(nlp, text)}


# (sentence, triple, hedged?)
CASES = [
    pytest.param("Syria allegedly shipped rockets to Hezbollah.",
                 ("Syria", "supplies_weapons_to", "Hezbollah"), True, id="allegedly"),
    pytest.param("Syria shipped rockets to Hezbollah.",
                 ("Syria", "supplies_weapons_to", "Hezbollah"), False, id="plain-near-miss"),
    pytest.param("Iran is believed to have supplied missiles to Hezbollah.",
                 ("Iran", "supplies_weapons_to", "Hezbollah"), True, id="believed-to"),
    pytest.param("Iran is suspected of supplying drones to Russia.",
                 ("Iran", "supplies_weapons_to", "Russia"), True, id="suspected-of"),
    pytest.param("Syria may have shipped rockets to Hezbollah.",
                 ("Syria", "supplies_weapons_to", "Hezbollah"), True, id="may-have"),
    pytest.param("Russia is said to have shipped rockets to Hezbollah.",
                 ("Russia", "supplies_weapons_to", "Hezbollah"), True, id="passive-said-to"),
    pytest.param("Putin said Russia would supply missiles to Venezuela.",
                 ("Russia", "supplies_weapons_to", "Venezuela"), False, id="attribution-not-hedge"),
    pytest.param("Russian President Vladimir Putin is believed to have met Kim Jong Un.",
                 ("Vladimir Putin", "commands", "Russia"), False, id="title-of-hedged-speaker"),
    pytest.param("Russian President Vladimir Putin is believed to have met Kim Jong Un.",
                 ("Vladimir Putin", "negotiated_with", "Kim Jong-un"), True, id="hedged-meeting"),
    pytest.param("Hezbollah leader Hassan Nasrallah is suspected of ordering the attack, officials said.",
                 ("Hassan Nasrallah", "commands", "Hezbollah"), False, id="title-never-hedged"),
    pytest.param("Iran is believed to have supplied missiles to Hezbollah, and Qatar held talks with Hamas.",
                 ("Hamas", "negotiated_with", "Qatar"), False, id="hedge-stops-at-coordinated-clause"),
    pytest.param("Israel accused Syria of supplying rockets to Hezbollah.",
                 ("Syria", "supplies_weapons_to", "Hezbollah"), True, id="accused-of"),
    pytest.param("The United States accuses Iran of arming the Houthis, which Tehran denies.",
                 ("Iran", "supplies_weapons_to", "Houthis"), True, id="accusation-denied"),
]


@pytest.mark.parametrize("text,expected,hedged", CASES)
def test_hedging(nlp, text, expected, hedged):
    got = hedged_of(nlp, text)
    assert triple(*expected) in got, got
    assert got[triple(*expected)] is hedged


NO_TRIPLE = [
    pytest.param("Syria denied arming Hezbollah.", ("Syria", "supplies_weapons_to", "Hezbollah"), id="denied"),
    pytest.param("Syria refused to meet Hezbollah.", ("Hezbollah", "negotiated_with", "Syria"), id="refused"),
    pytest.param("Hamas did not attack or fight Israel.", ("Hamas", "attacked", "Israel"), id="shared-negation"),
    pytest.param("The United States accuses Iran of arming the Houthis, which Tehran denies.",
                 ("United States", "supplies_weapons_to", "Houthis"), id="accuser-is-not-supplier"),
]


@pytest.mark.parametrize("text,absent", NO_TRIPLE)
def test_no_triple(nlp, text, absent):
    assert triple(*absent) not in hedged_of(nlp, text)


def test_negation_stops_at_coordinated_clause(nlp):
    got = hedged_of(nlp, "Hamas did not attack Israel but signed a ceasefire with Fatah.")
    assert triple("Hamas", "attacked", "Israel") not in got
    assert triple("Hamas", "negotiated_with", "Fatah") in got
