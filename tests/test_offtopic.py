"""bench/offtopic.py on a tiny CSV: World rows and reserved rows are skipped, the rest is counted and sampled."""
from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("offtopic_bench", ROOT / "bench" / "offtopic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_offtopic_bench_skips_world_and_reserved_rows(tmp_path, capsys):
    table = tmp_path / "items.csv"
    with open(table, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["label", "title", "description"])
        w.writerow(["1", "Rebels talk", "The Zorvan Front held talks with Belmaria."])             # World: skipped
        w.writerow(["3", "Deal", "Quillon Corp. chief executive Mara Tellwick held talks with the Belmarian government."])  # read
        w.writerow(["2", "Reserved", "The Zorvan Front held talks with Belmaria."])               # reserved: skipped
        w.writerow(["4", "Probe", "Scientists at the Orbis Institute launched a probe #39;today#39;."])
    reserved = tmp_path / "reserved.txt"
    reserved.write_text("# held out\n3\n")
    out = tmp_path / "sample.jsonl"
    bench = _bench()
    assert [a.source for _, a in bench.off_topic_articles(table, bench.reserved_rows(reserved))] == [
        "items.csv#row=2", "items.csv#row=4"]
    assert bench.main([str(table), "--reserved", str(reserved), "--sample", "5", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "rows read: 2" in printed
    assert "per relation:" in printed and "per pattern:" in printed
    sample = [json.loads(line) for line in out.read_text().splitlines()]
    # the business row's talks are counted and sampled, with their pattern and sentence
    assert "relations: 1" in printed and len(sample) == 1 and sample[0]["relation"] == "negotiated_with"
    assert sample[0]["row"] == "items.csv#row=2" and "held talks" in sample[0]["sentence"]
    assert all({"subject", "relation", "object", "pattern", "sentence", "row"} <= set(r) for r in sample)
    assert all(r["row"] != "items.csv#row=3" for r in sample)


def test_row_text_joins_title_and_description_and_cleans_feed_escapes():
    bench = _bench()
    assert bench.row_text("Title", "It #39;s up #36;5.") == "Title\n\nIt's up $5."
