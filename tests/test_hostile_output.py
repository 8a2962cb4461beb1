"""Hostile data on the way out: names, sentences and paths that look like rich markup, terminal escapes,
spreadsheet formulas, XML-illegal characters or matplotlib math; exports through planted symlinks.

Every test goes through the CLI on a store made here: the reading commands on a store filled through
the library (so a name can hold any character), ``ingest`` and ``extract`` through the real pipeline.
"""
from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

import graphkit.run.extract as extract_module
from graphkit.cli import app
from graphkit.records import Article, Evidence, Triple
from graphkit.store import SQLiteStore

MARKUP_SENTENCE = "Iran supplied weapons to the Houthis [/x] last year."
SIC_SENTENCE = "Iran armed Hezbollah [sic] in 2020."
ESCAPES = "\x1b]0;pwned\x07\x1b[31m\x9b2J\x00\x08"  # OSC title, SGR colour, C1 CSI, NUL, backspace


@pytest.fixture
def cli(monkeypatch):
    """Invoke the CLI in process; stdout and stderr apart."""
    monkeypatch.delenv("GRAPHKIT_DB", raising=False)
    monkeypatch.delenv("GRAPHKIT_NEO4J_URI", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def nlp_cli(nlp, cli, monkeypatch):
    """The CLI with the session's pipeline for extract and ingest (no second model load)."""
    monkeypatch.setitem(extract_module._PIPELINES, (None, ()), nlp)
    return cli


def triple(subject: str, relation: str, obj: str, sentence: str, article: str = "a1",
           source: str = "news.txt") -> Triple:
    """A triple whose evidence is ``sentence`` (offsets: the whole sentence, as the store only keeps them)."""
    n = len(sentence)
    ev = Evidence(article=article, source=source, sentence=sentence, sentence_start=0, sentence_end=n,
                  subject_text=subject, subject_start=0, subject_end=min(n, len(subject)), object_text=obj,
                  object_start=0, object_end=min(n, len(obj)), trigger="x", trigger_start=0, trigger_end=1,
                  pattern="verb")
    slug = lambda s: "".join(c if c.isalnum() else "-" for c in s.lower()).strip("-") or "x"  # noqa: E731
    return Triple(subject=subject, relation=relation, object=obj, subject_id=slug(subject),
                  object_id=slug(obj), subject_type="GROUP", object_type="STATE", hedged=False,
                  confidence=0.8, article=article, evidence=ev)


def make_store(db: Path, triples: list[Triple], source: str = "news.txt") -> Path:
    text = " ".join(t.evidence.sentence for t in triples)
    with SQLiteStore(db) as store:
        store.add_articles([(Article(id="a1", text=text, source=source, title=source), triples)])
    return db


def ok(result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    return result.stdout


# --------------------------------------------------------------------------- 1. rich markup


def test_markup_in_sentences_and_db_path_is_shown_as_text(nlp_cli, tmp_path):
    article = tmp_path / "m.txt"
    article.write_text(f"{MARKUP_SENTENCE} {SIC_SENTENCE}\n", encoding="utf-8")
    (tmp_path / "odd [").mkdir()
    db = tmp_path / "odd [" / "x] [bold]n.db"  # the path holds "[/x]" and "[bold]"
    ingested = ok(nlp_cli("ingest", article, "--db", db, "--no-progress"))
    squeeze = lambda out: "".join(out.split())  # noqa: E731 (the title wraps at the runner's 80 columns)
    assert "odd[/x][bold]n.db" in squeeze(ingested)  # the summary's title names the file as it is
    assert "odd[/x][bold]n.db" in squeeze(ok(nlp_cli("stats", "--db", db)))
    shown = ok(nlp_cli("relationships", "--db", db))
    assert "[/x]" in shown and "[sic]" in shown
    for args in (["actors"], ["rank"], ["communities"], ["brokers"], ["links", "Iran"], ["show", "Iran"]):
        ok(nlp_cli(*args, "--db", db))
    assert "[/x]" in ok(nlp_cli("links", "Iran", "--db", db)) and "[sic]" in ok(nlp_cli("show", "Iran", "--db", db))
    table = ok(nlp_cli("extract", article, "-f", "table"))
    assert "[/x]" in table and "[sic]" in table


def test_markup_in_actor_names_is_shown_as_text(cli, tmp_path):
    red, odd = "[bold red]Red Hand[/]", "[/x] Front :smile:"
    db = make_store(tmp_path / "g.db", [triple(red, "attacked", odd, "The Red Hand attacked the Front [/x]."),
                                        triple(odd, "attacked", "Iran", "The Front hit Iran [sic].")])
    for args in (["relationships"], ["actors"], ["rank"], ["communities"], ["brokers"], ["links", odd],
                 ["show", odd], ["path", red, "Iran"]):
        out = ok(cli(*args, "--db", db))
        assert red in out or odd in out, args
    assert f"{odd}: " in ok(cli("links", odd, "--db", db))  # the table's title names the actor as it is


# --------------------------------------------------------------------------- 5. XML-illegal characters


def test_graphml_and_gexf_with_control_characters_read_back(cli, tmp_path):
    import networkx as nx

    bad = "Red\x00 Hand\x01\x1b[31m\x0b\ufffe"
    db = make_store(tmp_path / "g.db", [triple(bad, "attacked", "Iran\x0c", "Red Hand\x07 attacked Iran\x00.")])
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        ok(cli("export", "--format", fmt, "--out", out, "--db", db))
        graph = read(out)
        labels = sorted(str(d.get("label", n)) for n, d in graph.nodes(data=True))
        assert labels == ["Iran", "Red Hand[31m"], (fmt, labels)


# --------------------------------------------------------------------------- 7. CSV formula injection


FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def csv_file(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_cells_that_start_a_formula_are_quoted(cli, nlp_cli, tmp_path):
    triples = [triple(f, "attacked", "Iran", f"{f} attacked Iran.", article="a1") for f in FORMULAS]
    db = make_store(tmp_path / "g.db", triples)
    rows = csv_rows(ok(cli("relationships", "--db", db, "-f", "csv")))
    assert sorted(r["subject"] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert all(r["example"].startswith("'") for r in rows)
    assert {r["articles"] for r in rows} == {"1"}
    links = csv_rows(ok(cli("links", "Iran", "--db", db, "-f", "csv")))
    assert sorted(r["actor"] for r in links) == sorted("'" + f for f in FORMULAS)
    out = tmp_path / "csv"
    ok(cli("export", "--format", "csv", "--out", out, "--db", db))
    actors = csv_file(out / "actors.csv")
    assert sorted(r["label"] for r in actors) == sorted(["Iran", *("'" + f for f in FORMULAS)])
    rels = csv_file(out / "relationships.csv")
    assert sorted(r["source_label"] for r in rels) == sorted("'" + f for f in FORMULAS)
    article = tmp_path / "f.txt"
    article.write_text("=Iran supplied weapons to Hezbollah during the long winter.\n", encoding="utf-8")
    [row] = csv_rows(ok(nlp_cli("extract", article, "-f", "csv")))
    assert row["sentence"].startswith("'=Iran") and row["subject"] == "Iran" and row["confidence"][0].isdigit()


def test_csv_numbers_stay_numbers():
    from graphkit.views.render import csv_value

    assert [csv_value(v) for v in (-5, -0.5, 3, "-5", "-2.5e3")] == [-5, -0.5, 3, "-5", "-2.5e3"]
    assert [csv_value(v) for v in ("-x", "=1", "@a", "+a", "\tA", "\rA", "a=b")] == \
        ["'-x", "'=1", "'@a", "'+a", "'\tA", "'\rA", "a=b"]


# --------------------------------------------------------------------------- 8. terminal escapes


def test_terminal_escapes_never_reach_table_output_or_errors(cli, tmp_path):
    name = f"Red{ESCAPES}Hand"
    db = make_store(tmp_path / "g.db", [triple(name, "attacked", "Iran", f"Red Hand {ESCAPES}attacked Iran.")],
                    source=f"evil{ESCAPES}.txt")
    for args in (["relationships"], ["actors"], ["rank"], ["links", "Iran"], ["show", "Iran"]):
        out = ok(cli(*args, "--db", db))
        assert not any(c in out for c in "\x1b\x07\x9b\x00\x08"), (args, out)
        assert "Red]0;pwned[31m2JHand" in out or "Red]0;pwned" in out or "[31m2JHand" in out, args
    missing = cli("links", f"nobody{ESCAPES}", "--db", db)
    assert missing.exit_code == 1 and "nobody" in missing.stderr
    assert not any(c in missing.stderr for c in "\x1b\x07\x9b\x00\x08"), missing.stderr
    bad_db = cli("stats", "--db", tmp_path / f"no{ESCAPES}dir" / "x.db")
    assert bad_db.exit_code == 2 and not any(c in bad_db.stderr for c in "\x1b\x07\x9b\x00"), bad_db.stderr
    data = json.loads(ok(cli("relationships", "--db", db, "-f", "json")))
    assert data[0]["subject"] == name  # machine formats keep the data as it is
    [row] = csv_rows(ok(cli("relationships", "--db", db, "-f", "csv")))
    assert row["subject"] == name


# --------------------------------------------------------------------------- 11. matplotlib math text


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_dollar_names_draw_as_plain_text(cli, tmp_path, suffix):
    db = make_store(tmp_path / "g.db", [triple("$\\frac{a}{$", "attacked", "Iran $x^2$", "They fought."),
                                        triple("Price $5 and $6", "attacked", "Iran $x^2$", "Again.")])
    out = tmp_path / f"g{suffix}"
    ok(cli("viz", "--db", db, "--out", out))
    assert out.stat().st_size > 0
    if suffix == ".svg":
        text = out.read_text(encoding="utf-8")
        assert "Price $5 and $6" in text and "$\\frac{a}{$" in text


# --------------------------------------------------------------------------- 14. temporary files


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_export_ignores_a_planted_temporary_symlink(cli, tmp_path, fmt):
    db = make_store(tmp_path / "g.db", [triple("Hamas", "attacked", "Israel", "Hamas attacked Israel.")])
    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / ("out" if fmt == "csv" else f"out.{fmt}")
    targets = [out / "actors.csv", out / "relationships.csv"] if fmt == "csv" else [out]
    if fmt == "csv":
        out.mkdir()
    for target in targets:  # every name the old export would have used, for this and nearby pids
        for pid in range(max(1, os.getpid() - 50), os.getpid() + 50):
            os.symlink(victim, f"{target}.tmp-{pid}")
    ok(cli("export", "--format", fmt, "--out", out, "--db", db))
    assert victim.read_text(encoding="utf-8") == "precious\n"
    for target in targets:
        assert not target.is_symlink() and "Hamas" in target.read_text(encoding="utf-8")


def test_viz_page_ignores_a_planted_temporary_symlink(cli, tmp_path):
    db = make_store(tmp_path / "g.db", [triple("Hamas", "attacked", "Israel", "Hamas attacked Israel.")])
    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    page = tmp_path / "net.html"
    for pid in range(max(1, os.getpid() - 50), os.getpid() + 50):
        os.symlink(victim, f"{page}.tmp-{pid}")
    ok(cli("viz", "--db", db, "--out", page))
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert "Hamas" in page.read_text(encoding="utf-8") and not page.is_symlink()


@pytest.mark.parametrize("fmt,name", [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json"),
                                      ("csv", "csvdir"), ("viz", "net.html"), ("viz", "net.svg")])
def test_exports_are_private_unless_the_umask_is_stricter(cli, tmp_path, fmt, name):
    db = make_store(tmp_path / "g.db", [triple("Hamas", "attacked", "Israel", "Hamas attacked Israel.")])
    out = tmp_path / name
    args = ["viz", "--out", out] if fmt == "viz" else ["export", "--format", fmt, "--out", out]
    old = os.umask(0o022)
    try:
        ok(cli(*args, "--db", db))
        files = [out / "actors.csv", out / "relationships.csv"] if fmt == "csv" else [out]
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
        os.umask(0o077)
        ok(cli(*args, "--db", db))  # replacing an earlier export
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
        os.umask(0o277)  # stricter than 0600: the user's umask wins
        for f in files:
            f.unlink()
        ok(cli(*args, "--db", db))
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o400}
    finally:
        os.umask(old)


def test_show_heading_has_no_terminal_escapes(cli, tmp_path):
    name = f"Red{ESCAPES}Hand"
    db = make_store(tmp_path / "g.db", [triple(name, "attacked", "Iran", "Red Hand attacked Iran.")])
    out = ok(cli("show", name, "--db", db))
    assert not any(c in out for c in "\x1b\x07\x9b\x00\x08"), out


def test_the_file_helpers_examples():
    import doctest

    import graphkit.views.files

    assert doctest.testmod(graphkit.views.files).failed == 0
