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
