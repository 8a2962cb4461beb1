"""Re-ingesting an edited article replaces its old version (counts go back to one article), the same
text changes nothing, --keep-versions keeps both; ``graphkit articles`` lists what is stored and
``graphkit forget`` takes an id or a source. On SQLite always, on Neo4j when $GRAPHKIT_NEO4J_URI is set."""
from __future__ import annotations

import json

import pytest

from graphkit.read.options import ReadOptions
from graphkit.run.ingest import ingest
from test_lookup import BACKENDS, _open, _where, cli

V1 = ("---\ntitle: Arms and attacks\ndate: 2024-03-01\n---\n"
      "Iran supplied weapons to Hezbollah. Hamas attacked Israel.\n")
V2 = ("---\ntitle: Arms and talks\ndate: 2024-03-02\n---\n"
      "Iran supplied weapons to Hezbollah. Hamas held talks with Egypt.\n")
OTHER = "---\ntitle: Another report\ndate: 2024-01-05\n---\nIran supplied weapons to Hezbollah.\n"


@pytest.fixture(params=BACKENDS)
def setup(request, tmp_path, nlp):
    store = _open(request.param, tmp_path / "graph.db")
    docs = tmp_path / "docs"
    docs.mkdir()
    yield store, _where(request.param, tmp_path / "graph.db"), docs, nlp
    store.close()


def rels(store) -> dict[str, int]:
    return {r["id"]: r["articles"] for r in store.relationships()}


def arms(store) -> int:
    return rels(store)["iran|supplies_weapons_to|hezbollah"]


def test_an_edited_file_replaces_its_old_version(setup):
    store, _, docs, nlp = setup
    (docs / "report.md").write_text(V1, encoding="utf-8")
    (docs / "other.md").write_text(OTHER, encoding="utf-8")
    first = ingest([str(docs)], store, nlp=nlp, progress=False)
    assert first["stored"] == 2 and "replaced" not in first
    assert arms(store) == 2
    assert "hamas|attacked|israel" in rels(store)
    old_id = next(a["id"] for a in store.articles() if a["source"].endswith("report.md"))

    (docs / "report.md").write_text(V2, encoding="utf-8")
    second = ingest([str(docs)], store, nlp=nlp, progress=False)
    assert (second["stored"], second["skipped"], second["replaced"]) == (1, 1, 1)
    assert arms(store) == 2  # one article each: the new version and the other report, not three
    assert "hamas|attacked|israel" not in rels(store)  # only the old version supported it
    assert rels(store)["egypt|negotiated_with|hamas"] == 1
    assert not store.has_article(old_id)
    assert not list(store.evidence(article_id=old_id))
    assert [a["title"] for a in store.articles() if a["source"].endswith("report.md")] == ["Arms and talks"]
    assert "israel" not in {a["id"] for a in store.actors()}

    third = ingest([str(docs)], store, nlp=nlp, progress=False)  # the same text again changes nothing
    assert (third["stored"], third["skipped"], "replaced" in third) == (0, 2, False)
    assert arms(store) == 2 and store.stats()["articles"] == 2


def test_edit_then_reingest_counts_go_back_to_one_article(setup):
    store, where, docs, nlp = setup
    report = docs / "report.md"
    report.write_text(V1, encoding="utf-8")
    ingest([str(report)], store, nlp=nlp, progress=False)
    report.write_text(V1.replace("Hamas attacked Israel.", "Hamas attacked Israel again."), encoding="utf-8")
    ingest([str(report)], store, nlp=nlp, progress=False)
    assert set(rels(store).values()) == {1}
    assert store.stats()["articles"] == 1


def test_keep_versions_stores_both_and_a_later_run_replaces(setup):
    store, where, docs, nlp = setup
    report = docs / "report.md"
    report.write_text(V1, encoding="utf-8")
    ingest([str(report)], store, nlp=nlp, progress=False)
    report.write_text(V2, encoding="utf-8")
    kept = ingest([str(report)], store, nlp=nlp, progress=False, keep_versions=True)
    assert kept["stored"] == 1 and "replaced" not in kept
    assert arms(store) == 2 and store.stats()["articles"] == 2
    # the new version stored, the old not yet forgotten (as after a failure in between): the next run finishes
    healed = ingest([str(report)], store, nlp=nlp, progress=False)
    assert (healed["stored"], healed["replaced"]) == (0, 1)
    assert arms(store) == 1 and [a["title"] for a in store.articles()] == ["Arms and talks"]


def test_a_failed_extraction_of_the_new_version_leaves_the_old_in_place(setup):
    store, _, docs, nlp = setup
    report = docs / "report.md"
    report.write_text(V1, encoding="utf-8")
    ingest([str(report)], store, nlp=nlp, progress=False)
    before = (store.stats(), rels(store))

    def broken(articles, summary, report_line):  # an extractor that dies on the new version
        for _ in articles:
            raise RuntimeError("worker lost")
        yield from ()

    report.write_text(V2, encoding="utf-8")
    with pytest.raises(RuntimeError):
        ingest([str(report)], store, nlp=nlp, progress=False, extractor=broken)
    assert (store.stats(), rels(store)) == before
    done = ingest([str(report)], store, nlp=nlp, progress=False)  # the same command again completes it
    assert done["replaced"] == 1 and store.stats()["articles"] == 1


def test_rows_of_a_table_are_versions_one_by_one_and_stdin_never_replaces(setup):
    store, _, docs, nlp = setup
    table = docs / "news.csv"
    table.write_text("text\nIran supplied weapons to Hezbollah.\nHamas attacked Israel.\n", encoding="utf-8")
    ingest([str(table)], store, nlp=nlp, progress=False)
    # row 1 moves to row 2, a new row 1: the moved row keeps its article, the replaced row 2 goes
    table.write_text("text\nHamas held talks with Egypt.\nIran supplied weapons to Hezbollah.\n", encoding="utf-8")
    summary = ingest([str(table)], store, nlp=nlp, progress=False)
    assert summary["replaced"] == 1
    assert set(rels(store)) == {"iran|supplies_weapons_to|hezbollah", "egypt|negotiated_with|hamas"}
    assert arms(store) == 1


def test_articles_lists_and_forget_takes_an_id_or_a_source(setup):
    store, where, docs, nlp = setup
    (docs / "report.md").write_text(V1, encoding="utf-8")
    (docs / "other.md").write_text(OTHER, encoding="utf-8")
    ingest([str(docs)], store, nlp=nlp, progress=False)
    listed = cli("articles", *where, "--format", "json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert sorted(rows[0]) == sorted(["id", "title", "source", "date", "ingested_at", "relationships", "evidence"])
    by_title = {r["title"]: r for r in rows}
    for row in rows:  # the counts are those of its evidence rows
        evidence = list(store.evidence(article_id=row["id"]))
        assert (row["relationships"], row["evidence"]) == (len({e["relationship_id"] for e in evidence}), len(evidence))
        assert row["evidence"] >= 1
    assert by_title["Another report"]["date"] == "2024-01-05"
    report_source = by_title["Arms and attacks"]["source"]
    only = json.loads(cli("articles", *where, "--source", report_source, "--format", "json").stdout)
    assert [r["title"] for r in only] == ["Arms and attacks"]
    since = json.loads(cli("articles", *where, "--since", "2024-02", "--format", "json").stdout)
    assert [r["title"] for r in since] == ["Arms and attacks"]
    csv_out = cli("articles", *where, "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "id,title,source,date,ingested_at,relationships,evidence" and len(csv_out) == 3
    assert cli("articles", *where, "--since", "soon").exit_code == 2

    gone = cli("forget", report_source, *where)  # a source
    assert gone.exit_code == 0 and by_title["Arms and attacks"]["id"] in gone.stdout
    assert "hamas|attacked|israel" not in rels(store) and arms(store) == 1
    other_id = by_title["Another report"]["id"]
    assert cli("forget", other_id, *where).exit_code == 0  # an id
    assert store.stats() == {"articles": 0, "actors": 0, "relationships": 0, "evidence": 0}
    missing = cli("forget", report_source, *where)
    assert missing.exit_code == 1 and "no article or source" in missing.stderr


def test_ingest_keep_versions_on_the_command_line(setup):
    store, where, docs, _ = setup
    report = docs / "report.md"
    report.write_text(V1, encoding="utf-8")
    assert cli("ingest", str(report), *where, "--no-progress").exit_code == 0
    report.write_text(V2, encoding="utf-8")
    kept = cli("ingest", str(report), *where, "--no-progress", "--keep-versions", "--format", "json")
    assert kept.exit_code == 0 and "replaced" not in json.loads(kept.stdout)
    assert store.stats()["articles"] == 2
    replaced = cli("ingest", str(report), *where, "--no-progress", "--format", "json")
    assert json.loads(replaced.stdout)["replaced"] == 1 and store.stats()["articles"] == 1


def test_a_row_whose_new_id_another_row_took_keeps_its_old_version(setup):
    store, _, docs, nlp = setup
    table = docs / "wire.csv"
    table.write_text("label,text\n1,Iran supplied weapons to Hezbollah.\n2,Hamas attacked Israel.\n"
                     "1,Syria held talks with Turkey.\n", encoding="utf-8")
    ingest([str(table)], store, ReadOptions(text_column="text"), nlp=nlp, progress=False)
    before = {ev["sentence"] for ev in store.evidence()}
    assert "Syria held talks with Turkey." in before
    # read again with the label as id: rows 1 and 3 both say 1, so row 3's new version is skipped
    summary = ingest([str(table)], store, ReadOptions(text_column="text", id_column="label"), nlp=nlp,
                     progress=False)
    after = {ev["sentence"] for ev in store.evidence()}
    assert after == before  # nothing lost: row 3 keeps its old version
    assert summary["replaced"] == 2
    sources = sorted(a["source"] for a in store.articles())
    assert sources == sorted(f"{table}#row={i}" for i in (1, 2, 3))


def test_a_table_is_a_source_for_articles_and_forget_and_bad_dates_are_refused(setup):
    store, where, docs, nlp = setup
    table = docs / "wire.csv"
    table.write_text("date,text\n2004-08-02,Iran supplied weapons to Hezbollah.\n,Hamas attacked Israel.\n",
                     encoding="utf-8")
    (docs / "other.md").write_text(V1, encoding="utf-8")
    ingest([str(table), str(docs / "other.md")], store, nlp=nlp, progress=False)
    rows = json.loads(cli("articles", *where, "--source", str(table), "--format", "json").stdout)
    assert sorted(r["source"] for r in rows) == [f"{table}#row=1", f"{table}#row=2"]
    # a date window keeps the dated articles published in it; the undated row is left out
    dated = json.loads(cli("articles", *where, "--since", "2004", "--until", "2004-12", "--format", "json").stdout)
    assert [r["source"] for r in dated] == [f"{table}#row=1"]
    assert len(json.loads(cli("articles", *where, "--format", "json").stdout)) == 3
    for bad in (["--since", "2024-99"], ["--since", "2024-09-31"], ["--since", "2025", "--until", "2024"]):
        refused = cli("articles", *where, *bad)
        assert refused.exit_code == 2 and len(refused.stderr.strip().splitlines()) == 1, bad
    gone = cli("forget", str(table), *where)  # the file: every row of it
    assert gone.exit_code == 0 and "forgot 2 articles" in gone.stdout
    assert [a["source"] for a in store.articles()] == [str(docs / "other.md")]
