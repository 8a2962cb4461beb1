"""The `graphkit extract` command end to end: formats, bad input, exit codes."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
GOOD = "Hezbollah leader Hassan Nasrallah held talks with Iranian officials in Beirut.\n"
REQUIRED = {"subject", "relation", "object", "subject_type", "object_type", "hedged", "confidence", "evidence"}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, stdin: str | None = None):
    return runner.invoke(app, ["extract", *args], input=stdin)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_jsonl_has_the_scored_fields(runner, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    result = run(runner, str(p), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result)
    assert rows and all(REQUIRED <= r.keys() for r in rows)
    got = {(r["subject"], r["relation"], r["object"]) for r in rows}
    assert ("Hassan Nasrallah", "commands", "Hezbollah") in got
    assert ("Hassan Nasrallah", "negotiated_with", "Iran") in got
    assert not any("Beirut" in (r["subject"], r["object"]) for r in rows)
    ev = rows[0]["evidence"]
    assert ev["article"] == rows[0]["article"] and ev["source"] == str(p)


def test_sample_articles_give_each_core_relation(runner):
    result = run(runner, str(SAMPLES), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    relations = {r["relation"] for r in jsonl(result)}
    assert {"commands", "supplies_weapons_to", "negotiated_with", "rival_of"} <= relations


def test_json_and_csv_formats(runner, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    as_json = json.loads(run(runner, str(p), "--format", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(run(runner, str(p), "--format", "csv").stdout)))
    assert len(as_json) == len(as_csv) > 0
    assert {r["relation"] for r in as_json} == {r["relation"] for r in as_csv}


def test_table_format_names_the_actors(runner, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    result = run(runner, str(p), "--format", "table")
    assert result.exit_code == 0
    assert "Nasrallah" in result.stdout and "commands" in result.stdout


def test_stdin(runner):
    result = run(runner, "-", "--format", "jsonl", stdin=GOOD)
    assert result.exit_code == 0
    assert any(r["relation"] == "commands" for r in jsonl(result))


@pytest.mark.parametrize("name,content,expect", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\t\n", "empty"),
    ("binary.txt", b"\x00\x01\x02binary\x00", "binary"),
    ("latin1.txt", "Caf\u00e9 talks".encode("latin-1"), "UTF-8"),
])
def test_bad_file_is_named_and_others_still_processed(runner, tmp_path, name, content, expect):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = run(runner, str(bad), str(good), "--format", "jsonl")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and name in errors[0] and expect in errors[0]
    assert any(r["relation"] == "commands" for r in jsonl(result))


def test_directory_without_text(runner, tmp_path):
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    result = run(runner, str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr and result.stdout == ""


def test_html_markup_is_stripped(runner, tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>T</title><script>var Hamas = 1;</script></head>"
                 "<body><p>Hezbollah leader Hassan Nasrallah held talks with Iranian officials &amp; aides.</p></body></html>")
    rows = jsonl(run(runner, str(p), "--format", "jsonl"))
    assert ("Hassan Nasrallah", "commands", "Hezbollah") in {(r["subject"], r["relation"], r["object"]) for r in rows}
    for r in rows:
        assert "<" not in r["evidence"]["sentence"]


def test_csv_rows_are_articles(runner, tmp_path):
    p = tmp_path / "news.csv"
    with p.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "headline", "body"])
        w.writerow(["n1", "Talks", GOOD])
        w.writerow(["n2", "Nothing", "The weather was fine."])
    result = run(runner, str(p), "--text-column", "body", "--title-column", "headline", "--id-column", "id",
                 "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result)
    assert rows and {r["article"] for r in rows} == {"n1"}


def test_unknown_format_is_refused(runner, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    result = run(runner, str(p), "--format", "xml")
    assert result.exit_code == 2 and "unknown format" in result.stderr


def test_long_text_offsets_survive_chunking(tmp_path):
    from graphkit.read import Article
    from graphkit.run.extract import extract_articles

    filler = "Nothing happened on this quiet day in the capital.\n\n" * 2500
    text = filler + GOOD
    art = Article(id="long", text=text, source="long")
    [(_, triples)] = list(extract_articles([art]))
    assert triples
    for t in triples:
        ev = t.evidence.to_dict()
        assert text[ev["subject_start"]:ev["subject_end"]] == ev["subject_text"]
        assert text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]


def test_two_worker_processes_give_the_same_triples(runner):
    one = run(runner, str(SAMPLES), "--format", "jsonl")
    two = run(runner, str(SAMPLES), "--format", "jsonl", "--workers", "2")
    assert two.exit_code == 0, two.stderr
    key = lambda r: (r["article"], r["subject"], r["relation"], r["object"], r["evidence"]["trigger_start"])  # noqa: E731
    assert sorted(map(key, jsonl(one))) == sorted(map(key, jsonl(two)))


def test_version_prints_name_and_version(runner):
    from graphkit import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"graphkit {__version__}"
