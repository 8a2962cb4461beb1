"""Words per second of graphkit extraction against bare ``nlp.pipe`` with the same model, same text, same run.

    python bench/extract_speed.py [--rows N] [--csv PATH]

Prints a JSON line and writes bench/results/extract_speed.json.
"""
from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from graphkit.documents import Article, article_id
from graphkit.extract import extract_articles
from graphkit.pipeline import _load_model, load_pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--csv", default=str(Path(__file__).resolve().parents[2] / "shared/corpus/agnews/test.csv"))
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()
    with open(args.csv, newline="", encoding="utf-8") as f:
        rows = [r for _, r in zip(range(args.rows), csv.reader(f))]
    texts = [f"{r[1]}\n\n{r[2]}" for r in rows if len(r) >= 3]
    words = sum(len(t.split()) for t in texts)

    bare = _load_model(None)
    full = load_pipeline()
    list(bare.pipe(texts[:50]))
    list(extract_articles([Article(article_id(t), t, "warm") for t in texts[:50]], full))

    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size):
        pass
    bare_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_triples = 0
    arts = (Article(article_id(t), t, f"row{i}") for i, t in enumerate(texts))
    for _, triples in extract_articles(arts, full, batch_size=args.batch_size):
        n_triples += len(triples)
    full_s = time.perf_counter() - t0

    result = {"texts": len(texts), "words": words, "bare_nlp_pipe_words_per_s": round(words / bare_s),
              "graphkit_extract_words_per_s": round(words / full_s), "ratio": round(bare_s / full_s, 3),
              "triples": n_triples, "model": full.meta.get("name")}
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "extract_speed.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
