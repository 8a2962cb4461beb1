"""Awkward text through the bulk path: a newline, a carriage return, a quote, a comma, the array delimiter
(unit separator) and non-ASCII in names, titles and sentences come out of `neo4j-admin database import full`
byte for byte; the rows holding a line break, and only those, are in the `*-multiline.csv` files (the only
ones the import tool parses for quoted newlines)."""
from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, _free_port
from graphkit.read import Article
from graphkit.records import Triple
from graphkit.store import SQLiteStore
from graphkit.store.neo4j import Neo4jStore
from graphkit.views.neo4j_import import HEADERS, multiline_name, write_import_files

PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev"
ODD = 'Ünïcødé «quoted» "twice", with\x1fa unit separator'
SENTENCES = {  # relation -> sentence: the first two break lines, the others do not
    "attacked": f'Army\nof the North attacked the rebels, {ODD}.',
    "funds": 'Army of the North funds the rebels,\r\n said "the" source: 東京.',
    "supports": f"Army of the North supports the rebels; {ODD}.",
}


def _triple(relation: str, sentence: str, subject: str = "Army of the North") -> Triple:
    s0, o0, t0 = sentence.index("Army"), sentence.index("the rebels"), sentence.index(relation)
    return Triple.from_dict({
        "subject": subject, "relation": relation, "object": "the rebels", "subject_id": "army-north",
        "object_id": "rebels", "subject_type": "GROUP", "object_type": "GROUP", "hedged": False,
        "confidence": 0.7000000000000001,
        "evidence": {"sentence": sentence, "sentence_start": 0, "sentence_end": len(sentence),
                     "subject_text": sentence[s0:s0 + 17], "subject_start": s0, "subject_end": s0 + 17,
                     "object_text": "the rebels", "object_start": o0, "object_end": o0 + 10,
                     "trigger": relation, "trigger_start": t0, "trigger_end": t0 + len(relation),
                     "pattern": "verb", "hedged": False, "reported_by": None},
        "article": "odd-1"})


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    d = tmp_path_factory.mktemp("import-text")
    db = d / "graph.db"
    with SQLiteStore(db) as lite:
        lite.add_articles([(Article(id="odd-1", text="", source=f"wire, {ODD}", title=f"Line one\nline two, {ODD}",
                                    date="2024-03-01"),
                            [_triple(r, s, subject="Army of the North\n(Ünïcødé)" if r == "attacked" else
                                     "Army of the North") for r, s in SENTENCES.items()])])
    with SQLiteStore(db, readonly=True) as lite:
        write_import_files(lite, str(d / "files"))
    return db, d / "files"


def _rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_only_rows_with_a_line_break_are_in_the_multiline_files(exported):
    _, files = exported
    for name, header in HEADERS.items():  # every file has its sibling, a header alone when no row breaks
        assert _rows(files / name)[0] == _rows(files / multiline_name(name))[0] == header
    plain, multiline = _rows(files / "nodes-evidence.csv")[1:], _rows(files / "nodes-evidence-multiline.csv")[1:]
    sentence = HEADERS["nodes-evidence.csv"].index("sentence")
    assert sorted(r[sentence] for r in multiline) == sorted([SENTENCES["attacked"], SENTENCES["funds"]])
    assert [r[sentence] for r in plain] == [SENTENCES["supports"]]
    assert [r[1] for r in _rows(files / "nodes-articles-multiline.csv")[1:]] == [f"Line one\nline two, {ODD}"]
    assert _rows(files / "nodes-articles.csv")[1:] == []
    assert [r[1] for r in _rows(files / "nodes-actors-multiline.csv")[1:]] == ["Army of the North\n(Ünïcødé)"]
    assert [r[1] for r in _rows(files / "nodes-actors.csv")[1:]] == ["the rebels"]


def test_the_import_tool_gives_back_every_byte(exported, tmp_path):
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("java is not on PATH: the import tool needs Java 17+")
    db, files = exported
    env = {**os.environ, "GRAPHKIT_NEO4J_DIR": str(tmp_path / "server"), "GRAPHKIT_NEO4J_PORT": str(_free_port()),
           "GRAPHKIT_NEO4J_PASSWORD": PASSWORD}
    run = lambda *a: subprocess.run(["bash", str(ROOT / "neo4j" / "run.sh"), *a], capture_output=True,  # noqa: E731
                                    text=True, timeout=600, env=env)
    imported = run("import", str(files))
    assert imported.returncode == 0, imported.stderr[-3000:]
    started = run("start")
    assert started.returncode == 0, started.stderr[-3000:]
    try:
        with Neo4jStore(started.stdout.strip().splitlines()[-1], "neo4j", PASSWORD) as neo, \
                SQLiteStore(db, readonly=True) as lite:
            assert list(neo.actors()) == list(lite.actors())
            assert neo.article("odd-1") == lite.article("odd-1")
            drop_id = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
            assert drop_id(neo.evidence()) == drop_id(lite.evidence())
            assert {e["sentence"] for e in neo.evidence()} == set(SENTENCES.values())
    finally:
        run("stop")


def test_a_symmetric_relationship_stored_against_id_order_is_turned_round(exported, tmp_path):
    """A relation declared symmetric after it was stored: 'rebels|rival_of|army-north' is written as
    'army-north|rival_of|rebels', its evidence's subject and object swapped, and the two rows that then share a
    key are one (the surer kept), as a push stores them."""
    db, _ = exported
    copy = tmp_path / "swapped.db"
    copy.write_bytes(db.read_bytes())
    with sqlite3.connect(copy) as con:
        sentence = "The rebels are rivals of the Army of the North."
        con.execute("INSERT INTO relationships (id, subject_id, relation, object_id) VALUES (?, ?, ?, ?)",
                    ("rebels|rival_of|army-north", "rebels", "rival_of", "army-north"))
        con.execute("INSERT INTO relationships (id, subject_id, relation, object_id) VALUES (?, ?, ?, ?)",
                    ("army-north|rival_of|rebels", "army-north", "rival_of", "rebels"))
        for rid, confidence, s, o in (("rebels|rival_of|army-north", 0.9, (4, 10), (29, 46)),
                                      ("army-north|rival_of|rebels", 0.5, (29, 46), (4, 10))):
            con.execute("INSERT INTO evidence (relationship_id, article_id, sentence, sentence_start, sentence_end, "
                        "subject_text, subject_start, subject_end, object_text, object_start, object_end, trigger, "
                        "trigger_start, trigger_end, pattern, hedged, confidence) "
                        "VALUES (?, 'odd-1', ?, 0, 47, ?, ?, ?, ?, ?, ?, 'rivals', 15, 21, 'verb', 0, ?)",
                        (rid, sentence, sentence[s[0]:s[1]], *s, sentence[o[0]:o[1]], *o, confidence))
    with SQLiteStore(copy, readonly=True) as lite:
        counts = write_import_files(lite, str(tmp_path / "files"))
    assert counts["relationships"] == 4 and counts["evidence"] == 4
    rels = [r for r in _rows(tmp_path / "files" / "relationships-relation.csv")[1:] if r[3] == "rival_of"]
    assert rels == [["army-north", "rebels", "army-north|rival_of|rebels", "rival_of", "RELATION"]]
    header = HEADERS["nodes-evidence.csv"]
    rivals = [dict(zip(header, r)) for r in _rows(tmp_path / "files" / "nodes-evidence.csv")[1:] if "rivals" in r[3]]
    assert [(e["id"], e["subject_text"], e["subject_start:long"], e["object_text"], e["confidence:double"])
            for e in rivals] == [("army-north|rival_of|rebels|odd-1|0|15", "Army of the North", "29", "rebels", "0.9")]


def test_an_earlier_exports_files_are_removed(exported, tmp_path):
    """run.sh import reads every nodes-*.csv and relationships-*.csv of the directory: an export into a directory
    an earlier graphkit wrote removes the files it no longer writes, and nothing else."""
    db, _ = exported
    out = tmp_path / "again"
    out.mkdir()
    (out / "relationships-supports.csv").write_text(":START_ID(Evidence),:END_ID(Relationship),:TYPE\n")
    (out / "nodes-relationships.csv").write_text("id:ID(Relationship),relation,:LABEL\n")
    (out / "notes.txt").write_text("mine")
    with SQLiteStore(db, readonly=True) as lite:
        written = write_import_files(lite, str(out))
    assert sorted(p.name for p in out.iterdir()) == sorted([Path(f).name for f in written["files"]] + ["notes.txt"])
