"""Time on both stores: publication date apart from ingest time, --since/--until on every command that
reads relationships, ``graphkit timeline`` (table, json, PNG), GEXF intervals for Gephi's timeline,
exports with the first evidence sentence, and ``show`` naming article, date and reporter.

Every test runs on SQLite and on a real Neo4j (the ``neo4j_uri`` fixture of conftest)."""
from __future__ import annotations

import csv
import json
import os
import struct
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.run.ingest import ingest
from graphkit.store import SQLiteStore

USER = os.environ.get("GRAPHKIT_NEO4J_USER") or "neo4j"
PASSWORD = os.environ.get("GRAPHKIT_NEO4J_PASSWORD") or "graphkit-dev"
ENV = {"GRAPHKIT_NEO4J_USER": USER, "GRAPHKIT_NEO4J_PASSWORD": PASSWORD, "GRAPHKIT_NEO4J_URI": "", "COLUMNS": "120"}

LONG = ("U.S. military says the Mahdi Army is again fighting the Badr Organization in the southern city of "
        "Basra, where both movements have been competing for control of the port, the oil fields and the "
        "provincial council.")
CORPUS = {
    "arms.md": "---\ntitle: Arms for the militia\ndate: 2007-01-10\n---\nThe Quds Force supplied weapons to the Mahdi Army.\n",
    "talks.md": "---\ntitle: Talks in Tehran\ndate: 2007-03-02\n---\n"
                "Qassem Suleimani, the commander of the Quds Force, held talks with Muqtada al-Sadr in Tehran.\n",
    "feud.md": "---\ntitle: An old feud\ndate: 2008-05-20\n---\n"
               "Muqtada al-Sadr leads the Mahdi Army. The Mahdi Army is fighting the Badr Organization.\n",
    "again.md": f"---\ntitle: The feud again\ndate: 2022-04-01\n---\n{LONG}\n",
    # No date anywhere: ingested today, but it has no publication date.
    "undated.txt": "The Quds Force supplied weapons to the Mahdi Army in Basra. Hezbollah supports Hamas.\n",
}
TODAY = datetime.now(timezone.utc).strftime("%Y")


@pytest.fixture(scope="module", params=["sqlite", "neo4j"])
def where(request, tmp_path_factory, nlp) -> list[str]:
    """The CLI arguments naming a store that holds CORPUS."""
    d = tmp_path_factory.mktemp(f"time-{request.param}")
    for name, text in CORPUS.items():
        (d / name).write_text(text, encoding="utf-8")
    if request.param == "sqlite":
        db = d / "graph.db"
        with SQLiteStore(db) as store:
            assert ingest([str(d)], store, nlp=nlp, progress=False)["stored"] == 5
        return ["--db", str(db)]
    from graphkit.store.neo4j import Neo4jStore

    uri = request.getfixturevalue("neo4j_uri")
    with Neo4jStore(uri, USER, PASSWORD) as store:
        store.clear()
        assert ingest([str(d)], store, nlp=nlp, progress=False)["stored"] == 5
    return ["--neo4j", uri]


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    return result.exit_code, result.output


def as_json(where, *args):
    code, out = cli(*args, *where, "--format", "json")
    assert code == 0, out
    return json.loads(out)


def rel(rows, relation, actor):
    found = [r for r in rows if r["relation"] == relation and r["actor"] == actor]
    assert len(found) == 1, rows
    return found[0]


# ------------------------------------------------------------------------ publication date, not ingest time

def test_undated_article_has_no_publication_date(where):
    rows = {(r["subject"], r["relation"], r["object"]): r for r in as_json(where, "relationships")}
    only_undated = rows[("Hezbollah", "supports", "Hamas")]
    assert only_undated["first_seen"] is None and only_undated["last_seen"] is None
    arms = rows[("Quds Force", "supplies_weapons_to", "Mahdi Army")]
    assert arms["articles"] == 2 and arms["first_seen"] == arms["last_seen"] == "2007-01-10"
    assert not any((r["last_seen"] or "").startswith(TODAY) for r in rows.values()), "ingest time leaked in"


def test_since_leaves_out_undated_and_counts_only_the_window(where):
    rows = as_json(where, "links", "Mahdi Army", "--since", "2022")
    assert [(r["relation"], r["actor"], r["articles"]) for r in rows] == [("rival_of", "Badr Organization", 1)]
    assert rows[0]["first_seen"] == rows[0]["last_seen"] == "2022-04-01"
    assert rows[0]["evidence"] == LONG
    arms = rel(as_json(where, "links", "Mahdi Army", "--since", "2000"), "supplies_weapons_to", "Quds Force")
    assert arms["articles"] == 1, "the undated article is not in any date window"
    assert as_json(where, "links", "Hezbollah", "--since", "1900") == []
    assert rel(as_json(where, "links", "Hezbollah"), "supports", "Hamas")["first_seen"] is None


def test_until_and_both_bounds(where):
    early = as_json(where, "links", "Mahdi Army", "--until", "2007")
    assert {(r["relation"], r["actor"]) for r in early} == {("supplies_weapons_to", "Quds Force")}
    middle = as_json(where, "links", "Mahdi Army", "--since", "2008-05", "--until", "2008-05-20")
    assert {(r["relation"], r["actor"]) for r in middle} == {("commands", "Muqtada al-Sadr"),
                                                             ("rival_of", "Badr Organization")}
    assert rel(middle, "rival_of", "Badr Organization")["last_seen"] == "2008-05-20"
    assert as_json(where, "links", "Mahdi Army", "--since", "2009", "--until", "2021") == []


@pytest.mark.parametrize("args", [["links", "Mahdi Army"], ["path", "Suleimani", "Badr Organization"],
                                  ["show", "Mahdi Army"], ["relationships"], ["rank"], ["communities"],
                                  ["brokers"], ["timeline", "Mahdi Army"]], ids=lambda a: a[0])
@pytest.mark.parametrize("bad", [["--since", "2022-13"], ["--until", "last week"], ["--since", "2023", "--until", "2022"]],
                         ids=["month", "words", "reversed"])
def test_a_bad_date_is_one_line_and_exit_2(where, args, bad):
    code, out = cli(*args, *bad, *where)
    assert code == 2, out
    lines = out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("graphkit: --"), out


def test_path_walks_only_the_window(where):
    found = as_json(where, "path", "Suleimani", "Badr Organization")
    assert found[0]["actors"][-1] == "Badr Organization"
    code, out = cli("path", "Suleimani", "Badr Organization", "--until", "2007-12", *where)
    assert code == 1 and "no path" in out
    hops = as_json(where, "path", "Suleimani", "Badr Organization", "--since", "2007")[0]["hops"]
    last = hops[-1]["relationships"][0]
    assert [e["published"] for e in last["evidence"]] == ["2022-04-01", "2008-05-20"]


def test_show_and_analysis_take_the_window(where):
    record = as_json(where, "show", "Mahdi Army", "--since", "2008")
    assert {r["relation"] for r in record["relationships"]} == {"commands", "rival_of"}
    assert all(e["published"] >= "2008" for r in record["relationships"] for e in r["evidence"])
    ranked = {r["name"] for r in as_json(where, "rank", "--top", "0", "--until", "2007-01")}
    assert ranked == {"Quds Force", "Mahdi Army"}
    members = {m["name"] for c in as_json(where, "communities", "--since", "2022") for m in c["members"]}
    assert members == {"Mahdi Army", "Badr Organization"}
    assert as_json(where, "brokers", "--since", "2030") == {"articulation_points": [], "bridges": []}


# ------------------------------------------------------------------------ show

def test_show_wraps_whole_sentences_and_names_article_date_and_reporter(where):
    code, out = cli("show", "Mahdi Army", *where)
    assert code == 0, out
    assert "…" not in out
    words = " ".join(line for line in out.splitlines()).split()
    text = " ".join(w for w in words if w not in "│┃")
    for word in ("provincial", "council.", "The feud again", "2022-04-01", "U.S. military", "undated"):
        assert word in text, word
    rows = [json.loads(line) for line in cli("show", "Mahdi Army", *where, "--format", "jsonl")[1].splitlines()]
    again = [r for r in rows if r["sentence"] == LONG][0]
    assert (again["article_title"], again["date"], again["reported_by"]) == ("The feud again", "2022-04-01",
                                                                            "U.S. military")
    assert [r["date"] for r in rows if r["sentence"].endswith("in Basra.")] == [None]


# ------------------------------------------------------------------------ timeline

def test_timeline_json_table_csv_and_png(where, tmp_path):
    png = tmp_path / "t.png"
    entries = as_json(where, "timeline", "Mahdi Army", "--png", str(png))
    by = {(e["relation"], e["actor"]): e for e in entries}
    rival = by[("rival_of", "Badr Organization")]
    assert [s["date"] for s in rival["statements"]] == ["2008-05-20", "2022-04-01"]
    assert rival["statements"][1]["reported_by"] == "U.S. military"
    arms = by[("supplies_weapons_to", "Quds Force")]
    assert (arms["articles"], arms["undated"], [s["date"] for s in arms["statements"]]) == (2, 1, ["2007-01-10"])
    assert [e["first_seen"] for e in entries] == sorted(e["first_seen"] for e in entries)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width == 1000 and height >= 200 and png.stat().st_size > 5000

    pair = as_json(where, "timeline", "Mahdi Army", "Badr Organization", "--since", "2010")
    assert [(e["relation"], [s["date"] for s in e["statements"]]) for e in pair] == [("rival_of", ["2022-04-01"])]
    code, out = cli("timeline", "Mahdi Army", "Badr Organization", *where, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(out.splitlines()))
    assert [r["date"] for r in rows] == ["2008-05-20", "2022-04-01"]
    code, out = cli("timeline", "Mahdi Army", *where)
    assert code == 0 and "2007-01-10" in out and "provincial council." in out and "undated" in out
    flat = [json.loads(line) for line in cli("timeline", "Quds Force", *where, "--format", "jsonl")[1].splitlines()]
    assert [(r["relation"], r["date"]) for r in flat] == [("supplies_weapons_to", "2007-01-10"),
                                                          ("supplies_weapons_to", None), ("commands", "2007-03-02")]
    assert flat[1]["sentence"] == "(1 undated article(s))"
    code, out = cli("timeline", "Hezbollah", "Hamas", *where, "--since", "2000")
    assert code == 1 and "no relationship" in out
    code, out = cli("timeline", "Mahdi Army", *where, "--png", str(tmp_path / "t.jpg"))
    assert code == 2 and "give a .png" in out


# ------------------------------------------------------------------------ exports

def test_gexf_has_time_intervals_for_gephi(where, tmp_path):
    out = tmp_path / "g.gexf"
    code, text = cli("export", "--format", "gexf", "--out", str(out), *where)
    assert code == 0, text
    ns = {"g": "http://www.gexf.net/1.2draft"}
    root = ET.parse(out).getroot()
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    labels = {n.get("id"): n for n in graph.iter("{http://www.gexf.net/1.2draft}node")}
    edges = {(e.get("source"), e.get("target")): e for e in graph.iter("{http://www.gexf.net/1.2draft}edge")}
    rival = edges[("badr-organization", "mahdi-army")]
    assert (rival.get("start"), rival.get("end")) == ("2008-05-20", "2022-04-01")
    assert (labels["mahdi-army"].get("start"), labels["mahdi-army"].get("end")) == ("2007-01-10", "2022-04-01")
    undated = edges[("hezbollah", "hamas")]
    assert undated.get("start") is None and labels["hamas"].get("start") is None
    values = {}
    attr_ids = {a.get("id"): a.get("title") for a in graph.iter("{http://www.gexf.net/1.2draft}attribute")}
    for v in rival.iter("{http://www.gexf.net/1.2draft}attvalue"):
        values[attr_ids[v.get("for")]] = v.get("value")
    assert values["example"] == LONG and values["first_seen"] == "2008-05-20"
    windowed = tmp_path / "w.gexf"
    assert cli("export", "--format", "gexf", "--out", str(windowed), "--until", "2007", *where)[0] == 0
    ids = {n.get("id") for n in ET.parse(windowed).getroot().iter("{http://www.gexf.net/1.2draft}node")}
    assert ids == {"quds-force", "mahdi-army", "qassem-suleimani", "muqtada-al-sadr"}


def test_exports_carry_first_sentence_article_and_dates(where, tmp_path):
    assert cli("export", "--format", "csv", "--out", str(tmp_path / "csv"), *where)[0] == 0
    with open(tmp_path / "csv" / "relationships.csv", encoding="utf-8") as fh:
        rows = {(r["source"], r["relation"], r["target"]): r for r in csv.DictReader(fh)}
    arms = rows[("quds-force", "supplies_weapons_to", "mahdi-army")]
    assert arms["example"] == "The Quds Force supplied weapons to the Mahdi Army."
    assert arms["example_article_title"] == "Arms for the militia" and arms["example_article"]
    assert (arms["first_seen"], arms["last_seen"]) == ("2007-01-10", "2007-01-10")
    assert rows[("hezbollah", "supports", "hamas")]["first_seen"] == ""

    assert cli("export", "--format", "json", "--out", str(tmp_path / "g.json"), "--since", "2022", *where)[0] == 0
    links = json.loads((tmp_path / "g.json").read_text())["links"]
    assert [(l["relation"], l["articles"], l["example"], l["first_seen"]) for l in links] == [
        ("rival_of", 1, LONG, "2022-04-01")]

    assert cli("export", "--format", "graphml", "--out", str(tmp_path / "g.graphml"), *where)[0] == 0
    import networkx as nx

    graph = nx.read_graphml(tmp_path / "g.graphml")
    (edge,) = [d for s, o, d in graph.edges(data=True) if (s, o, d["relation"]) == ("quds-force", "mahdi-army",
                                                                                     "supplies_weapons_to")]
    assert edge["example"].startswith("The Quds Force") and edge["last_seen"] == "2007-01-10"


def test_viz_takes_the_window(where, tmp_path):
    code, out = cli("viz", "--out", str(tmp_path / "n.html"), "--since", "2022", *where)
    assert code == 0 and "wrote 2 actors and 1 relationships" in out, out
    code, out = cli("viz", "Mahdi Army", "--out", str(tmp_path / "n.png"), "--until", "2007", *where)
    assert code == 0 and "wrote 2 actors and 1 relationships" in out, out
    code, out = cli("viz", "--out", str(tmp_path / "x.html"), "--since", "20222", *where)
    assert code == 2 and out.count("\n") == 1
