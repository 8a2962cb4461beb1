"""What an analyst types into a curation, and what they get back, on both stores (the contract's ``store``
fixture: SQLite always, Neo4j with $GRAPHKIT_NEO4J_URI): a name with a control character or no text is
refused whole; a question about a blocked name says it is blocked; a rename keeps the actor's id."""
from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from test_curation import DOCS, NEW, S2, S5, actor, article_of, load, rels
from test_store_contract import NEO4J_URI, graph_key, make_triple, store  # noqa: F401 (fixture)
from graphkit.cli import app
from graphkit.curate import actions
from graphkit.curate.exchange import export_document, import_document
from graphkit.curate.log import new_entry
from graphkit.curate.replay import commit, entries_of
from graphkit.store import SQLiteStore

BAD_NAMES = ["Jaish\nal-Mahdi", "Jaish\tal-Mahdi", "Jaish\x1b[31m", "Jaish\x00", "Jaish\u2028Mahdi", "Jaish\rX",
             "   ", "", "\u00a0\u00a0", "?!."]


@pytest.fixture
def loaded(store, tmp_path):
    load(store, tmp_path)
    return store


@pytest.fixture
def cli(loaded, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_NEO4J_PASSWORD", os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev")
    where = ["--db", loaded.path] if isinstance(loaded, SQLiteStore) else ["--neo4j", NEO4J_URI]
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [*args, *where])


def _state(store) -> tuple:
    return len(entries_of(store)), graph_key(store.to_networkx())


# --------------------------------------------------------------------------- 1. typed names


@pytest.mark.parametrize("bad", BAD_NAMES)
def test_a_typed_name_that_is_not_one_printable_line_is_refused_and_nothing_written(loaded, cli, bad):
    before = _state(loaded)
    for args in (("alias", "add", "Mahdi Army", bad), ("rename", "Mahdi Army", bad), ("block", bad),
                 ("split", "Mahdi Army", "--alias", "Mahdi Army", "--name", bad),
                 ("alias", "add", "Mahdi Army", "Jaish al-Mahdi", "--by", bad)):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("graphkit: ") and result.stderr.count("\n") == 1, (args, result.stderr)
        assert "\x1b" not in result.stderr and "\x00" not in result.stderr
    assert _state(loaded) == before
    with pytest.raises(actions.CurationError):
        actions.alias_add(loaded, "Mahdi Army", bad)
    assert _state(loaded) == before


def test_an_undo_by_a_name_with_control_characters_is_refused_and_an_import_too(loaded, cli, tmp_path):
    assert cli("alias", "add", "Mahdi Army", "Jaish al-Mahdi").exit_code == 0
    before = _state(loaded)
    result = cli("curation", "undo", "1", "--by", "ana\x1b[2J")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "\x1b" not in result.stderr, result.stderr
    assert _state(loaded) == before and entries_of(loaded)[0].undone_at is None
    doc = export_document(loaded)
    doc["entries"][0].update(undone_at="2026-12-01T21:00:00Z", undone_by="ana\nroot")
    with pytest.raises(actions.CurationError, match="undone_by"):
        import_document(loaded, json.dumps(doc), name="log.json")
    assert _state(loaded) == before


def test_a_reason_may_run_over_lines_but_holds_no_other_control_character(loaded, cli):
    before = _state(loaded)
    result = cli("alias", "add", "Mahdi Army", "Jaish al-Mahdi", "--reason", "see \x1b]0;pwned\x07 Reuters")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and _state(loaded) == before
    ok = cli("alias", "add", "Mahdi Army", "Jaish al-Mahdi", "--reason", "Reuters style.\nAP agrees.")
    assert ok.exit_code == 0, ok.output
    assert entries_of(loaded)[0].reason == "Reuters style.\nAP agrees."


def test_names_in_other_scripts_and_with_joiners_are_accepted(loaded):
    entry, _ = actions.alias_add(loaded, "Mahdi Army", "جيش المهدي")
    assert "جيش المهدي" in actor(loaded, "mahdi-army")["aliases"]
    actions.alias_add(loaded, "Mahdi Army", "سپاه\u200cمهدی")  # a Persian zero-width non-joiner is text
    assert len(entries_of(loaded)) == 2


@pytest.mark.parametrize("field,value", [("alias", "Jaish\nal-Mahdi"), ("alias", "  "), ("by", "ana\x1b[2J")])
def test_an_imported_file_with_such_a_name_is_refused_whole(loaded, field, value):
    before = _state(loaded)
    entry = {"key": "k2", "action": "alias_add", "by": "ana", "at": "2026-01-01T00:00:00Z",
             "args": {"actor": {"id": "mahdi-army", "name": "Mahdi Army", "type": "ORGANIZATION"},
                      "alias": "Jaish al-Mahdi"}}
    if field == "by":
        entry["by"] = value
    else:
        entry["args"]["alias"] = value
    good = {"key": "k1", "action": "block", "args": {"name": "Jade Legion"}, "by": "x", "at": "2026-01-01T00:00:00Z"}
    with pytest.raises(actions.CurationError, match="entry 2"):
        import_document(loaded, json.dumps({"graphkit_curation": 1, "entries": [good, entry]}))
    assert _state(loaded) == before


# --------------------------------------------------------------------------- 2. a blocked name


def test_questions_about_a_blocked_name_say_so_with_the_entry_and_the_undo(loaded, cli):
    assert cli("block", "Jade Legion", "--by", "ana", "--reason", "not an actor").exit_code == 0
    seq = entries_of(loaded)[0].seq
    for args in (("links", "Jade Legion"), ("links", "jade-legion", "-f", "csv"), ("show", "jade legion"),
                 ("path", "Jade Legion", "Amber Front"), ("path", "Amber Front", "Jade Legion"),
                 ("timeline", "Jade Legion"), ("actors", "Jade Legion")):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.count("\n") == 1, (args, result.stderr)
        line = result.stderr
        assert "is blocked by the analyst" in line and f"curation log entry {seq}" in line, (args, line)
        assert "graphkit restore 'Jade Legion'" in line and f"graphkit curation undo {seq}" in line
        assert "did you mean" not in line and result.stdout == ""
    for fmt in ("json", "jsonl"):
        result = cli("links", "Jade Legion", "-f", fmt)
        assert result.exit_code == 1
        answer = json.loads(result.stdout)
        assert answer["blocked"] is True and answer["curation_entry"] == seq and answer["by"] == "ana"
        assert answer["reason"] == "not an actor" and answer["blocked_name"] == "Jade Legion"
        assert answer["undo"] == ["graphkit restore 'Jade Legion'", f"graphkit curation undo {seq}"]
    # an unknown name is still unknown, and a restore gives the answers back
    unknown = cli("links", "Nobody At All")
    assert unknown.exit_code == 1 and "blocked" not in unknown.stderr
    assert cli("restore", "Jade Legion").exit_code == 0
    back = cli("links", "Jade Legion", "-f", "json")
    assert back.exit_code == 0 and json.loads(back.stdout)[0]["actor"] == "Amber Front"


# --------------------------------------------------------------------------- 3. rename keeps the id


def test_rename_keeps_the_id_joins_the_new_name_survives_re_ingest_and_undo(loaded, tmp_path, cli):
    before = graph_key(loaded.to_networkx())
    result = cli("rename", "Mahdi Army", "Jaish al-Mahdi", "-f", "json")
    assert result.exit_code == 0, result.output
    mahdi = actor(loaded, "mahdi-army")
    assert mahdi["name"] == "Jaish al-Mahdi" and "Mahdi Army" in mahdi["aliases"]
    assert actor(loaded, "jaish-al-mahdi") is None
    assert {"mahdi-army|attacked|amber-front", "mahdi-army|rival_of|sadr's-men"} <= set(rels(loaded))
    # looked up by the new name, the old name and the id: the same actor
    for name in ("Jaish al-Mahdi", "Mahdi Army", "mahdi-army"):
        shown = cli("show", name, "-f", "json")
        assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == "mahdi-army", name
    # a later article naming the actor by its new name, or its old one, lands on the same id
    later = "Jaish al-Mahdi attacked the Jade Legion."
    load(loaded, tmp_path, {"a6.txt": (later, [make_triple(later, "Jaish al-Mahdi", "attacked", "Jade Legion",
                                                           "attacked")])})
    assert "mahdi-army|attacked|jade-legion" in rels(loaded) and actor(loaded, "jaish-al-mahdi") is None
    curated = graph_key(loaded.to_networkx())
    loaded.forget(article_of(loaded, S2))  # forgotten and ingested again: still renamed
    load(loaded, tmp_path)
    assert graph_key(loaded.to_networkx()) == curated
    # undo: the extracted name is back, and the article that named the new name is its own actor again
    [entry] = entries_of(loaded)
    assert cli("curation", "undo", str(entry.seq)).exit_code == 0
    assert actor(loaded, "mahdi-army")["name"] == "Mahdi Army"
    assert "jaish-al-mahdi|attacked|jade-legion" in rels(loaded)
    loaded.forget(article_of(loaded, later))
    assert graph_key(loaded.to_networkx()) == before


def test_rename_to_a_name_another_actor_has_is_refused(loaded):
    actions.alias_add(loaded, "Amber Front", "the Front")
    before = _state(loaded)
    for taken in ("Mahdi Army", "mahdi-army", "the Front"):
        with pytest.raises(actions.CurationError, match="merge the two"):
            actions.rename(loaded, "Jade Legion", taken)
    assert _state(loaded) == before


def test_a_log_from_before_still_replays_its_renames_to_the_new_id(loaded):
    """A rename recorded by an older graphkit (or imported from its file) moved the actor to the new
    name's id; the replay honours what the entry says."""
    old = new_entry("rename", {"actor": {"id": "jade-legion", "name": "Jade Legion", "type": "ORGANIZATION"},
                               "name": "Jade Brigade", "new_id": "jade-brigade"}, by="ana")
    commit(loaded, [old])
    assert actor(loaded, "jade-legion") is None and actor(loaded, "jade-brigade")["name"] == "Jade Brigade"
    assert "Jade Legion" in actor(loaded, "jade-brigade")["aliases"]


def test_a_renamed_actor_keeps_its_id_in_the_shared_file_and_on_another_store(loaded, tmp_path):
    actions.rename(loaded, "Sadr's men", "Sadr Brigades")
    doc = export_document(loaded)
    assert doc["entries"][0]["args"]["new_id"] == "sadr's-men"
    other = SQLiteStore(tmp_path / "other.db")
    load(other, tmp_path, {**DOCS, **NEW})
    import_document(other, json.dumps(doc))
    assert actor(other, "sadr's-men")["name"] == "Sadr Brigades"
    assert "sadr's-men|attacked|jade-legion" in rels(other) and article_of(other, S5)
    other.close()
