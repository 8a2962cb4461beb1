"""Curation on both stores (the contract's ``store`` fixture: SQLite always, Neo4j with
$GRAPHKIT_NEO4J_URI): every command and its undo, curation surviving a re-ingest of the same articles
and applying to new ones, the shared JSON file, the CLI's errors and atomicity, and push to Neo4j."""
from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from test_store_contract import NEO4J_URI, _neo4j_store, graph_key, make_triple, store  # noqa: F401 (fixture)
from graphkit.cli import app
from graphkit.curate import actions
from graphkit.curate.exchange import export_document, import_document
from graphkit.curate.names import UnknownActor
from graphkit.curate.replay import entries_of
from graphkit.records import Triple
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore

S1 = "Sadr's men attacked the Amber Front."
S2 = "The Mahdi Army attacked the Amber Front."
S3 = "The Mahdi Army fought Sadr's men."
S4 = "The Jade Legion attacked the Amber Front."
S5 = "Sadr's men shelled the Jade Legion."

DOCS = {
    "a1.txt": (S1, [make_triple(S1, "Sadr's men", "attacked", "Amber Front", "attacked", subject_type="GROUP")]),
    "a2.txt": (S2, [make_triple(S2, "Mahdi Army", "attacked", "Amber Front", "attacked")]),
    "a3.txt": (S3, [make_triple(S3, "Mahdi Army", "rival_of", "Sadr's men", "fought", object_type="GROUP")]),
    "a4.txt": (S4, [make_triple(S4, "Jade Legion", "attacked", "Amber Front", "attacked")]),
}
NEW = {"a5.txt": (S5, [make_triple(S5, "Sadr's men", "attacked", "Jade Legion", "shelled", subject_type="GROUP")])}


def load(store, tmp_path, docs=DOCS) -> dict:
    """Ingest ``docs`` (file name -> (text, triples)) through the real ingest, the extraction replaced by
    the given triples."""
    by_text = {}
    paths = []
    for name, (text, triples) in docs.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
        by_text[text] = triples

    def extractor(articles, summary, report):
        for a in articles:
            yield a, [Triple.from_dict({**t, "article": a.id}) for t in by_text[a.text.strip()]]

    return ingest(paths, store, progress=False, extractor=extractor)


def rels(store) -> dict[str, int]:
    return {r["id"]: r["articles"] for r in store.relationships()}


def actor(store, actor_id):
    return next((a for a in store.actors() if a["id"] == actor_id), None)


def article_of(store, text) -> str:
    for ev in store.evidence():
        if ev["sentence"] == text:
            return ev["article_id"]
    raise AssertionError(text)


@pytest.fixture
def loaded(store, tmp_path):
    load(store, tmp_path)
    return store


# --------------------------------------------------------------------------- merge / split


def test_merge_moves_relationships_drops_self_loop_and_undo_restores(loaded):
    before = graph_key(loaded.to_networkx())
    entry, counts = actions.merge(loaded, "Mahdi Army", "Sadr's men", by="ana", reason="same militia")
    assert entry.seq == 1 and entry.by == "ana" and entry.reason == "same militia" and entry.at.endswith("Z")
    assert rels(loaded) == {"mahdi-army|attacked|amber-front": 2, "jade-legion|attacked|amber-front": 1}
    mahdi = actor(loaded, "mahdi-army")
    assert "Sadr's men" in mahdi["aliases"] and mahdi["type"] == "ORGANIZATION"
    assert actor(loaded, "sadr's-men") is None
    assert [a["id"] for a in loaded.actors_named("Sadr's men")] == ["mahdi-army"]
    ev = list(loaded.evidence(relationship="mahdi-army|attacked|amber-front"))
    assert sorted(e["subject_text"] for e in ev) == ["Mahdi Army", "Sadr's men"]
    actions.undo(loaded, entry.seq, by="bo")
    assert graph_key(loaded.to_networkx()) == before
    [logged] = entries_of(loaded)
    assert logged.undone_by == "bo" and logged.undone_at


def test_split_undoes_a_merge_and_its_undo_merges_again(loaded):
    before = graph_key(loaded.to_networkx())
    actions.merge(loaded, "Mahdi Army", "Sadr's men")
    merged = graph_key(loaded.to_networkx())
    split, _ = actions.split(loaded, "Mahdi Army", "Sadr's men")
    assert graph_key(loaded.to_networkx()) == before
    actions.undo(loaded, split.seq)
    assert graph_key(loaded.to_networkx()) == merged


def test_split_moves_chosen_aliases_out(loaded):
    actions.merge(loaded, "Mahdi Army", "Sadr's men")
    entry, _ = actions.split(loaded, "Mahdi Army", aliases=["Sadr's men"], name="Sadr militia")
    assert rels(loaded)["sadr-militia|attacked|amber-front"] == 1
    assert actor(loaded, "sadr-militia")["aliases"] == ["Sadr's men"]
    assert "Sadr's men" not in actor(loaded, "mahdi-army")["aliases"]
    actions.undo(loaded, entry.seq)
    assert actor(loaded, "sadr-militia") is None and rels(loaded)["mahdi-army|attacked|amber-front"] == 2
    with pytest.raises(actions.CurationError):
        actions.split(loaded, "Mahdi Army", aliases=["Hamas"])


# --------------------------------------------------------------------------- names and types


def test_alias_add_maps_a_later_actor_and_remove_takes_it_back(loaded, tmp_path):
    entry, _ = actions.alias_add(loaded, "Mahdi Army", "Sadr's men")
    assert "Sadr's men" in actor(loaded, "mahdi-army")["aliases"] and actor(loaded, "sadr's-men") is None
    load(loaded, tmp_path, NEW)
    assert "mahdi-army|attacked|jade-legion" in rels(loaded)
    removed, _ = actions.alias_remove(loaded, "Mahdi Army", "Sadr's men")
    assert removed.args["cancels"] == entry.key
    assert actor(loaded, "sadr's-men") is not None and "sadr's-men|attacked|jade-legion" in rels(loaded)
    actions.undo(loaded, removed.seq)
    assert actor(loaded, "sadr's-men") is None
    actions.undo(loaded, entry.seq)
    assert actor(loaded, "sadr's-men") is not None


def test_alias_remove_hides_an_alias_from_the_articles(loaded):
    actions.merge(loaded, "Mahdi Army", "Sadr's men")
    entry, _ = actions.alias_remove(loaded, "Mahdi Army", "Sadr's men")
    assert "Sadr's men" not in actor(loaded, "mahdi-army")["aliases"]
    assert loaded.actors_named("Sadr's men") == []
    actions.undo(loaded, entry.seq)
    assert "Sadr's men" in actor(loaded, "mahdi-army")["aliases"]


def test_rename_and_retype_and_their_undo(loaded, tmp_path):
    before = graph_key(loaded.to_networkx())
    renamed, _ = actions.rename(loaded, "Sadr's men", "Sadr Brigades")
    # the id stays (scripts and exported files key on it); the name changes, the old one is an alias
    assert actor(loaded, "sadr-brigades") is None
    assert actor(loaded, "sadr's-men")["name"] == "Sadr Brigades"
    assert "Sadr's men" in actor(loaded, "sadr's-men")["aliases"]
    assert "sadr's-men|attacked|amber-front" in rels(loaded)
    retyped, _ = actions.retype(loaded, "Sadr Brigades", "ORGANIZATION")
    assert actor(loaded, "sadr's-men")["type"] == "ORGANIZATION"
    load(loaded, tmp_path, NEW)  # a new article naming the old name follows the rename and the retype
    assert "sadr's-men|attacked|jade-legion" in rels(loaded)
    assert actor(loaded, "sadr's-men")["type"] == "ORGANIZATION"
    with pytest.raises(actions.CurationError):
        actions.retype(loaded, "Sadr Brigades", "NOT_A_TYPE")
    with pytest.raises(actions.CurationError):
        actions.rename(loaded, "Sadr Brigades", "Mahdi Army")  # that actor exists: merge instead
    actions.undo(loaded, retyped.seq)
    assert actor(loaded, "sadr's-men")["type"] == "GROUP"
    actions.undo(loaded, renamed.seq)
    assert actor(loaded, "sadr's-men")["name"] == "Sadr's men" and actor(loaded, "sadr's-men")["type"] == "GROUP"
    loaded.forget(article_of(loaded, S5))
    assert graph_key(loaded.to_networkx()) == before


# --------------------------------------------------------------------------- block / reject / restore


def test_block_hides_and_keeps_out_a_name_and_restore_brings_it_back(loaded, tmp_path):
    before = graph_key(loaded.to_networkx())
    entry, _ = actions.block(loaded, "Sadr's men", reason="not an actor")
    assert actor(loaded, "sadr's-men") is None
    assert not any("sadr" in r for r in rels(loaded))
    load(loaded, tmp_path, NEW)  # never an actor again
    assert actor(loaded, "sadr's-men") is None and not any("sadr" in r for r in rels(loaded))
    with pytest.raises(actions.CurationError):
        actions.block(loaded, "sadr's men")  # blocked already
    actions.restore(loaded, "Sadr's men")
    assert "sadr's-men|attacked|jade-legion" in rels(loaded)
    loaded.forget(article_of(loaded, S5))
    assert graph_key(loaded.to_networkx()) == before


def test_reject_relationship_by_id_and_by_names_then_restore(loaded):
    before = graph_key(loaded.to_networkx())
    actions.reject_relationship(loaded, "jade-legion|attacked|amber-front")
    assert "jade-legion|attacked|amber-front" not in rels(loaded) and actor(loaded, "jade-legion") is None
    rel_id = actions.relationship_id(loaded, "Mahdi Army", "attacked", "Amber Front")
    second, _ = actions.reject_relationship(loaded, rel_id)
    assert rel_id not in rels(loaded)
    actions.restore(loaded, rel_id)
    actions.restore(loaded, "jade-legion|attacked|amber-front")
    assert graph_key(loaded.to_networkx()) == before
    with pytest.raises(actions.UnknownEntry):
        actions.reject_relationship(loaded, "no|such|thing")
    with pytest.raises(actions.UnknownEntry):
        actions.restore(loaded, "jade-legion|attacked|amber-front")  # nothing in force to restore


def test_reject_evidence_survives_re_ingest_and_restore_by_entry(loaded, tmp_path):
    before = graph_key(loaded.to_networkx())
    [ev] = loaded.evidence(relationship="jade-legion|attacked|amber-front")
    entry, _ = actions.reject_evidence(loaded, str(ev["id"]))
    assert "jade-legion|attacked|amber-front" not in rels(loaded)  # no evidence left: gone
    assert loaded.forget(ev["article_id"])
    summary = load(loaded, tmp_path, {"a4.txt": DOCS["a4.txt"]})  # the same article again
    assert summary["stored"] == 1 and loaded.has_article(ev["article_id"])
    assert "jade-legion|attacked|amber-front" not in rels(loaded)
    actions.restore(loaded, entry=entry.seq)
    assert graph_key(loaded.to_networkx()) == before
    with pytest.raises(actions.UnknownEntry):
        actions.reject_evidence(loaded, "999999")


# --------------------------------------------------------------------------- re-ingest, new articles


def test_curation_survives_re_ingest_and_applies_to_new_articles(loaded, tmp_path):
    actions.merge(loaded, "Mahdi Army", "Sadr's men")
    curated = graph_key(loaded.to_networkx())
    again = load(loaded, tmp_path)  # the same articles: skipped, the curated graph unchanged
    assert again["skipped"] == len(DOCS) and graph_key(loaded.to_networkx()) == curated
    for text in (S1, S2):
        loaded.forget(article_of(loaded, text))
    load(loaded, tmp_path)  # forgotten and ingested again: still merged
    assert graph_key(loaded.to_networkx()) == curated
    load(loaded, tmp_path, NEW)
    assert "mahdi-army|attacked|jade-legion" in rels(loaded) and actor(loaded, "sadr's-men") is None


def test_unknown_names_and_entries_change_nothing(loaded):
    before = graph_key(loaded.to_networkx())
    with pytest.raises(UnknownActor):
        actions.merge(loaded, "Mahdi Army", "Nobody At All")
    with pytest.raises(actions.UnknownEntry):
        actions.undo(loaded, 42)
    with pytest.raises(actions.CurationError):
        actions.merge(loaded, "Mahdi Army", "mahdi-army")
    assert entries_of(loaded) == [] and graph_key(loaded.to_networkx()) == before


# --------------------------------------------------------------------------- the shared file


def test_export_import_into_another_store_twice_changes_nothing(loaded, tmp_path):
    actions.merge(loaded, "Mahdi Army", "Sadr's men", reason="same militia")
    blocked, _ = actions.block(loaded, "Jade Legion")
    actions.undo(loaded, blocked.seq)
    document = export_document(loaded)
    text = json.dumps(document)
    other = SQLiteStore(tmp_path / "other.db")
    load(other, tmp_path)
    first = import_document(other, text)
    assert first["entries"] == 2
    assert graph_key(other.to_networkx()) == graph_key(loaded.to_networkx())
    assert import_document(other, text) == {"entries": 0, "undone": 0, "articles_rewritten": 0}
    assert [(e.action, e.by, e.at, e.reason, bool(e.undone_at)) for e in entries_of(other)] == \
        [(e.action, e.by, e.at, e.reason, bool(e.undone_at)) for e in entries_of(loaded)]
    other.close()


@pytest.mark.parametrize("bad", ["{not json", "[]", '{"graphkit_curation": 1, "entries": [{"action": "merge"}]}',
                                 '{"graphkit_curation": 1, "entries": [{"action": "explode", "args": {}, '
                                 '"by": "x", "at": "y"}]}'] + [
    # well-formed JSON with wrong types or values in an entry: refused in one line, never a traceback
    json.dumps({"graphkit_curation": 1, "entries": [{"action": action, "args": args, "by": "x", "at": at}]})
    for action, args, at in [
        ("block", {"name": ["Jade Legion"]}, "2026-01-01T00:00:00Z"),
        ("merge", {"actor": {"id": 7, "name": "X"}, "merged": {"id": "b", "name": "B"}}, "2026-01-01T00:00:00Z"),
        ("merge", {"actor": {"id": "a", "name": "A"}, "merged": {"id": "a", "name": "A"}}, "2026-01-01T00:00:00Z"),
        ("split", {"actor": {"id": "a", "name": "A"}, "aliases": [["x"]]}, "2026-01-01T00:00:00Z"),
        ("retype", {"actor": {"id": "a", "name": "A"}, "type": "BANANA"}, "2026-01-01T00:00:00Z"),
        ("block", {"name": "Jade Legion"}, "not a date"),
    ]])
def test_malformed_file_is_refused_whole(loaded, bad):
    good = {"key": "k1", "action": "block", "args": {"name": "Jade Legion"}, "by": "x", "at": "2026-01-01T00:00:00Z"}
    before = graph_key(loaded.to_networkx())
    with pytest.raises(actions.CurationError):
        import_document(loaded, bad)
    if bad.startswith('{"graphkit_curation"'):  # a good entry before a bad one is not applied either
        doc = json.loads(bad)
        doc["entries"].insert(0, good)
        with pytest.raises(actions.CurationError):
            import_document(loaded, json.dumps(doc))
    assert entries_of(loaded) == [] and graph_key(loaded.to_networkx()) == before


# --------------------------------------------------------------------------- the CLI


def _store_args(store, tmp_path) -> list[str]:
    if isinstance(store, SQLiteStore):
        return ["--db", store.path]
    return ["--neo4j", NEO4J_URI]


def test_cli_commands_their_errors_log_and_file(loaded, tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_NEO4J_PASSWORD", os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev")
    where = _store_args(loaded, tmp_path)
    runner = CliRunner()

    def cli(*args):
        return runner.invoke(app, [*args, *where])

    result = cli("merge", "Mahdi Army", "Sadr's men", "--by", "ana", "--reason", "same", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["seq"] == 1
    assert cli("alias", "add", "Amber Front", "the Front").exit_code == 0
    assert cli("rename", "Jade Legion", "Jade Brigade").exit_code == 0
    assert cli("retype", "Jade Brigade", "GROUP").exit_code == 0
    assert cli("block", "Amber Front").exit_code == 0
    assert cli("restore", "Amber Front").exit_code == 0
    assert cli("reject", "Mahdi Army", "attacked", "Amber Front").exit_code == 0
    assert cli("restore", "Mahdi Army", "attacked", "Amber Front").exit_code == 0
    evidence = cli("curation", "evidence", "jade-legion|attacked|amber-front", "-f", "json")  # renamed: same id
    assert evidence.exit_code == 0, evidence.output
    ev_id = json.loads(evidence.stdout)[0]["id"]
    assert cli("reject", "--evidence", str(ev_id)).exit_code == 0
    assert cli("split", "Mahdi Army", "Sadr's men").exit_code == 0
    assert cli("alias", "remove", "Amber Front", "the Front").exit_code == 0
    log = cli("curation", "log", "-f", "json")
    rows = json.loads(log.stdout)
    assert [r["action"] for r in rows] == ["merge", "alias_add", "rename", "retype", "block", "restore",
                                           "reject_relationship", "restore", "reject_evidence", "split",
                                           "alias_remove"]
    assert rows[0]["by"] == "ana" and rows[0]["reason"] == "same" and rows[0]["in_force"] is False
    assert cli("curation", "undo", "9").exit_code == 0  # the evidence is back
    assert "jade-legion|attacked|amber-front" in rels(loaded)
    out = tmp_path / "curation.json"
    assert cli("curation", "export", str(out)).exit_code == 0
    assert len(json.loads(out.read_text())["entries"]) == 11
    again = cli("curation", "import", str(out), "-f", "json")
    assert again.exit_code == 0 and json.loads(again.stdout)[0]["entries"] == 0
    before = (len(rows), graph_key(loaded.to_networkx()))
    for args, code in ((("merge", "Mahdi Army", "Nobody At All"), 1), (("curation", "undo", "77"), 1),
                       (("reject", "--evidence", "999999"), 1), (("restore", "Nobody"), 1),
                       (("retype", "Mahdi Army", "BOGUS"), 2), (("reject",), 2),
                       (("split", "Mahdi Army"), 2)):
        result = cli(*args)
        assert result.exit_code == code, (args, result.output)
        assert result.stderr.startswith("graphkit: ") and result.stderr.count("\n") == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"graphkit_curation": 1, "entries": [{"action": "block"}]}')
    result = cli("curation", "import", str(bad))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert (len(json.loads(cli("curation", "log", "-f", "json").stdout)), graph_key(loaded.to_networkx())) == before


def test_cli_help_of_every_command():
    runner = CliRunner()
    for args in (["merge"], ["split"], ["alias", "add"], ["alias", "remove"], ["rename"], ["retype"], ["block"],
                 ["reject"], ["restore"], ["curation", "log"], ["curation", "undo"], ["curation", "export"],
                 ["curation", "import"], ["curation", "evidence"]):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, args


# --------------------------------------------------------------------------- push


@pytest.mark.skipif(not NEO4J_URI, reason="GRAPHKIT_NEO4J_URI is not set")
def test_push_gives_neo4j_the_curated_graph_and_later_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_NEO4J_PASSWORD", os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev")
    lite = SQLiteStore(tmp_path / "graph.db")
    load(lite, tmp_path)
    neo = _neo4j_store()
    neo.clear()
    runner = CliRunner()
    push = ["push", "--db", lite.path, "--neo4j", NEO4J_URI, "-f", "json"]
    assert runner.invoke(app, push).exit_code == 0  # pushed before any curation
    merge, _ = actions.merge(lite, "Mahdi Army", "Sadr's men")
    actions.block(lite, "Jade Legion")
    result = runner.invoke(app, push)
    assert result.exit_code == 0, result.output
    assert graph_key(neo.to_networkx()) == graph_key(lite.to_networkx())
    assert [e.key for e in entries_of(neo)] == [e.key for e in entries_of(lite)]
    actions.undo(lite, merge.seq)
    assert runner.invoke(app, push).exit_code == 0
    assert graph_key(neo.to_networkx()) == graph_key(lite.to_networkx())
    actions.merge(neo, "Mahdi Army", "Sadr's men")  # Neo4j can be curated further after a push
    assert actor(neo, "sadr's-men") is None
    neo.close()
    lite.close()


def test_a_merge_follows_the_name_when_extraction_changes_the_id():
    from graphkit.curate.apply import Curation
    from graphkit.curate.log import new_entry

    merge = new_entry("merge", {"actor": {"id": "mahdi-army", "name": "Mahdi Army", "type": "ORGANIZATION"},
                                "merged": {"id": "sadr's-men", "name": "Sadr's men", "type": "GROUP"}}, by="ana")
    t = Triple.from_dict({**make_triple(S5, "Sadr's men", "attacked", "Jade Legion", "shelled",
                                        subject_id="sadr-s-men"), "article": "a5"})
    [curated] = Curation([merge]).triples([t])
    assert (curated.subject_id, curated.subject, curated.subject_type) == ("mahdi-army", "Mahdi Army", "ORGANIZATION")
    assert Curation([merge.undone("ana")]).triples([t]) == [t]


def test_forget_removes_the_extracted_copy_kept_for_curation(loaded):
    from graphkit.curate.replay import backend_for

    gone = article_of(loaded, S4)
    kept = article_of(loaded, S2)
    assert gone in backend_for(loaded).extracted()
    assert loaded.forget(gone)
    extracted = backend_for(loaded).extracted()
    assert gone not in extracted and kept in extracted
    assert not any(S4 in json.dumps(triples) for triples, _ in extracted.values())
    # a later replay does not bring the forgotten article back
    actions.merge(loaded, "Mahdi Army", "Sadr's men")
    assert all(ev["sentence"] != S4 for ev in loaded.evidence())
