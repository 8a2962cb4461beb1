"""Article dates (front matter, HTML meta, JSON-LD, columns, datelines with and without a year), the
CSV read one way whether its columns are named or numbered, --where, feed escapes, the progress total."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.read import Article, Failure, ReadOptions, read_articles
from graphkit.read.count import count_items
from graphkit.read.dates import dateline_date, normalize_date


def read(*paths, **options) -> list:
    return list(read_articles([str(p) for p in paths], ReadOptions(**options)))


def only_article(items: list) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# ------------------------------------------------------------------ datelines


@pytest.mark.parametrize("line, expected", [
    ("BAGHDAD, July 2008 - Iraqi forces moved in.", ("2008-07", False)),
    ("BASRA, Iraq, April 6, 2008 \u2014 The offensive ended.", ("2008-04-06", False)),
    ("KINSHASA, Aug 12, 2025 \u2014 Seven months on.", ("2025-08-12", False)),
    ("BOGOT\u00c1, Feb 10, 2025 \u2014 Talks stalled.", ("2025-02-10", False)),
    ("PORT SUDAN, 4 June 2025 - More than two years.", ("2025-06-04", False)),
])
def test_dateline_with_a_year(line: str, expected: tuple) -> None:
    assert dateline_date(line) == expected


def test_dateline_without_a_year_takes_the_text_year_and_says_so() -> None:
    text = "ISLAMABAD, Pakistan : Sep 04 - Talks resumed. The 2004 accord was signed in 2004, not 2003."
    assert dateline_date(text) == ("2004-09-04", True)


def test_dateline_without_a_year_takes_the_files_other_dates() -> None:
    assert dateline_date("KABUL, Sept. 4 (Reuters) - Taliban fighters attacked.", other_year=2008) == ("2008-09-04", True)


def test_dateline_without_any_year_gives_no_date() -> None:
    assert dateline_date("ISLAMABAD, Pakistan : Sep 04 - Talks resumed.") == (None, False)
    assert dateline_date("KABUL (Reuters) - Taliban fighters attacked a convoy.") == (None, False)
    assert dateline_date("Iran, May 5 - lower-case place is no dateline") == (None, False)


def test_normalized_dates() -> None:
    assert normalize_date("2024-05-06T10:00:00Z") == "2024-05-06T10:00:00Z"
    assert normalize_date("Tue, 05 Mar 2019 08:00:00 GMT") == "2019-03-05T08:00:00+00:00"
    assert normalize_date("March 5, 2019") == "2019-03-05"
    assert normalize_date("2019-02-30") is None and normalize_date("soon") is None


def test_text_file_dateline_after_headline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Truce in Basra\n\nBASRA, Iraq, April 6, 2008 - The fighting stopped.\n", encoding="utf-8")
    article = only_article(read(path))
    assert (article.title, article.date, article.year_guessed) == ("Truce in Basra", "2008-04-06", False)


def test_front_matter_date_wins_and_is_iso(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\ndate: July 6, 2008\n---\nBAGHDAD, Sep 1, 2001 - Text.\n", encoding="utf-8")
    assert only_article(read(path)).date == "2008-07-06"


def test_html_og_and_json_ld_dates(tmp_path: Path) -> None:
    og = tmp_path / "og.html"
    og.write_text('<html><head><meta property="og:published_time" content="2010-01-02"></head>'
                  "<body><p>Text here.</p></body></html>", encoding="utf-8")
    ld = tmp_path / "ld.html"
    ld.write_text('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
                  '"datePublished": "2011-03-04T05:06:07Z"}</script></head><body><p>Text.</p></body></html>',
                  encoding="utf-8")
    assert only_article(read(og)).date == "2010-01-02"
    assert only_article(read(ld)).date == "2011-03-04T05:06:07Z"


def test_csv_dateline_year_from_the_files_other_rows(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("title,text,date\nA,First text.,2008-07-01\nB,\"BAGHDAD, Sep 4 (Reuters) - Second.\",\n",
                    encoding="utf-8")
    first, second = read(path)
    assert (first.date, first.year_guessed) == ("2008-07-01", False)
    assert (second.date, second.year_guessed) == ("2008-09-04", True)


def test_article_round_trips() -> None:
    article = Article(id="a", text="t", source="s", title=None, date="2008-09", year_guessed=True)
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


# ------------------------------------------------------------------ CSV: one reading

AG_ROWS = [
    ("1", "Iraq truce holds", "BAGHDAD (Reuters) - Iran supplied weapons to the Mahdi Army, U.S. officials said."),
    ("2", "Cup final tonight", "LONDON (Reuters) - The final kicks off at eight."),
    ("1", "Talks in Cairo", "CAIRO (AFP) - Hamas held talks with Fatah in Cairo on Monday \\ officials said."),
    ("1", "quot;Braathens quot; deal", "OSLO (Reuters) - Norway #39;s SAS Braathens &lt;b&gt;said&lt;/b&gt; it would sell."),
]


def write_csv(path: Path, header: bool) -> Path:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        if header:
            writer.writerow(["label", "title", "description"])
        writer.writerows(AG_ROWS)
    return path


def graph(items: list) -> tuple:
    from graphkit.run.extract import extract_articles

    arts = [a for a in items if isinstance(a, Article)]
    pairs = list(extract_articles(arts))
    for article, found in pairs:  # offsets point into the article text as stored
        for t in found:
            ev = t.evidence
            assert article.text[ev.sentence_start:ev.sentence_end] == ev.sentence
            assert article.text[ev.subject_start:ev.subject_end] == ev.subject_text
    triples = sorted((a.id, t.subject, t.relation, t.object, t.evidence.sentence) for a, ts in pairs for t in ts)
    return tuple(sorted((a.id, a.title, a.text) for a in arts)), tuple(triples)


def test_three_readings_of_an_ag_news_csv_give_one_graph(tmp_path: Path, nlp) -> None:
    named = read(write_csv(tmp_path / "h.csv", True), text_column="description", title_column="title")
    numbered = read(write_csv(tmp_path / "n.csv", False), text_column="3", title_column="2")
    header_numbered = read(tmp_path / "h.csv", text_column="3", title_column="2")
    assert all(isinstance(a, Article) for a in named + numbered + header_numbered)
    assert len(named) == len(numbered) == len(header_numbered) == 4  # the header row is no article
    one = graph(named)
    assert one == graph(numbered) == graph(header_numbered)
    texts = {title: text for _, title, text in one[0]}
    assert texts["Iraq truce holds"].startswith("Iraq truce holds\n\nBAGHDAD (Reuters) - ")
    assert "Norway's SAS Braathens said it" in texts['"Braathens " deal'] and "quot;" not in str(one)
    assert "Monday officials" in texts["Talks in Cairo"]
    relations = {(s, r, o) for _, s, r, o, _ in one[1]}
    assert ("Iran", "supplies_weapons_to", "Mahdi Army") in relations
    for *_, sentence in one[1]:  # never the headline or dateline glued on
        assert "\n" not in sentence and "(Reuters)" not in sentence and "(AFP)" not in sentence, sentence


def test_where_keeps_rows_by_name_or_number(tmp_path: Path) -> None:
    h = write_csv(tmp_path / "h.csv", True)
    n = write_csv(tmp_path / "n.csv", False)
    by_name = read(h, text_column="description", where=(("label", "1"),))
    by_number = read(n, text_column="3", title_column="2", where=(("1", "1"),))
    assert [a.title for a in by_name] == [a.title for a in by_number] == \
        ["Iraq truce holds", "Talks in Cairo", '"Braathens " deal']
    assert len(read(h, text_column="description", where=(("label", "1"), ("label", "2")))) == 4


def test_where_keeps_jsonl_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"label": 1, "text": "One."}\n{"label": 2, "text": "Two."}\n{"text": "None."}\n', encoding="utf-8")
    assert [a.text for a in read(path, where=(("label", "1"),))] == ["One."]


@pytest.mark.parametrize("option, value", [("title_column", "headline"), ("date_column", "published"),
                                           ("text_column", "descripton"), ("id_column", "uid")])
def test_a_misspelt_column_names_the_columns_that_exist(tmp_path: Path, option: str, value: str) -> None:
    path = write_csv(tmp_path / "h.csv", True)
    options = {"text_column": "description", option: value}
    (failure,) = read(path, **options)
    assert isinstance(failure, Failure)
    assert failure.message == f"{path}: no column '{value}' (columns: label, title, description)"


def test_a_named_column_of_a_headerless_csv_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "n.csv", False)
    (failure,) = read(path, text_column="3", title_column="headline")
    assert isinstance(failure, Failure) and "no header row" in failure.message and "(1-3)" in failure.message
    (too_far,) = read(write_csv(tmp_path / "h.csv", True), text_column="5")
    assert isinstance(too_far, Failure) and "--text-column 5: no such column" in too_far.message


def test_cli_where_and_misspelt_column(tmp_path: Path, nlp, monkeypatch) -> None:
    from typer.testing import CliRunner

    from graphkit.cli.app import app
    from graphkit.run import extract as extract_module

    monkeypatch.setitem(extract_module._PIPELINES, (None, ()), nlp)
    path = write_csv(tmp_path / "h.csv", True)
    db = tmp_path / "g.db"
    runner = CliRunner()
    ok = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--text-column", "description",
                             "--where", "label=1", "--no-progress", "--format", "json"])
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["stored"] == 3
    bad = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--text-column", "description",
                              "--title-column", "titel", "--no-progress"])
    assert bad.exit_code == 1 and "no column 'titel' (columns: label, title, description)" in bad.stderr
    malformed = runner.invoke(app, ["extract", str(path), "--where", "label"])
    assert malformed.exit_code == 2 and "COLUMN=VALUE" in malformed.stderr


# ------------------------------------------------------------------ the progress total


def test_count_items_gives_the_progress_total(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Iran armed the Houthis.", encoding="utf-8")
    write_csv(folder / "h.csv", True)
    (folder / "skip.png").write_bytes(b"\x89PNG")
    options = ReadOptions(text_column="description")
    assert count_items([str(folder)], options) == 5 == len(list(read_articles([str(folder)], options)))
    assert count_items([str(folder / "h.csv")], ReadOptions(text_column="description", where=(("label", "1"),))) == 3
    assert count_items(["-"]) is None and count_items(["http://127.0.0.1/feed"]) is None


def test_progress_bar_shows_done_of_total(tmp_path: Path, nlp, capsys) -> None:
    from graphkit.run.ingest import ingest
    from graphkit.store import SQLiteStore

    path = write_csv(tmp_path / "h.csv", True)
    store = SQLiteStore(str(tmp_path / "g.db"))
    ingest([str(path)], store, ReadOptions(text_column="description"), nlp=nlp, progress=True)
    err = capsys.readouterr().err
    assert "4/4" in err and "ETA" in err and "4 stored" in err
