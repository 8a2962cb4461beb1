"""`graphkit relationships`: who is linked to whom, read back from the embedded store."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from graphkit.cli import app

ARTICLES = {
    "a.txt": "Hezbollah leader Hassan Nasrallah held talks with Iranian officials in Beirut.\n",
    "b.txt": "Iran is believed to have supplied rockets to Hezbollah.\n\nHassan Nasrallah, the head of Hezbollah, spoke on Friday.\n",
}


def test_relationships_lists_links_with_counts_and_evidence(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text)
    db = tmp_path / "g.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--no-progress"]).exit_code == 0
    result = runner.invoke(app, ["relationships", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_key = {(r["subject"], r["relation"], r["object"]): r for r in rows}
    commands = by_key[("Hassan Nasrallah", "commands", "Hezbollah")]
    assert commands["articles"] == 2 and commands["hedged_share"] == 0
    assert rows[0] is not None and rows[0]["articles"] >= rows[-1]["articles"]  # most supported first
    armed = by_key[("Iran", "supplies_weapons_to", "Hezbollah")]
    assert armed["hedged_share"] == 1 and "believed" in armed["example"]
    only = runner.invoke(app, ["relationships", "--db", str(db), "--relation", "commands", "--format", "json"])
    assert {r["relation"] for r in json.loads(only.stdout)} == {"commands"}


def test_relationships_on_a_missing_store_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["relationships", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "none.db" in result.stderr
