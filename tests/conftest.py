"""Shared fixtures for the extraction tests: one spaCy pipeline per test session.

``load_pipeline()`` takes about a second (model load plus the actor dictionary), so every test that
needs it asks for the session-scoped ``nlp`` fixture instead of loading its own.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from spacy.language import Language

from graphkit.nlp.pipeline import load_pipeline

# Order-free relations (see /work/shared/eval/GUIDE.md): their triples are compared with the two names sorted.
SYMMETRIC_RELATIONS = frozenset({"negotiated_with", "rival_of"})

Triple = tuple[str, str, str]


def triple(subject: str, relation: str, obj: str) -> Triple:
    """One (subject, relation, object) key; symmetric relations get their two names in sorted order."""
    if relation in SYMMETRIC_RELATIONS and obj < subject:
        subject, obj = obj, subject
    return (subject, relation, obj)


def actor_names(nlp: Language, text: str) -> set[str]:
    """The names of the actors graphkit resolves in ``text``."""
    return {a["name"] for a in nlp(text)._.graphkit_actors or []}


def relations_of(nlp: Language, text: str) -> list[dict]:
    """The relation dicts graphkit leaves on the parsed doc."""
    return list(nlp(text)._.graphkit_relations or [])


def triples_of(nlp: Language, text: str) -> set[Triple]:
    """The set of (subject, relation, object) triples extracted from ``text``."""
    return {triple(r["subject"], r["relation"], r["object"]) for r in relations_of(nlp, text)}


def group_triple(subject: str, relation: str, obj: str, sentence: str, trigger: str, *,
                 subject_text: str | None = None, hedged: bool = False, confidence: float = 0.7) -> dict:
    """A stored-triple dict between two GROUP actors of a one-sentence article, offsets found in it."""
    st = subject_text or subject
    s0, o0, t0 = sentence.index(st), sentence.index(obj), sentence.index(trigger)
    return {"subject": subject, "relation": relation, "object": obj,
            "subject_id": subject.lower().replace(" ", "-"), "object_id": obj.lower().replace(" ", "-"),
            "subject_type": "GROUP", "object_type": "GROUP", "hedged": hedged, "confidence": confidence,
            "evidence": {"sentence": sentence, "sentence_start": 0, "sentence_end": len(sentence),
                         "subject_text": st, "subject_start": s0, "subject_end": s0 + len(st),
                         "object_text": obj, "object_start": o0, "object_end": o0 + len(obj),
                         "trigger": trigger, "trigger_start": t0, "trigger_end": t0 + len(trigger),
                         "pattern": "verb", "hedged": hedged, "reported_by": None}}


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


ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def neo4j_uri():
    """A running Neo4j: $GRAPHKIT_NEO4J_URI, else one started here for the session (skipped without java,
    except in CI)."""
    uri = os.environ.get("GRAPHKIT_NEO4J_URI")
    if uri:
        yield uri
        return
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI"):
            pytest.fail("java is not on PATH: the Neo4j store tests need a Java 17+ to run Neo4j (CI must not skip)")
        pytest.skip("java is not on PATH: cannot start Neo4j for the Neo4j store tests "
                    "(install Java 17+, or set GRAPHKIT_NEO4J_URI to a running server)")
    status = subprocess.run(["bash", str(ROOT / "neo4j" / "run.sh"), "status"], capture_output=True, text=True)
    started = status.returncode != 0
    if started:  # on a free port: a fixed one (7687) may be taken by another server on a shared machine
        env = {**os.environ, "GRAPHKIT_NEO4J_PORT": os.environ.get("GRAPHKIT_NEO4J_PORT") or str(_free_port())}
        out = subprocess.run(["bash", str(ROOT / "neo4j" / "run.sh"), "start"], capture_output=True, text=True,
                             timeout=900, env=env)
        if out.returncode != 0:
            pytest.fail(f"bash neo4j/run.sh start failed:\n{out.stderr[-3000:]}")
        uri = out.stdout.strip().splitlines()[-1]
    else:
        uri = status.stdout.strip().splitlines()[-1]
    try:
        yield uri
    finally:
        if started:
            subprocess.run(["bash", str(ROOT / "neo4j" / "run.sh"), "stop"], capture_output=True, timeout=120)
