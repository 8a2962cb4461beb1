"""What graphkit extracts from wire items that are not about conflict (AG News Sports, Business, Sci/Tech).

    python bench/offtopic.py [CSV] [--sample 150] [--seed 7] [--out bench/results/offtopic-sample.jsonl]

Every non-World row of the CSV (label 2, 3, 4; label 1 = World is skipped) is extracted in-process. The
text of a row is built as graphkit's table reader and the scorer build it: the title, a blank line, then
the description, with the feed's escapes (``#39;``, ``#36;``, ``quot;``, backslashes) cleaned up. Rows
listed in ``reserved-rows.txt`` (indices into csv.reader, header = row 0) are held out and never read.

Prints the rows read, the relations extracted in total, per relation and per pattern (``evidence.pattern``),
and writes a seeded sample of relations, each with its sentence, as JSONL for judging by hand.
"""
from __future__ import annotations

import argparse
import csv
import html
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from graphkit.read.article import make_article
from graphkit.records import Article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "agnews" / "test.csv"
DEFAULT_RESERVED = ROOT.parent / "shared" / "eval" / "reserved-rows.txt"
OFF_TOPIC_LABELS = {"2": "Sports", "3": "Business", "4": "Sci/Tech"}
_FEED_ESCAPES = ((" #39;", "'"), ("#39;", "'"), (" #36;", " $"), ("#36;", "$"), ("quot;", '"'), ("\\", " "))


def reserved_rows(path: Path) -> set[int]:
    """Row indices (csv.reader, header = 0) that are held out; comment lines start with '#'."""
    if not path.exists():
        return set()
    return {int(line) for line in path.read_text().split() if line.strip().isdigit()}


def row_text(title: str, description: str) -> str:
    """The title, a blank line, the description (as a headerless table row is read), feed escapes cleaned."""
    title, description = title.strip(), description.strip()
    text = f"{title}\n\n{description}" if title and description else title or description
    for bad, good in _FEED_ESCAPES:
        text = text.replace(bad, good)
    return html.unescape(text)


def off_topic_articles(csv_path: Path, reserved: set[int]) -> Iterator[tuple[str, Article]]:
    """(label name, Article) for each non-World row not held out; the header row (0) is skipped."""
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for index, row in enumerate(csv.reader(handle)):
            if index == 0 or index in reserved:
                continue  # a reserved row is skipped before its cells are looked at
            if len(row) < 3 or row[0] not in OFF_TOPIC_LABELS:
                continue
            text = row_text(row[1], row[2])
            if text:
                yield OFF_TOPIC_LABELS[row[0]], make_article(text, f"{csv_path.name}#row={index}", row[1])


def extract(items: Iterable[tuple[str, Article]]) -> tuple[int, list[dict]]:
    """Rows read and every relation extracted from them, each with its label and sentence."""
    from graphkit.nlp.pipeline import load_pipeline
    from graphkit.run.extract import extract_articles

    labels: dict[str, str] = {}

    def articles() -> Iterator[Article]:
        for label, art in items:
            labels[art.source] = label
            yield art

    relations: list[dict] = []
    for art, triples in extract_articles(articles(), load_pipeline()):
        for t in triples:
            relations.append({"row": art.source, "label": labels[art.source], "subject": t.subject,
                              "relation": t.relation, "object": t.object, "pattern": t.evidence.pattern,
                              "sentence": t.evidence.sentence})
    return len(labels), relations


def summary(rows: int, relations: list[dict]) -> str:
    """Rows read, relations in total, per label, per relation and per pattern."""
    lines = [f"rows read: {rows}", f"relations: {len(relations)}"]
    for key in ("label", "relation", "pattern"):
        lines.append(f"per {key}:")
        lines += [f"  {n:5d}  {name}" for name, n in Counter(r[key] for r in relations).most_common()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--reserved", type=Path, default=DEFAULT_RESERVED)
    ap.add_argument("--sample", type=int, default=150, help="relations in the JSONL sample")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "offtopic-sample.jsonl")
    args = ap.parse_args(argv)
    rows, relations = extract(off_topic_articles(args.csv, reserved_rows(args.reserved)))
    print(summary(rows, relations))
    sample = random.Random(args.seed).sample(relations, min(args.sample, len(relations)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for rel in sample:
            out.write(json.dumps(rel, ensure_ascii=False) + "\n")
    print(f"sample of {len(sample)} (seed {args.seed}) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
