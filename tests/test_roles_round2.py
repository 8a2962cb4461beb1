"""Titles, roles, possessives and of-phrases, second round: membership and command stated by a title.

One sentence per construction that must give a triple, and a near miss that must give none (with a check
that its actors were found, so the absence is down to the pattern). All sentences are written for these tests.
"""
from __future__ import annotations

import pytest

from conftest import actor_names, triple


POSITIVE = [
    # a head-of-state title whose state is not written beside it
    pytest.param("KABUL, Afghanistan (Reuters) - Interim President Ashraf Ghani promised a fair vote on Monday.",
                 ("Ashraf Ghani", "commands", "Afghanistan"), id="title-dateline-state"),
    pytest.param("Talks opened between Israel's opposition parties and the Prime Minister, Ehud Olmert.",
                 ("Ehud Olmert", "commands", "Israel"), id="title-appos-paragraph-state"),
    pytest.param("ISLAMABAD (Reuters) - Prime Minister Nawaz Sharif's government rejected the claim.",
                 ("Nawaz Sharif", "commands", "Pakistan"), id="title-possessor-of-government"),
    pytest.param("Interim President Ashraf Ghani of Afghanistan visited Herat.",
                 ("Ashraf Ghani", "commands", "Afghanistan"), id="title-of-state-on-name"),
    pytest.param("Kim Il Sung, who became North Korea's leader in 1948, died in 1994.",
                 ("Kim Il Sung", "commands", "North Korea"), id="became-possessive-leader"),
    # multi-word titles
    pytest.param("Luftwaffe Commander-in-Chief Erhard Milch visited Berlin.",
                 ("Erhard Milch", "commands", "Luftwaffe"), id="hyphenated-title"),
    pytest.param("US Deputy Secretary of State John Negroponte arrived in Islamabad.",
                 ("John Negroponte", "member_of", "United States"), id="secretary-of-state"),
    # membership by possessive and of-phrase
    pytest.param("Pakistan's Inter-Services Intelligence backed the Haqqani network.",
                 ("Inter-Services Intelligence", "member_of", "Pakistan"), id="state-agency-possessive"),
    pytest.param("The Quds Force of the Islamic Revolutionary Guard Corps trained the militia.",
                 ("Quds Force", "member_of", "Islamic Revolutionary Guard Corps"), id="organisation-of-organisation"),
    # possessive rival with the name after a comma
    pytest.param("After President Bush and his rival, Senator John Edwards, clashed, analysts said little.",
                 ("George W. Bush", "rival_of", "John Edwards"), id="his-rival-comma-name"),
]

NEAR_MISSES = [
    pytest.param("Prime Minister Nawaz Sharif's government rejected the claim by India.",
                 ("Nawaz Sharif", "commands", "India"), {"Nawaz Sharif", "India"}, id="state-dealt-with-is-not-his"),
    pytest.param("President Thabo Mbeki urged Ivory Coast's neighbours to enforce the embargo.",
                 ("Thabo Mbeki", "commands", "Ivory Coast"), {"Thabo Mbeki", "Ivory Coast"}, id="state-after-title"),
    pytest.param("KABUL, Afghanistan (Reuters) - The club president Florentino Perez arrived on Monday.",
                 ("Florentino Perez", "commands", "Afghanistan"), {"Florentino Perez"}, id="club-president"),
    pytest.param("Iran's ally Hezbollah fired rockets.",
                 ("Hezbollah", "member_of", "Iran"), {"Iran", "Hezbollah"}, id="ally-is-no-member"),
    pytest.param("Lebanon's Hezbollah fired rockets.",
                 ("Hezbollah", "member_of", "Lebanon"), {"Lebanon", "Hezbollah"}, id="possessive-non-agency"),
    pytest.param("The company and its rival, Dell, cut prices on Monday.",
                 ("Dell", "rival_of", "company"), set(), id="rival-company"),
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_construction_gives_triple(nlp, triples, text, expected):
    assert triple(*expected) in triples(nlp, text)


@pytest.mark.parametrize("text,forbidden,actors", NEAR_MISSES)
def test_near_miss_gives_no_triple(nlp, triples, text, forbidden, actors):
    assert actors <= actor_names(nlp, text)
    assert triple(*forbidden) not in triples(nlp, text)
