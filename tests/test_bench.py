"""``make bench`` runs end to end: its query and memory sections on a tiny synthetic graph write the
report (no speed is asserted here: the figures are the benchmark's, as ratios in the same run)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_writes_its_report(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--only", "queries,memory", "--rows", "20",
                          "--actors", "300", "--relationships", "1500", "--samples", "20", "--tmp", str(tmp_path / "w"),
                          "--results", str(tmp_path / "r")], capture_output=True, text=True, timeout=600,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads((tmp_path / "r" / "bench.json").read_text())
    sqlite = report["queries"]["sqlite"]
    assert sqlite["relationships"] == 1500 and sqlite["links"]["n"] == 20
    assert 0 < sqlite["links"]["p50_ms"] <= sqlite["links"]["p95_ms"]
    assert report["memory"]["rank_peak_rss_mb"] > 10 and report["memory"]["ingest_peak_rss_mb"] > 10
    table = (tmp_path / "r" / "bench.md").read_text()
    assert "`links` p50 / p95" in table and "peak RSS of `graphkit rank`" in table


def test_extraction_repetitions_time_disjoint_slices():
    """No repetition of the extraction race sees the texts of another (a per-process cache warmed by one
    would flatter the next), nor the warm-up's."""
    sys.path.insert(0, str(ROOT / "bench"))
    from run import extract_slices

    warm, slices = extract_slices(list(range(1000)), 3)
    assert warm == list(range(50)) and [len(s) for s in slices] == [316, 316, 316]
    seen = set(warm)
    for part in slices:
        assert not seen & set(part)
        seen |= set(part)


def test_extract_section_reports_each_slice_pair(tmp_path):
    agnews = ROOT.parent / "shared" / "corpus" / "agnews" / "test.csv"
    if not agnews.exists():
        import pytest
        pytest.skip("the AG News corpus is not beside the project")
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--only", "extract", "--rows", "56",
                          "--results", str(tmp_path / "r"), "--tmp", str(tmp_path / "w")],
                         capture_output=True, text=True, timeout=900, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-2000:]
    e = json.loads((tmp_path / "r" / "bench.json").read_text())["extract"]
    assert e["slices"] == 3 and e["slice_rows"] == 2 and e["texts"] == 6 and len(e["pairs"]) == 3
    assert e["ratio"] == sorted(p["ratio"] for p in e["pairs"])[1]
    assert "3 disjoint slices of 2 AG News rows" in (tmp_path / "r" / "bench.md").read_text()
