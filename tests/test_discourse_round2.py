"""Across sentences, round 2: implicit arguments (an unstated recipient read from the paragraph's topic, the
unstated parties of a brokered deal), plural and collective anaphors, and the paragraph topic as a subject.
Sentences written for these tests; each construction has a near miss that gives no triple."""
from __future__ import annotations

import pytest

from conftest import relations_of, triple


def by_triple(nlp, text: str) -> dict:
    return {triple(r["subject"], r["relation"], r["object"]): r for r in relations_of(nlp, text)}


CASES = [
    pytest.param("Iraq's arsenal was restocked after the war. Iran has shipped short-range rockets.",
                 ("Iran", "supplies_weapons_to", "Iraq"), id="recipient-topic"),
    pytest.param("Armenia's arsenal ran low last winter. Russia later delivered drones, and missiles were "
                 "supplied by France.",
                 ("France", "supplies_weapons_to", "Armenia"), id="recipient-topic-passive"),
    pytest.param("Sudan and Chad signed a truce in Doha on Friday.\n\nThe agreement was brokered by Kenya.",
                 ("Kenya", "negotiated_with", "Chad"), id="brokered-deal"),
    pytest.param("Sudan and Chad signed a truce in Doha on Friday. The talks, mediated by Kenya, lasted a week.",
                 ("Kenya", "negotiated_with", "Sudan"), id="mediated-talks"),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_implicit_argument(nlp, text, expected):
    got = by_triple(nlp, text)
    assert triple(*expected) in got, sorted(got)
    row = got[triple(*expected)]
    first = text.split(".")[0]
    assert row["evidence"]["context"] is not None and row["evidence"]["context"].startswith(first)
    assert row["confidence"] <= 0.55


NEAR_MISSES = [
    # the recipient is stated: the topic does not replace it
    pytest.param("Iraq's arsenal was restocked after the war. Iran has shipped rockets to the Houthis.",
                 ("Iran", "supplies_weapons_to", "Iraq"), id="recipient-stated"),
    # no topic noun owned by anyone: nothing to fill the slot with
    pytest.param("Iraq held elections after the war. Iran has shipped short-range rockets.",
                 ("Iran", "supplies_weapons_to", "Iraq"), id="no-topic"),
    # the topic is in another paragraph
    pytest.param("Iraq's arsenal was restocked after the war.\n\nIran has shipped short-range rockets.",
                 ("Iran", "supplies_weapons_to", "Iraq"), id="topic-other-paragraph"),
    # the owner named inside the supplier's own phrase is not the recipient
    pytest.param("Ali Karti, commander of Sudan's forces, sent hundreds of drones.",
                 ("Ali Karti", "supplies_weapons_to", "Sudan"), id="topic-in-own-clause"),
    # a deal nobody negotiated just before
    pytest.param("Sudan held elections on Friday. The agreement was brokered by Kenya.",
                 ("Kenya", "negotiated_with", "Sudan"), id="deal-without-parties"),
    pytest.param("Sudan held elections on Friday. The talks, mediated by Kenya, lasted a week.",
                 ("Kenya", "negotiated_with", "Sudan"), id="talks-without-parties"),
]


@pytest.mark.parametrize("text,absent", NEAR_MISSES)
def test_no_implicit_triple(nlp, text, absent):
    assert triple(*absent) not in by_triple(nlp, text)


TOPIC = ("Hezbollah fired rockets at Israel on Sunday. Hezbollah said more strikes would follow. "
         "Hezbollah fighters moved south.\n\n")

ANAPHOR_CASES = [
    pytest.param("Kenya and Uganda sent envoys to Juba. They later signed a truce with al-Shabaab.",
                 ("Uganda", "negotiated_with", "al-Shabaab"), id="they-pair"),
    pytest.param("Ethiopia, Kenya and Uganda sent envoys to Juba. The three governments later held talks "
                 "with al-Shabaab.", ("Ethiopia", "negotiated_with", "al-Shabaab"), id="the-three-governments"),
    pytest.param("Hamas fired rockets on Monday. Egypt later held talks with the Islamist group.",
                 ("Egypt", "negotiated_with", "Hamas"), id="the-islamist-group"),
    pytest.param("Saudi Arabia hosted a summit on Monday. Iran later held talks with the kingdom.",
                 ("Iran", "negotiated_with", "Saudi Arabia"), id="the-kingdom"),
    pytest.param(TOPIC + "It later held talks with Qatar.", ("Hezbollah", "negotiated_with", "Qatar"),
                 id="paragraph-topic-it"),
    pytest.param(TOPIC + "The group later held talks with Qatar.", ("Hezbollah", "negotiated_with", "Qatar"),
                 id="paragraph-topic-the-group"),
]


@pytest.mark.parametrize("text,expected", ANAPHOR_CASES)
def test_plural_and_topic_anaphors(nlp, text, expected):
    got = by_triple(nlp, text)
    assert triple(*expected) in got, sorted(got)
    assert got[triple(*expected)]["confidence"] < 0.7


ANAPHOR_NEAR_MISSES = [
    pytest.param("Kenya hosted a summit on Monday. They later signed a truce with al-Shabaab.",
                 ("Kenya", "negotiated_with", "al-Shabaab"), id="they-without-plural"),
    pytest.param("Iran and Iraq met in Baghdad. It later shipped rockets to Hezbollah.",
                 ("Iran", "supplies_weapons_to", "Hezbollah"), id="it-not-one-of-a-pair"),
    pytest.param("Hamas fired rockets on Monday. Egypt later held talks with the other group.",
                 ("Egypt", "negotiated_with", "Hamas"), id="the-other-group"),
    pytest.param("Hezbollah fired rockets on Monday. Egypt later held talks with the Palestinian group.",
                 ("Egypt", "negotiated_with", "Hezbollah"), id="demonym-does-not-fit"),
    pytest.param(TOPIC + "Officials gathered in Doha. It later held talks with Qatar.",
                 ("Hezbollah", "negotiated_with", "Qatar"), id="topic-not-for-mid-paragraph-it"),
    pytest.param(TOPIC + "It is raining in Beirut, and Israel held talks with Qatar.",
                 ("Hezbollah", "negotiated_with", "Qatar"), id="it-is-raining"),
]


@pytest.mark.parametrize("text,absent", ANAPHOR_NEAR_MISSES)
def test_no_anaphor_triple(nlp, text, absent):
    assert triple(*absent) not in by_triple(nlp, text)


def test_paragraph_topic_names_its_sentence(nlp):
    row = by_triple(nlp, TOPIC + "It later held talks with Qatar.")[("Hezbollah", "negotiated_with", "Qatar")]
    assert row["evidence"]["context"] is not None and row["evidence"]["context"].startswith("Hezbollah")
    assert row["evidence"]["subject_text"] == "It"
