"""The two spaCy components: what actor resolution knew reaches the relation patterns intact, both
components use the same actor dictionary, and the pipeline survives ``to_disk`` / ``spacy.load``."""
from __future__ import annotations

import json

import pytest
import spacy

import graphkit.nlp.pipeline as pipeline
from conftest import triple, triples_of
from graphkit.nlp.pipeline import load_pipeline

FREEDONIA = [{"name": "Freedonia", "type": "STATE", "aliases": [], "demonyms": ["Freedonian", "Freedonians"]}]


@pytest.fixture(scope="module")
def nlp_with_freedonia(tmp_path_factory):
    path = tmp_path_factory.mktemp("freedonia") / "freedonia.json"
    path.write_text(json.dumps(FREEDONIA), encoding="utf-8")
    return load_pipeline(actor_files=[str(path)])


def test_dictionary_actor_reaches_the_relation_patterns_with_its_entry(nlp, monkeypatch):
    seen = {}
    real = pipeline.extract_assertions

    def spy(doc, mentions, actors, schema, dictionary):
        seen["actors"] = list(actors)
        seen["mentions"] = list(mentions)
        return real(doc, mentions, actors, schema, dictionary)

    monkeypatch.setattr(pipeline, "extract_assertions", spy)
    doc = nlp("Hezbollah attacked Israel on Sunday.")
    by_name = {a.name: a for a in seen["actors"]}
    assert by_name["Hezbollah"].entry is not None and by_name["Hezbollah"].entry.name == "Hezbollah"
    assert any(m.entry is not None and m.entry.name == "Hezbollah" for m in seen["mentions"])
    reported = {a["name"]: a for a in doc._.graphkit_actors}
    assert reported["Hezbollah"]["dictionary"] is True
    assert reported["Israel"]["dictionary"] is True


def test_relations_use_the_user_dictionary_of_the_actor_component(nlp_with_freedonia, nlp):
    # the participle pattern reads the state of "Freedonian-" from the dictionary, not from a mention
    text = "Freedonian-backed Houthis seized the port."
    assert ("Freedonia", "supports", "Houthis") in triples_of(nlp_with_freedonia, text)
    assert ("Freedonia", "supports", "Houthis") not in triples_of(nlp, text)


def test_user_dictionary_from_the_environment_reaches_the_relations(tmp_path, monkeypatch):
    path = tmp_path / "env_freedonia.json"
    path.write_text(json.dumps(FREEDONIA), encoding="utf-8")
    monkeypatch.setenv("GRAPHKIT_ACTORS", str(path))
    nlp = load_pipeline()
    assert ("Freedonia", "supports", "Houthis") in triples_of(nlp, "Freedonian-backed Houthis seized the port.")


def test_components_declare_what_they_assign_and_require(nlp):
    meta = nlp.get_pipe_meta("graphkit_relations")
    assert "doc._.graphkit_relations" in meta.assigns
    assert "doc._.graphkit_resolution" in meta.requires
    assert "doc._.graphkit_resolution" in nlp.get_pipe_meta("graphkit_actors").assigns


def test_pipeline_round_trips_through_disk(nlp_with_freedonia, tmp_path):
    text = "Freedonian-backed Houthis seized the port. Hezbollah leader Hassan Nasrallah held talks with Iranian officials."
    before = triples_of(nlp_with_freedonia, text)
    assert ("Freedonia", "supports", "Houthis") in before
    nlp_with_freedonia.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp_with_freedonia.pipe_names
    assert triples_of(loaded, text) == before
    assert triple("Hassan Nasrallah", "negotiated_with", "Iran") in before
