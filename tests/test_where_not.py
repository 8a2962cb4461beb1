"""--where-not leaves CSV/JSONL rows out (what --where cannot: it only keeps), by column name or number,
alone or with --where, in read_articles, the progress total and the CLI of extract and ingest."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from graphkit.cli.app import app
from graphkit.read import Article, Failure, ReadOptions, read_articles
from graphkit.read.count import count_items

ROWS = [("1", "World", "Iran armed the Houthis, officials said."),
        ("2", "Sports", "Arsenal beat Chelsea on Sunday."),
        ("3", "Business", "Oil prices rose on Monday."),
        ("1", "World", "Hamas held talks with Fatah in Cairo."),
        (" 2 ", "Sports", "The Yankees lost again.")]


def write_csv(path: Path, header: bool = True) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        if header:
            writer.writerow(["label", "title", "description"])
        writer.writerows(ROWS)
    return path


def texts(path: Path, **options) -> list[str]:
    items = list(read_articles([str(path)], ReadOptions(**options)))
    assert all(isinstance(i, Article) for i in items), items
    return [i.text.split("\n\n")[-1] for i in items]


def test_where_not_leaves_out_rows_by_name_or_number(tmp_path: Path) -> None:
    named, numbered = write_csv(tmp_path / "h.csv"), write_csv(tmp_path / "n.csv", header=False)
    no_sports = texts(named, text_column="description", where_not=(("label", "2"),))
    assert no_sports == texts(numbered, text_column="3", title_column="2", where_not=(("1", "2"),))
    assert no_sports == [ROWS[0][2], ROWS[2][2], ROWS[3][2]]  # " 2 " is 2 too, as --where reads it
    # repeatable: any of them leaves a row out; with --where: kept by one, not left out by the other
    assert texts(named, text_column="description", where_not=(("label", "2"), ("label", "3"))) == \
        [ROWS[0][2], ROWS[3][2]]
    assert texts(named, text_column="description", where=(("label", "1"), ("label", "2")),
                 where_not=(("title", "Sports"),)) == [ROWS[0][2], ROWS[3][2]]
    assert count_items([str(named)], ReadOptions(text_column="description", where_not=(("label", "2"),))) == 3


def test_where_not_on_a_column_the_file_lacks_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv")
    (failure,) = read_articles([str(path)], ReadOptions(text_column="description", where_not=(("lable", "2"),)))
    assert isinstance(failure, Failure)
    assert failure.message == f"{path}: no column 'lable' (columns: label, title, description)"


def test_where_not_on_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"label": 1, "text": "One."}\n{"label": 2, "text": "Two."}\n{"text": "None."}\n',
                    encoding="utf-8")
    assert [a.text for a in read_articles([str(path)], ReadOptions(where_not=(("label", "2"),)))] == \
        ["One.", "None."]  # a row without the key is not left out


def test_cli_where_not_on_extract_and_ingest(tmp_path: Path, nlp, monkeypatch) -> None:
    from graphkit.run import extract as extract_module

    monkeypatch.setitem(extract_module._PIPELINES, (None, ()), nlp)
    path = write_csv(tmp_path / "h.csv")
    runner = CliRunner()
    db = tmp_path / "g.db"
    ok = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--text-column", "description",
                             "--where-not", "label=2", "--where-not", "label=3", "--no-progress", "--format", "json"])
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["stored"] == 2
    extracted = runner.invoke(app, ["extract", str(path), "--text-column", "description", "--where-not", "label=2",
                                    "--where-not", "label=3", "--format", "jsonl"])
    assert extracted.exit_code == 0, extracted.stderr
    rows = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert rows and {r["subject"] for r in rows} <= {"Iran", "Hamas"}
    malformed = runner.invoke(app, ["extract", str(path), "--where-not", "label"])
    assert malformed.exit_code == 2 and "COLUMN=VALUE" in malformed.stderr and "--where-not" in malformed.stderr
    assert "--where-not" in runner.invoke(app, ["ingest", "--help"]).output
