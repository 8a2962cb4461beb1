"""Text that is not about conflict gives no relation; the conflict sentence of the same construction still does.

Each off-topic sentence is also checked with the plausibility hook switched off, so the test shows that the
hook (and not the parse) is what removes the false relation.
"""
from __future__ import annotations

import pytest

import graphkit.nlp.relations.emit as emit_module
from graphkit.nlp.pipeline import load_pipeline
from graphkit.nlp.relations.plausibility import is_commerce, is_sports


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def triples(nlp, text: str) -> set[tuple[str, str, str]]:
    return {(t["subject"], t["relation"], t["object"]) for t in nlp(text)._.graphkit_relations}


OFF_TOPIC = [
    # sports: a player "leads" his team to a win (a score in the sentence)
    ("Marco Vitti led Juventus to a 2-0 victory over Inter Milan on Sunday.", ("Marco Vitti", "commands", "Juventus")),
    # business: a settlement payment is no funding
    ("Kestrel Dynamics will pay $40 million to Varnel Systems to settle a patent lawsuit.",
     ("Kestrel Dynamics", "funds", "Varnel Systems")),
    # science and technology: a software maker's rival is competition, not conflict
    ("Tarvik Software, a rival of Microsoft, released new Linux software for servers.",
     ("Tarvik Software", "rival_of", "Microsoft")),
]


@pytest.mark.parametrize("text, false_triple", OFF_TOPIC)
def test_off_topic_sentence_gives_no_relation(nlp, monkeypatch, text, false_triple):
    assert triples(nlp, text) == set()
    monkeypatch.setattr(emit_module, "implausible", lambda *args: False)
    assert false_triple in triples(nlp, text)  # the construction alone would give it


@pytest.mark.parametrize("text, expected", [
    ("Marco Vitti led the Nusra Front to victory over the Free Syrian Army on Sunday.",
     ("Marco Vitti", "commands", "al-Nusra Front")),
    ("Iran will pay $40 million to Hezbollah to rebuild its bases.", ("Iran", "funds", "Hezbollah")),
    ("Hamas, a rival of Fatah, released a statement.", ("Hamas", "rival_of", "Fatah")),
])
def test_conflict_sentence_of_the_same_construction_keeps_its_relation(nlp, text, expected):
    assert expected in triples(nlp, text)


def test_a_club_executive_still_heads_his_club_but_a_coach_does_not(nlp):
    assert ("Ray Moll", "commands", "Brenton Comets") in triples(
        nlp, "Brenton Comets chairman Ray Moll said the club was ready for the playoffs.")
    assert not any(r == "commands" for _, r, _ in triples(
        nlp, "Juventus coach Ray Moll said the club was ready for the playoffs."))


def test_context_signals(nlp):
    assert is_sports(nlp("Lleyton Hewitt won 79-67 at home.")[:])
    assert is_sports(nlp("The Davis Cup final starts on Friday.")[:])
    assert not is_sports(nlp("The F-16 jets struck Su-27 positions on 9/11.")[:])
    assert is_commerce(nlp("Shares of the firm rose after the merger.")[:])
    assert not is_commerce(nlp("Hezbollah fighters attacked Israeli troops.")[:])
