"""Write triples (:class:`~graphkit.records.Triple` records, as their ``to_dict()`` form) as jsonl, json,
csv or a table for people."""
from __future__ import annotations

import json
import sys
from typing import Iterable, TextIO

from graphkit.records import Triple
from graphkit.views.render import csv_value, csv_writer, print_table

FORMATS = ("table", "json", "jsonl", "csv")
CSV_FIELDS = ["subject", "relation", "object", "subject_type", "object_type", "hedged", "confidence", "article",
              "source", "sentence", "trigger", "pattern", "reported_by"]


def flat_row(t: dict) -> dict:
    """One csv row of a triple's dict form: its own fields and the evidence's source, sentence, trigger..."""
    ev = t.get("evidence", {})
    return {**{k: t.get(k) for k in CSV_FIELDS[:8]}, "source": ev.get("source"), "sentence": ev.get("sentence"),
            "trigger": ev.get("trigger"), "pattern": ev.get("pattern"), "reported_by": ev.get("reported_by")}


class TripleWriter:
    """Streams jsonl and csv as triples arrive; json and table are written at the end."""

    def __init__(self, fmt: str, out: TextIO | None = None):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt, self.out, self.rows = fmt, out or sys.stdout, []
        self._csv = None
        if fmt == "csv":
            self._csv = csv_writer(self.out)
            self._csv.writerow(CSV_FIELDS)

    def write(self, triples: Iterable[Triple]) -> None:
        for record in triples:
            t = record.to_dict()
            if self.fmt == "jsonl":
                self.out.write(json.dumps(t, ensure_ascii=False) + "\n")
            elif self.fmt == "csv":
                row = flat_row(t)
                self._csv.writerow([csv_value(row[k]) for k in CSV_FIELDS])
            else:
                self.rows.append(t)
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "json":
            json.dump(self.rows, self.out, ensure_ascii=False, indent=2)
            self.out.write("\n")
        elif self.fmt == "table":
            self._table()

    def _table(self) -> None:
        rows = ([t["subject"], t["relation"], t["object"], "yes" if t["hedged"] else "", f"{t['confidence']:.2f}",
                 _snippet(t["evidence"])] for t in self.rows)
        print_table(("subject", "relation", "object", "hedged", "conf", "evidence"), rows,
                    title=f"{len(self.rows)} relations", out=self.out)


def _snippet(ev: dict, width: int = 90) -> str:
    s = ev["sentence"].replace("\n", " ")
    if len(s) <= width:
        return s
    mid = ev["trigger_start"] - ev["sentence_start"]
    lo = max(0, mid - width // 2)
    return ("…" if lo else "") + s[lo:lo + width] + "…"
