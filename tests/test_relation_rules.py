"""Relation rules on hand-built parses (spaCy's own test style): the Doc carries the words, heads,
dependency labels, parts of speech and lemmas, and the mentions and actors are given, so each test
exercises one pattern of ``graphkit.nlp.relations`` and nothing of the statistical model.

Each family has a rule that must fire and a near miss that must not.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from graphkit.model.dictionary import ActorDictionary
from graphkit.model.schema import load_schema
from graphkit.nlp.mentions import Mention
from graphkit.nlp.relations import extract_assertions
from graphkit.nlp.resolve import Actor


@pytest.fixture(scope="module")
def vocab() -> Vocab:
    return spacy.blank("en").vocab  # English lexical attributes (lower_, is_punct, ...)


def parsed(vocab: Vocab, rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A Doc from (word, head index, dep, pos, lemma) rows."""
    words, heads, deps, pos, lemmas = (list(col) for col in zip(*rows))
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def triples(doc: Doc, named: list[tuple[int, int, str, str]]) -> set[tuple[str, str, str]]:
    """Run the relation patterns with one actor per (start, end, type, name) mention."""
    actors = [Actor(name=name, type=typ, aliases={name}) for _, _, typ, name in named]
    mentions = [Mention(start, end, typ, "ner", actor=i) for i, (start, end, typ, _) in enumerate(named)]
    found = extract_assertions(doc, mentions, actors, load_schema(), ActorDictionary([]))
    return {(actors[a.subject.actor].name, a.relation, actors[a.object.actor].name) for a in found}


# --- verb with subject and object -------------------------------------------------------------------

def test_verb_with_subject_and_object(vocab):
    doc = parsed(vocab, [("Hamas", 1, "nsubj", "PROPN", "Hamas"), ("fought", 1, "ROOT", "VERB", "fight"),
                         ("Fatah", 1, "dobj", "PROPN", "Fatah"), (".", 1, "punct", "PUNCT", ".")])
    got = triples(doc, [(0, 1, "ORGANIZATION", "Hamas"), (2, 3, "ORGANIZATION", "Fatah")])
    assert ("Hamas", "rival_of", "Fatah") in got


def test_verb_near_miss_negated(vocab):
    doc = parsed(vocab, [("Hamas", 3, "nsubj", "PROPN", "Hamas"), ("did", 3, "aux", "AUX", "do"),
                         ("not", 3, "neg", "PART", "not"), ("fight", 3, "ROOT", "VERB", "fight"),
                         ("Fatah", 3, "dobj", "PROPN", "Fatah"), (".", 3, "punct", "PUNCT", ".")])
    assert triples(doc, [(0, 1, "ORGANIZATION", "Hamas"), (4, 5, "ORGANIZATION", "Fatah")]) == set()


# --- passive with agent -----------------------------------------------------------------------------

def test_passive_with_agent(vocab):
    doc = parsed(vocab, [("Hamas", 2, "nsubjpass", "PROPN", "Hamas"), ("was", 2, "auxpass", "AUX", "be"),
                         ("backed", 2, "ROOT", "VERB", "back"), ("by", 2, "agent", "ADP", "by"),
                         ("Iran", 3, "pobj", "PROPN", "Iran"), (".", 2, "punct", "PUNCT", ".")])
    got = triples(doc, [(0, 1, "ORGANIZATION", "Hamas"), (4, 5, "STATE", "Iran")])
    assert got == {("Iran", "supports", "Hamas")}


def test_passive_near_miss_without_agent(vocab):
    # "Hamas was backed in Iran": a place phrase is no agent, and the passive subject is no backer
    doc = parsed(vocab, [("Hamas", 2, "nsubjpass", "PROPN", "Hamas"), ("was", 2, "auxpass", "AUX", "be"),
                         ("backed", 2, "ROOT", "VERB", "back"), ("in", 2, "prep", "ADP", "in"),
                         ("Iran", 3, "pobj", "PROPN", "Iran"), (".", 2, "punct", "PUNCT", ".")])
    assert triples(doc, [(0, 1, "ORGANIZATION", "Hamas"), (4, 5, "STATE", "Iran")]) == set()


# --- role noun before a name ------------------------------------------------------------------------

def test_role_noun_before_a_name(vocab):
    doc = parsed(vocab, [("Hamas", 1, "compound", "PROPN", "Hamas"), ("commander", 3, "compound", "NOUN", "commander"),
                         ("Mohammed", 3, "compound", "PROPN", "Mohammed"), ("Deif", 5, "nsubjpass", "PROPN", "Deif"),
                         ("was", 5, "auxpass", "AUX", "be"), ("killed", 5, "ROOT", "VERB", "kill"),
                         (".", 5, "punct", "PUNCT", ".")])
    got = triples(doc, [(0, 1, "ORGANIZATION", "Hamas"), (2, 4, "PERSON", "Mohammed Deif")])
    assert got == {("Mohammed Deif", "commands", "Hamas")}


def test_role_noun_near_miss_state_adjective(vocab):
    # "Iranian commander X": a commander of a state's forces does not command the state
    doc = parsed(vocab, [("Iranian", 1, "amod", "ADJ", "iranian"), ("commander", 3, "compound", "NOUN", "commander"),
                         ("Qassem", 3, "compound", "PROPN", "Qassem"), ("Suleimani", 4, "nsubj", "PROPN", "Suleimani"),
                         ("spoke", 4, "ROOT", "VERB", "speak"), (".", 4, "punct", "PUNCT", ".")])
    assert triples(doc, [(0, 1, "STATE", "Iran"), (2, 4, "PERSON", "Qassem Suleimani")]) == set()
