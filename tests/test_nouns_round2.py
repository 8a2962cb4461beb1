"""Role nouns, event nouns and participles, second round: both actors named in one sentence.

One sentence per construction that must give a triple, and a near miss that must give none (with a check
that its actors were found, so the absence is down to the pattern). All sentences are written for these tests.
"""
from __future__ import annotations

import pytest

from conftest import actor_names, triple


POSITIVE = [
    # a demonym (one or two words) and a leadership noun before a name
    pytest.param("Speaking in Pyongyang, North Korean leader Kim Jong Un inspected a missile factory.",
                 ("Kim Jong-un", "commands", "North Korea"), id="two-word-demonym-leader"),
    pytest.param("South African President Cyril Ramaphosa landed in Abuja.",
                 ("Cyril Ramaphosa", "commands", "South Africa"), id="two-word-demonym-president"),
    pytest.param("The former Chadian president Idriss Deby was buried.",
                 ("Idriss Deby", "commands", "Chad"), id="former-title-counts"),
    pytest.param("The Iraqi defence minister Thabit al-Abbasi visited Basra.",
                 ("Thabit al-Abbasi", "member_of", "Iraq"), id="demonym-minister-member"),
    pytest.param("The Kurdistan Workers' Party said on Sunday that its spokesman Zagros Hiwa had been detained.",
                 ("Zagros Hiwa", "member_of", "PKK"), id="pronoun-possessor-spokesman"),
    # one of many commanders is a member; a former head still led
    pytest.param("Ali Hassan, a commander of the Northern Front, was captured.",
                 ("Ali Hassan", "member_of", "Northern Front"), id="a-commander-of-is-member"),
    pytest.param("Ahmad Jaber, a former commander of the Northern Front, was released.",
                 ("Ahmad Jaber", "commands", "Northern Front"), id="a-former-commander-of"),
    # coordinated demonyms as the two sides
    pytest.param("Ukrainian and Russian delegations held talks in Riyadh.",
                 ("Ukraine", "negotiated_with", "Russia"), id="coordinated-demonym-sides"),
    # talks as the purpose of a journey or of hosting
    pytest.param("A Houthi delegation flew to Muscat for talks with Saudi Arabia.",
                 ("Houthis", "negotiated_with", "Saudi Arabia"), id="travelled-for-talks-with"),
    pytest.param("Oman hosted talks between Iran and the United States.",
                 ("Oman", "negotiated_with", "Iran"), id="host-of-talks-between"),
    pytest.param("Egypt hosted Hamas and Fatah for reconciliation talks.",
                 ("Hamas", "negotiated_with", "Fatah"), id="hosted-two-for-talks"),
    pytest.param("Egypt hosted Hamas and Fatah for reconciliation talks.",
                 ("Egypt", "negotiated_with", "Fatah"), id="hosted-two-for-talks-mediator"),
    pytest.param("The foreign ministers of Armenia and Azerbaijan held talks in Geneva.",
                 ("Armenia", "negotiated_with", "Azerbaijan"), id="ministers-of-two-states"),
    pytest.param("Israel and Hamas agreed a prisoner swap.",
                 ("Israel", "negotiated_with", "Hamas"), id="agreed-swap"),
    # membership and support through participles, with-phrases, copulas
    pytest.param("The Hamas-affiliated Al-Aqsa Martyrs Brigades claimed the attack.",
                 ("Al-Aqsa Martyrs' Brigades", "member_of", "Hamas"), id="x-affiliated-y"),
    pytest.param("The Al-Nur Brigade is a faction of the Syrian National Army.",
                 ("Al-Nur Brigade", "member_of", "Syrian National Army"), id="copula-faction-of"),
    pytest.param("With Turkey's backing, the Syrian National Army seized Afrin.",
                 ("Turkey", "supports", "Syrian National Army"), id="with-x-backing"),
    pytest.param("The Syrian National Army received money from Turkey.",
                 ("Turkey", "funds", "Syrian National Army"), id="money-from-x"),
]


NEAR_MISSES = [
    pytest.param("North Korean diplomats said Kim Jong Un inspected a factory.",
                 ("Kim Jong-un", "commands", "North Korea"), {"Kim Jong-un"}, id="demonym-not-on-a-role"),
    pytest.param("Ahmad Jaber, a critic of the Northern Front, was released.",
                 ("Ahmad Jaber", "member_of", "Northern Front"), {"Ahmad Jaber", "Northern Front"}, id="critic-of"),
    pytest.param("A Houthi delegation flew to Muscat for a wedding.",
                 ("Houthis", "negotiated_with", "Oman"), {"Houthis", "Oman"}, id="travelled-not-for-talks"),
    pytest.param("The foreign ministers of Armenia and Azerbaijan held a news conference in Geneva.",
                 ("Armenia", "negotiated_with", "Azerbaijan"), {"Armenia", "Azerbaijan"}, id="ministers-no-talks"),
    pytest.param("Oman criticised talks between Iran and the United States.",
                 ("Oman", "negotiated_with", "Iran"), {"Oman", "Iran"}, id="critic-of-talks-is-no-host"),
    pytest.param("Washington pressed Kiev to open negotiations with Moscow.",
                 ("Ukraine", "negotiated_with", "Russia"), {"Ukraine", "Russia"}, id="urged-to-hold-talks"),
    pytest.param("Hamas and the Al-Aqsa Martyrs Brigades claimed the attack.",
                 ("Al-Aqsa Martyrs' Brigades", "member_of", "Hamas"), {"Hamas"}, id="coordinated-not-affiliated"),
    pytest.param("The Al-Nur Brigade fought alongside the Syrian National Army.",
                 ("Al-Nur Brigade", "member_of", "Syrian National Army"), {"Al-Nur Brigade"}, id="alongside-not-part"),
    pytest.param("With Turkey's knowledge, the Syrian National Army seized Afrin.",
                 ("Turkey", "supports", "Syrian National Army"), {"Turkey"}, id="with-x-knowledge"),
    pytest.param("The Syrian National Army received a warning from Turkey.",
                 ("Turkey", "funds", "Syrian National Army"), {"Turkey"}, id="warning-from-x"),
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_construction_gives_triple(nlp, triples, text, expected):
    assert triple(*expected) in triples(nlp, text)


@pytest.mark.parametrize("text,forbidden,actors", NEAR_MISSES)
def test_near_miss_gives_no_triple(nlp, triples, text, forbidden, actors):
    assert actors <= actor_names(nlp, text)
    assert triple(*forbidden) not in triples(nlp, text)


def test_two_coordinated_sides_are_not_one_actor(nlp, triples):
    got = triples(nlp, "Ukrainian and Russian delegations held talks in Riyadh.")
    assert triple("Ukraine", "negotiated_with", "Russia") in got
    assert not any(t[1] == "negotiated_with" and "Saudi Arabia" in (t[0], t[2]) for t in got)
