"""Shared fixtures for the extraction tests: one spaCy pipeline per test session.

``load_pipeline()`` takes about a second (model load plus the actor dictionary), so every test that
needs it asks for the session-scoped ``nlp`` fixture instead of loading its own.
"""
from __future__ import annotations

from typing import Callable

import pytest
from spacy.language import Language

from graphkit.pipeline import load_pipeline

# Order-free relations (see /work/shared/eval/GUIDE.md): their triples are compared with the two names sorted.
SYMMETRIC_RELATIONS = frozenset({"negotiated_with", "rival_of"})

Triple = tuple[str, str, str]


def triple(subject: str, relation: str, obj: str) -> Triple:
    """One (subject, relation, object) key; symmetric relations get their two names in sorted order."""
    if relation in SYMMETRIC_RELATIONS and obj < subject:
        subject, obj = obj, subject
    return (subject, relation, obj)


def relations_of(nlp: Language, text: str) -> list[dict]:
    """The relation dicts graphkit leaves on the parsed doc."""
    return list(nlp(text)._.graphkit_relations or [])


def triples_of(nlp: Language, text: str) -> set[Triple]:
    """The set of (subject, relation, object) triples extracted from ``text``."""
    return {triple(r["subject"], r["relation"], r["object"]) for r in relations_of(nlp, text)}


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full graphkit pipeline, loaded once per test session."""
    return load_pipeline()


@pytest.fixture(scope="session")
def triples() -> Callable[[Language, str], set[Triple]]:
    """``triples(nlp, text)``: the set of extracted triples, symmetric relations order-free."""
    return triples_of


@pytest.fixture(scope="session")
def relations() -> Callable[[Language, str], list[dict]]:
    """``relations(nlp, text)``: the full relation dicts (hedged, evidence, ...)."""
    return relations_of


@pytest.fixture(scope="session")
def key() -> Callable[[str, str, str], Triple]:
    """``key(s, r, o)``: the triple as ``triples`` would hold it (sorted when symmetric)."""
    return triple
