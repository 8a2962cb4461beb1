"""Relations stated by events, round 2: meetings, attacks through people and things, reciprocal and
casualty events, supplies through arriving or used weapons, received delegations.

Each construction has a sentence written for these tests that must give the triple, and near misses
(an asked-for meeting, a cancelled meeting, a condemned strike, a place naming an attack) that must not.
Symmetric relations are compared order-free (see ``conftest.triple``).
"""
from __future__ import annotations

import pytest

from conftest import triple

POSITIVE = [
    # meetings
    pytest.param("Hassan Nasrallah met in Damascus with Bashar al-Assad.",
                 ("Hassan Nasrallah", "negotiated_with", "Bashar al-Assad"), id="met-in-place-with"),
    pytest.param("Egyptian intelligence chief Abbas Kamel received a Hamas delegation headed by Ismail Haniyeh.",
                 ("Abbas Kamel", "negotiated_with", "Ismail Haniyeh"), id="received-delegation-headed-by"),
    pytest.param("Egyptian intelligence chief Abbas Kamel received a Hamas delegation headed by Ismail Haniyeh.",
                 ("Abbas Kamel", "negotiated_with", "Hamas"), id="received-delegation-of-group"),
    pytest.param("Norwegian mediators met separately with Sri Lankan envoys in Oslo.",
                 ("Norway", "negotiated_with", "Sri Lanka"), id="demonym-envoys-speak-for-state"),
    # attack targets through things and attackers through their nouns
    pytest.param("Pakistani jets struck what Islamabad described as hideouts of the Tehrik-e-Taliban Pakistan.",
                 ("Pakistan", "attacked", "Tehrik-i-Taliban Pakistan"), id="struck-what-described-as"),
    pytest.param("Ismail Haniyeh died in an Israeli airstrike in July.",
                 ("Israel", "attacked", "Ismail Haniyeh"), id="died-in-demonym-airstrike"),
    pytest.param("A Taliban suicide bomber killed Ahmad Shah Massoud.",
                 ("Taliban", "attacked", "Ahmad Shah Massoud"), id="group-bomber-killed"),
    pytest.param("The Islamic State has been the target of a Kurdish Peshmerga offensive in the Sinjar mountains.",
                 ("Peshmerga", "attacked", "Islamic State"), id="target-of-offensive"),
    pytest.param("Hezbollah, the target of Israeli strikes for years, rebuilt its arsenal.",
                 ("Israel", "attacked", "Hezbollah"), id="apposed-target-of-strikes"),
    pytest.param("The Nigerian army unleashed an offensive against Boko Haram in Borno.",
                 ("Nigerian Army", "attacked", "Boko Haram"), id="unleashed-offensive-light-verb"),
    pytest.param("Israel stepped up its strikes on Hezbollah.", ("Israel", "attacked", "Hezbollah"),
                 id="stepped-up-strikes-light-verb"),
    # conflict
    pytest.param("India and Pakistan, longtime rivals, traded artillery strikes across the border.",
                 ("India", "attacked", "Pakistan"), id="traded-strikes-one-way"),
    pytest.param("India and Pakistan, longtime rivals, traded artillery strikes across the border.",
                 ("Pakistan", "attacked", "India"), id="traded-strikes-other-way"),
    pytest.param("Israel and Iran, old enemies, traded direct missile strikes twice in 2019.",
                 ("Iran", "attacked", "Israel"), id="traded-strikes-misparsed-as-clause"),
    pytest.param("The Popular Mobilization Forces, a coalition of militias fighting the Islamic State, entered Tikrit.",
                 ("Popular Mobilization Forces", "rival_of", "Islamic State"), id="coalition-of-militias-fighting"),
    pytest.param("India and Pakistan exchanged fire along the Line of Control.",
                 ("India", "rival_of", "Pakistan"), id="exchanged-fire-rivals"),
    pytest.param("Three Indian soldiers were killed in clashes with the Maoists.",
                 ("Communist Party of India (Maoist)", "attacked", "Indian soldiers"), id="killed-in-clashes-with"),
    pytest.param("Sadr's uprising against U.S. and Iraqi troops ended in 2004.",
                 ("Muqtada al-Sadr", "rival_of", "U.S. troops"), id="possessor-uprising-against"),
    pytest.param("Elders urged Ahmad Shah Massoud to end his rebellion against the Taliban.",
                 ("Ahmad Shah Massoud", "rival_of", "Taliban"), id="asked-to-end-rebellion-still-rivals"),
    pytest.param("Beltran said the deal would hold, because the FARC is also at war with rival armed groups, chiefly "
                 "the Ejército Popular de Liberación (EPL) and the Clan del Golfo.",
                 ("FARC", "rival_of", "Clan del Golfo"), id="war-with-general-noun-chiefly-list"),
    pytest.param("Hezbollah is fighting several rebel groups, notably Jabhat al-Nusra and the Islamic State.",
                 ("Hezbollah", "rival_of", "Islamic State"), id="fighting-general-noun-notably-list"),
    pytest.param("The rebels, routing the Malian army and its allies, took Kidal.",
                 ("rebels", "attacked", "Malian Armed Forces"), id="routing-participle"),
    pytest.param("The Taliban vowed to defeat the Islamic State.", ("Taliban", "rival_of", "Islamic State"),
                 id="vowed-to-defeat"),
    # supply
    pytest.param("Iranian-supplied rockets used by the Houthis struck Riyadh.",
                 ("Iran", "supplies_weapons_to", "Houthis"), id="supplied-weapons-used-by"),
    pytest.param("Investigators saw Syrian Army officers handing rockets to Hezbollah and to the Houthis.",
                 ("Syrian Arab Army", "supplies_weapons_to", "Houthis"), id="officers-handing-to-coordinated"),
    pytest.param("Iranian-supplied rockets and mortar rounds were used by Hezbollah fighters against Israeli troops.",
                 ("Hezbollah", "attacked", "Israeli troops"), id="weapons-used-against"),
    pytest.param("Iranian weapons flowed to Hezbollah's fighters.",
                 ("Iran", "supplies_weapons_to", "Hezbollah"), id="demonym-weapons-flowed-to"),
]

NEAR_MISSES = [
    pytest.param("Qatar urged Hamas to meet Israel.", ("Hamas", "negotiated_with", "Israel"), id="urged-to-meet"),
    pytest.param("Iran refused to meet the Taliban.", ("Iran", "negotiated_with", "Taliban"), id="refused-to-meet"),
    pytest.param("The meeting between Hamas and Fatah was cancelled.", ("Hamas", "negotiated_with", "Fatah"),
                 id="meeting-cancelled"),
    pytest.param("Qatar called off the talks with the Taliban.", ("Qatar", "negotiated_with", "Taliban"),
                 id="talks-called-off"),
    pytest.param("Egypt condemned the strikes on Hezbollah.", ("Egypt", "attacked", "Hezbollah"),
                 id="condemned-strikes"),
    pytest.param("Hezbollah condemned several rebel groups, notably Jabhat al-Nusra and the Islamic State.",
                 ("Hezbollah", "rival_of", "Islamic State"), id="condemned-listed-groups"),
    pytest.param("Brazil defeated Argentina 3-1 in the World Cup.", ("Brazil", "rival_of", "Argentina"),
                 id="sports-defeat"),
    pytest.param("Hezbollah has been the target of criticism by Lebanon's Christian parties.",
                 ("Lebanon", "attacked", "Hezbollah"), id="target-of-criticism"),
    pytest.param("Hassan Nasrallah sent hundreds of his fighters to Syria.",
                 ("Hassan Nasrallah", "supplies_weapons_to", "Syria"), id="fighters-are-no-weapons"),
    pytest.param("Two US soldiers were killed in a Baghdad rocket attack.",
                 ("Iraq", "attacked", "US soldiers"), id="place-names-no-attacker"),
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_event_gives_triple(nlp, triples, text, expected):
    assert triple(*expected) in triples(nlp, text)


@pytest.mark.parametrize("text,unexpected", NEAR_MISSES)
def test_near_miss_gives_no_triple(nlp, triples, text, unexpected):
    assert triple(*unexpected) not in triples(nlp, text)


def test_sent_fighters_still_commanded(nlp, triples):
    """Sending one's own fighters commands them; it supplies nobody."""
    got = triples(nlp, "Hassan Nasrallah sent hundreds of his fighters to Syria.")
    assert triple("Hassan Nasrallah", "commands", "Nasrallah's fighters") in got
