"""The triple writer: extract's csv cells are formatted as every other command's (views/render.csv_value)."""
from __future__ import annotations

import csv
import io

from graphkit.records import Evidence, Triple
from graphkit.views.render import csv_value
from graphkit.views.triples import TripleWriter


def hedged_triple() -> Triple:
    sentence = "Iran allegedly armed the Houthis."
    ev = Evidence(article="a1", source="a1.txt", sentence=sentence, sentence_start=0, sentence_end=len(sentence),
                  subject_text="Iran", subject_start=0, subject_end=4, object_text="the Houthis", object_start=21,
                  object_end=32, trigger="armed", trigger_start=15, trigger_end=20, pattern="verb", hedged=True)
    return Triple("Iran", "supplies_weapons_to", "Houthis", "iran", "houthis", "STATE", "GROUP", hedged=True,
                  confidence=0.6, article="a1", evidence=ev)


def test_extract_csv_cells_match_the_other_commands():
    out = io.StringIO()
    writer = TripleWriter("csv", out)
    writer.write([hedged_triple()])
    writer.close()
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["hedged"] == csv_value(True) == "true"
    assert row["reported_by"] == csv_value(None) == ""
    assert row["subject"] == "Iran" and row["confidence"] == "0.6"
