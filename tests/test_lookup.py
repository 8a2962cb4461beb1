"""Finding an actor by any name (graphkit.ask.lookup.find_actor and every CLI command that takes one), on
SQLite always and on Neo4j when $GRAPHKIT_NEO4J_URI is set: the demo store answers for the dictionary's
names, a real ambiguity exits 1 with the candidates, an unknown name gets suggestions ranked by
similarity and linkage."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.ask.lookup import AmbiguousActor, UnknownActor, find_actor, suggest_actors
from graphkit.cli import app
from graphkit.read import Article
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore
from test_store_contract import NEO4J_URI, _neo4j_store, make_triple

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
ENV = {"GRAPHKIT_NEO4J_USER": os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j",
       "GRAPHKIT_NEO4J_PASSWORD": os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev",
       "GRAPHKIT_NEO4J_URI": "", "GRAPHKIT_DB": ""}
BACKENDS = ["sqlite", pytest.param("neo4j", marks=pytest.mark.skipif(not NEO4J_URI,
                                                                     reason="GRAPHKIT_NEO4J_URI is not set"))]


def _open(kind: str, path: Path):
    if kind == "sqlite":
        return SQLiteStore(path)
    store = _neo4j_store()
    store.clear()
    return store


def _where(kind: str, path: Path) -> list[str]:
    return ["--db", str(path)] if kind == "sqlite" else ["--neo4j", NEO4J_URI]


def cli(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


# --------------------------------------------------------------------------- a store written by hand

def _t(subject, relation, obj, sid, oid, stype="ORGANIZATION", otype="ORGANIZATION"):
    sentence = f"{subject} {relation.replace('_', ' ')} {obj}."
    return make_triple(sentence, subject, relation, obj, relation.replace("_", " ").split()[0],
                       subject_id=sid, object_id=oid, subject_type=stype, object_type=otype)


CRAFTED = [
    ("a1", [_t("Hezbollah", "rival_of", "Israel", "hezbollah", "israel", otype="STATE"),
            _t("Kata'ib Hezbollah", "attacked", "United States", "kata-ib-hezbollah", "united-states",
               otype="STATE")]),
    ("a2", [_t("Muqtada al-Sadr", "commands", "Mahdi Army", "muqtada-al-sadr", "mahdi-army", stype="PERSON"),
            _t("Sadr's fighters", "attacked", "United States", "sadr-s-fighters", "united-states",
               stype="GROUP", otype="STATE"),
            _t("Sadr's men", "attacked", "Iraq", "sadr-s-men", "iraq", stype="GROUP", otype="STATE")]),
    ("a3", [_t("Ariel Sharon", "negotiated_with", "Yasser Arafat", "ariel-sharon", "yasser-arafat", "PERSON",
               "PERSON"),
            _t("Sharon's government", "attacked", "Arafat's men", "sharon-s-government", "arafat-s-men",
               "GROUP", "GROUP"),
            _t("Arafat's Fatah", "rival_of", "Hamas", "arafat-s-fatah", "hamas", "GROUP")]),
    # two Tuareg groups, each in two articles: "Tuareg" fits both equally
    ("a4", [_t("Tuareg rebels", "attacked", "Mali", "tuareg-rebels", "mali", "GROUP", "STATE"),
            _t("Tuareg separatists", "rival_of", "Mali", "tuareg-separatists", "mali", "GROUP", "STATE")]),
    ("a5", [_t("Tuareg rebels", "attacked", "Iraq", "tuareg-rebels", "iraq", "GROUP", "STATE"),
            _t("Tuareg separatists", "rival_of", "Iraq", "tuareg-separatists", "iraq", "GROUP", "STATE")]),
    # two look-alike names, the first far more linked than the second
    ("a6", [_t("Jaish al-Fatah", "attacked", "Mali", "jaish-al-fatah", "mali", otype="STATE"),
            _t("Jaish al-Fatah", "rival_of", "Hamas", "jaish-al-fatah", "hamas"),
            _t("Jaish al-Fatah", "supports", "Mahdi Army", "jaish-al-fatah", "mahdi-army")]),
    ("a7", [_t("Jaish al-Fatah", "attacked", "Iraq", "jaish-al-fatah", "iraq", otype="STATE")]),
    ("a8", [_t("Jaish al-Fatih", "attacked", "Israel", "jaish-al-fatih", "israel", otype="STATE")]),
]


@pytest.fixture(params=BACKENDS)
def crafted(request, tmp_path):
    path = tmp_path / "graph.db"
    store = _open(request.param, path)
    store.add_articles([(Article(id=aid, text=aid, source=f"{aid}.txt"), triples) for aid, triples in CRAFTED])
    yield store, _where(request.param, path)
    store.close()


def test_a_misspelt_name_answers_for_the_dictionary_actor_not_a_longer_name(crafted):
    store, _ = crafted
    assert find_actor(store, "Hezbolah")["id"] == "hezbollah"
    assert find_actor(store, "Hizbullah")["id"] == "hezbollah"       # a dictionary alias
    assert find_actor(store, "Kataib Hezbollah")["id"] == "kata-ib-hezbollah"


@pytest.mark.parametrize("name, expected", [("Sadr", "muqtada-al-sadr"), ("Sharon", "ariel-sharon"),
                                            ("Arafat", "yasser-arafat"), ("al Sadr", "muqtada-al-sadr"),
                                            ("Sadr's men", "sadr-s-men")])
def test_a_surname_names_the_person_before_the_possessive_collectives(crafted, name, expected):
    store, _ = crafted
    assert find_actor(store, name)["id"] == expected


def test_a_real_ambiguity_lists_the_candidates_and_exits_1(crafted):
    store, where = crafted
    with pytest.raises(AmbiguousActor) as err:
        find_actor(store, "Tuareg")
    assert {(c["id"], c["type"], c["articles"]) for c in err.value.candidates} == {
        ("tuareg-rebels", "GROUP", 2), ("tuareg-separatists", "GROUP", 2)}
    for command in (["links", "Tuareg"], ["show", "Tuareg"], ["path", "Tuareg", "Mali"]):
        result = cli(*command, *where)
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[0] == "graphkit: 'Tuareg' fits 2 actors equally; name one of them by its id"
        assert sorted(lines[1:]) == ["  tuareg-rebels  Tuareg rebels (GROUP, 2 articles)",
                                     "  tuareg-separatists  Tuareg separatists (GROUP, 2 articles)"]
    # naming one by its id answers
    result = cli("links", "tuareg-rebels", *where, "--format", "json")
    assert result.exit_code == 0 and {r["actor_id"] for r in json.loads(result.stdout)} == {"mali", "iraq"}


def test_an_unknown_name_is_suggested_the_close_names_most_linked_first(crafted):
    store, where = crafted
    with pytest.raises(UnknownActor) as err:
        find_actor(store, "Jaish Fa")
    assert not isinstance(err.value, AmbiguousActor)
    assert err.value.suggestions[:2] == ["Jaish al-Fatah", "Jaish al-Fatih"]
    assert "Tuareg rebels" not in err.value.suggestions
    top = suggest_actors(store, "Jaish Fa")
    assert [(s["id"], s["articles"], s["degree"]) for s in top[:2]] == [("jaish-al-fatah", 2, 4),
                                                                      ("jaish-al-fatih", 1, 1)]
    result = cli("links", "Jaish Fa", *where)
    assert result.exit_code == 1
    assert result.stderr.startswith("graphkit: no actor 'Jaish Fa'; did you mean 'Jaish al-Fatah', "
                                    "'Jaish al-Fatih'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert cli("links", "Qwxzv", *where).exit_code == 1


# --------------------------------------------------------------------------- the demo store

@pytest.fixture(scope="module", params=BACKENDS)
def demo(request, tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("demo") / "graph.db"
    store = _open(request.param, path)
    summary = ingest([str(SAMPLES)], store, nlp=nlp, progress=False)
    assert summary["stored"] == 4
    yield store, _where(request.param, path)
    store.close()


@pytest.mark.parametrize("name, expected", [
    ("UAE", "united-arab-emirates"), ("Abu Dhabi", "united-arab-emirates"),
    ("IRGC", "islamic-revolutionary-guard-corps"), ("Hemedti", "mohamed-hamdan-dagalo"),
    ("Ansar Allah", "houthis"), ("Soleimani", "qassem-suleimani"), ("Sadr", "muqtada-al-sadr"),
    ("Rapid Suport Forces", "rapid-support-forces")])
def test_every_name_of_the_issue_answers_on_the_demo_store(demo, name, expected):
    store, where = demo
    assert find_actor(store, name)["id"] == expected
    result = cli("links", name, *where, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {r["from_id"] for r in rows} == {expected}
    shown = cli("show", name, *where, "--format", "json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == expected


def test_hezbollah_misspelt_never_answers_for_kataib_hezbollah_on_the_demo_store(demo):
    store, where = demo  # the demo articles name Kata'ib Hezbollah, not Hezbollah
    result = cli("links", "Hezbolah", *where)
    assert result.exit_code == 1 and result.stdout == ""
    assert "the actor dictionary knows it as 'Hezbollah'" in result.stderr
    assert cli("links", "Kataib Hezbollah", *where).exit_code == 0


def test_path_takes_dictionary_names_on_the_demo_store(demo):
    _, where = demo
    result = cli("path", "UAE", "Hemedti", *where, "--format", "json")
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.stdout)
    assert found["ids"][0] == "united-arab-emirates" and found["ids"][-1] == "mohamed-hamdan-dagalo"
