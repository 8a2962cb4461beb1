"""Titles, roles and bodies, third round: command and membership stated around a name.

One sentence per construction that must give a triple, and a near miss that must give none (with a check
that its actors were found, so the absence is down to the pattern). All sentences are written for these tests.
"""
from __future__ import annotations

import pytest

from conftest import actor_names, relations_of, triple


POSITIVE = [
    # the owner of a role in a relative clause
    pytest.param("The Hezbollah, whose spokesman Ali Hassan says the fighting will go on, rejected the plan.",
                 ("Ali Hassan", "member_of", "Hezbollah"), id="whose-role-name"),
    pytest.param("A Hezbollah commander named Ali Hassan was killed in the raid.",
                 ("Ali Hassan", "member_of", "Hezbollah"), id="role-named-name"),
    pytest.param("Ali Hassan, a senior figure in Hezbollah, was killed in the raid.",
                 ("Ali Hassan", "member_of", "Hezbollah"), id="figure-in-body"),
    pytest.param("Abbas met his Hamas counterpart, Ismail Haniyeh, in Cairo.",
                 ("Ismail Haniyeh", "member_of", "Hamas"), id="body-counterpart"),
    # "X of Y" between two names
    pytest.param("Ministers Sergei Lavrov of Russia and Wang Yi of China met in Beijing.",
                 ("Wang Yi", "member_of", "China"), id="person-of-state"),
    pytest.param("The Mahdi Army (JAM) of Moqtada al-Sadr clashed with police in Najaf.",
                 ("Muqtada al-Sadr", "commands", "Mahdi Army"), id="force-of-person-past-acronym"),
    # states that make up a force
    pytest.param("The African Union Mission in Sudan (AMIS), which replaced an earlier force, fields troops "
                 "from Rwanda, Nigeria and Senegal.", ("Senegal", "member_of", "African Union Mission in Sudan"),
                 id="fields-troops-from"),
    pytest.param("The Economic Community of West African States Monitoring Group (ECOMOG), based in Freetown and "
                 "made up of units from Ghana, Guinea and Mali, was set up in 1990.",
                 ("Ghana", "member_of", "Economic Community of West African States Monitoring Group"),
                 id="made-up-of-units-from"),
    # a delegation's head is a member of the body that sends it
    pytest.param("Ahmed Salem led the Hamas delegation in Cairo.",
                 ("Ahmed Salem", "member_of", "Hamas"), id="led-the-delegation"),
    pytest.param("Talks resumed in Cairo with Fatah delegations headed by Jibril Rajoub, the movement's veteran "
                 "security chief.", ("Jibril Rajoub", "member_of", "Fatah"), id="delegations-headed-by"),
    # a by-participle the parse hung on a farther noun
    pytest.param("Rebels marched on Tripoli, seat of the UN-recognised Government of National Accord (GNA) headed "
                 "by Prime Minister Fayez al-Sarraj.", ("Fayez al-Sarraj", "commands", "Government of National Accord"),
                 id="headed-by-after-acronym"),
    pytest.param("The LRA is the armed wing of the Union des Patriotes Congolais (UPC), a coalition led by Thomas "
                 "Lubanga, a former teacher.", ("Thomas Lubanga", "commands", "Union des Patriotes Congolais"),
                 id="comma-coalition-led-by"),
    # a role reached through 'as'
    pytest.param("Kim Il Sung grew rich during his long years as North Korea's leader.",
                 ("Kim Il Sung", "commands", "North Korea"), id="years-as-leader"),
    # a bare body noun before the role
    pytest.param("The SNP was last night reconsidering its boycott after party leader Alex Salmond apologised.",
                 ("Alex Salmond", "commands", "SNP"), id="party-leader"),
    pytest.param("The Chinese delegation was led by Wang Yi, an aide to President Xi Jinping.",
                 ("Wang Yi", "member_of", "China"), id="state-delegation-led-by"),
    pytest.param("A high-level Fatah delegation led by Chairman Yasser Arafat held talks in Cairo.",
                 ("Yasser Arafat", "commands", "Fatah"), id="delegation-led-by-its-chairman"),
    # a role an appointment verb puts someone in
    pytest.param("Hamas named Yahya Sinwar its new leader.", ("Yahya Sinwar", "commands", "Hamas"),
                 id="named-x-its-leader"),
    pytest.param("Abubakar Shekau, who was named Boko Haram's leader in 2010, died in 2021.",
                 ("Abubakar Shekau", "commands", "Boko Haram"), id="who-was-named-leader"),
    # at the head / helm of a body
    pytest.param("Yahya Sinwar remained at the helm of Hamas until 2024.", ("Yahya Sinwar", "commands", "Hamas"),
                 id="at-the-helm-of"),
    pytest.param("Mohammed Yusuf, who appeared in a video as the founder's heir at the head of Boko Haram, spoke.",
                 ("Mohammed Yusuf", "commands", "Boko Haram"), id="as-heir-at-the-head-of"),
    # troops sent to help: support
    pytest.param("Rwanda has deployed thousands of troops to shore up the Ugandan army.",
                 ("Rwanda", "supports", "Ugandan army"), id="deployed-to-shore-up"),
    pytest.param("Iran sent advisers to help Assad.", ("Iran", "supports", "Bashar al-Assad"), id="sent-to-help"),
    # support nouns
    pytest.param("Syrian backing for Hezbollah grew during the war.", ("Syria", "supports", "Hezbollah"),
                 id="demonym-backing-for"),
    pytest.param("Moscow provided military assistance to Damascus.", ("Russia", "supports", "Syria"),
                 id="assistance-to"),
    # sheltering a group is support
    pytest.param("Syria has long harboured Hamas leaders.", ("Syria", "supports", "Hamas"), id="harbour"),
]

NEAR_MISSES = [
    pytest.param("Karzai met his Pakistani counterpart, Pervez Musharraf, in Kabul.",
                 ("Pervez Musharraf", "member_of", "Pakistan"), {"Pervez Musharraf", "Pakistan"},
                 id="state-counterpart-is-a-peer"),
    pytest.param("President Idriss Deby of Chad arrived in Paris.",
                 ("Idriss Deby", "member_of", "Chad"), {"Idriss Deby", "Chad"}, id="titled-head-of-state"),
    pytest.param("Roger Federer of Switzerland beat Andy Roddick of the United States.",
                 ("Roger Federer", "member_of", "Switzerland"), {"Roger Federer", "Switzerland"},
                 id="athlete-of-a-country"),
    pytest.param("Veteran defensive tackle Michael Strahan of the New York Giants will miss the season.",
                 ("Michael Strahan", "member_of", "New York Giants"), {"Michael Strahan", "New York Giants"},
                 id="player-of-a-team"),
    pytest.param("Fidelity Investments cut charges on its Global Savings Plan last week.",
                 ("Global Savings Plan", "member_of", "Fidelity Investments"),
                 {"Fidelity Investments", "Global Savings Plan"}, id="its-product-is-no-member"),
    pytest.param("Al-Shabaab, al-Qaeda's affiliate in East Africa, struck again.",
                 ("al-Shabaab", "member_of", "East Africa"), {"al-Shabaab"}, id="affiliate-in-a-region"),
    pytest.param("NATO evacuated troops from Afghanistan and Germany.",
                 ("Germany", "member_of", "NATO"), {"NATO", "Germany"}, id="troops-moved-from"),
    pytest.param("Ahmed Salem led the Hamas delegation in Cairo.",
                 ("Ahmed Salem", "commands", "Hamas"), {"Ahmed Salem", "Hamas"}, id="delegation-head-is-no-leader"),
    pytest.param("The Chinese delegation was led by Wang Yi, an aide to President Xi Jinping.",
                 ("Wang Yi", "commands", "China"), {"Wang Yi", "China"}, id="state-delegation-head-is-no-ruler"),
    pytest.param("Qatar helped broker the deal between Hamas and Israel.", ("Qatar", "supports", "Hamas"),
                 {"Qatar", "Hamas"}, id="helped-broker-is-mediation"),
    pytest.param("Egyptian support for the talks grew.", ("Egypt", "supports", "talks"), {"Egypt"},
                 id="support-for-no-actor"),
    pytest.param("Egypt hosted the talks. Bashir stood behind the podium.",
                 ("Egypt", "supports", "Omar al-Bashir"), {"Egypt", "Omar al-Bashir"}, id="stood-behind-a-thing"),
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_construction_gives_triple(nlp, triples, text, expected):
    assert triple(*expected) in triples(nlp, text)


@pytest.mark.parametrize("text,forbidden,actors", NEAR_MISSES)
def test_near_miss_gives_no_triple(nlp, triples, text, forbidden, actors):
    assert actors <= actor_names(nlp, text)
    assert triple(*forbidden) not in triples(nlp, text)


def test_party_leader_needs_a_party_named_before(nlp):
    """'party leader X' with no organisation named before it gives no command."""
    rels = relations_of(nlp, "The minister met party leader Alex Salmond on Monday.")
    assert not [r for r in rels if r["relation"] == "commands"]
    assert "Alex Salmond" in actor_names(nlp, "The minister met party leader Alex Salmond on Monday.")


def test_years_as_something_else_gives_nothing(nlp):
    assert not relations_of(nlp, "Kim Il Sung spent his years as a student in Paris.")

