"""Why graphkit misses gold triples: each required gold triple it does not predict, given one cause.

    python bench/miss_report.py DEVDIR [--score PATH/score.py] [--show] [--top 25]

graphkit runs in-process on every article of a gold directory (texts read as ``graphkit extract`` reads
them). Predicted and gold names meet through the scorer's own normalisation (``score.py``, by default the
one beside DEVDIR, imported by path), so the misses here are the scorer's false negatives. Causes:

- ``wrong relation/direction``: graphkit relates the pair, with another relation or the other way round.
- ``actor not found``: the gold evidence sentence names a gold actor (one of its aliases is in the text)
  but no actor mention there resolves to it.
- ``cross-sentence``: the two actors are never both found in one sentence of the evidence; the sentence
  names one of them only by a pronoun or a description, or the evidence spans sentences.
- ``no pattern``: both actors are found in one evidence sentence, but no triple links them.
- ``evidence not located``: the gold evidence snippet could not be found in the text.

Prints the counts per cause and relation, the gold actors most often not found (what mention finding
misses), and with ``--show`` every miss with its cause.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import unicodedata
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Iterable

WRONG, NOT_FOUND, CROSS, NO_PATTERN, UNLOCATED = (
    "wrong relation/direction", "actor not found", "cross-sentence", "no pattern", "evidence not located")
CAUSES = (NOT_FOUND, NO_PATTERN, CROSS, WRONG, UNLOCATED)
_SHORT = {NOT_FOUND: "not found", NO_PATTERN: "no pattern", CROSS: "cross-sent", WRONG: "wrong rel", UNLOCATED: "no evid"}


@dataclass
class Miss:
    """One required gold triple that graphkit did not predict, with the reason found for it."""

    article: str
    triple: tuple[str, str, str]
    cause: str
    evidence: str
    not_found: dict[str, str] = field(default_factory=dict)  # gold actor -> the words naming it in the sentence
    misread: dict[str, str] = field(default_factory=dict)  # gold actor -> the mention over that alias, as resolved
    detail: str = ""


def load_scorer(path: str | Path) -> ModuleType:
    """Import score.py from its path (it is a script beside the gold sets, not a package)."""
    spec = importlib.util.spec_from_file_location("graph_eval_score", str(path))
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_text(gold: dict, scorer: ModuleType) -> str:
    """The text graphkit sees for a gold article: the scorer's text file, read as the CLI reads it."""
    from graphkit.read import Article, read_articles

    for item in read_articles([str(scorer.text_path(gold))]):
        if isinstance(item, Article):
            return item.text
    return ""


def locate(text: str, snippet: str) -> tuple[int, int] | None:
    """Character span of ``snippet`` in ``text``, matched word by word (any punctuation or space between
    words, any case); if the whole snippet is not there, its longest found run of leading or trailing words."""
    words = re.findall(r"\w+", snippet)
    for n in range(len(words), max(0, min(3, len(words)) - 1), -1):
        for part in (words[:n], words[len(words) - n:]):
            pattern = r"\b" + r"\W+".join(re.escape(w) for w in part) + r"\b"
            m = re.search(pattern, text, flags=re.IGNORECASE)
            if m:
                return m.start(), m.end()
    return None


def _fold(text: str) -> str:
    """Accents dropped, one character for one, so offsets still point into the original text."""
    return "".join((unicodedata.normalize("NFKD", c)[:1] or c) for c in text)


def alias_in(sentence: str, aliases: Iterable[str], norm) -> tuple[str, int, int] | None:
    """The first alias that occurs in ``sentence`` as whole words, with its offsets: acronyms by exact case,
    other names by their normalised words (any case, accents, punctuation or possessive between words)."""
    folded = _fold(sentence)
    for alias in aliases:
        letters = re.sub(r"[^A-Za-z]", "", alias)
        if letters and letters.isupper() and len(letters) <= 6:
            m = re.search(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", sentence)
        else:
            words = norm(alias).split()
            if not words:
                continue
            m = re.search(r"\b" + r"(?:'s)?\W+".join(re.escape(w) for w in words) + r"\b", folded, re.IGNORECASE)
        if m:
            return alias, m.start(), m.end()
    return None


def dictionary_forms(name: str) -> list[str]:
    """The aliases and demonyms graphkit's dictionary holds for a gold name, if it knows it."""
    from graphkit.model.dictionary import load_dictionary

    entry = load_dictionary().lookup(name)
    return [entry.name, *entry.aliases, *entry.demonyms] if entry else []


class ArticleView:
    """One parsed gold article: what graphkit found, in the gold's names."""

    def __init__(self, gold: dict, doc, scorer: ModuleType):
        from graphkit.nlp.pipeline import SPAN_KEY

        amap = scorer.alias_map(gold)
        self.canon = lambda name: amap.get(scorer.norm(name), "?" + scorer.norm(name))
        self.gold, self.doc, self.scorer = gold, doc, scorer
        names = {a["id"]: a["name"] for a in doc._.graphkit_actors or []}
        self.mentions = []  # (start_char, end_char, text, resolved name, gold actor)
        for span in doc.spans.get(SPAN_KEY, []):
            name = names.get(span.kb_id_, span.text)  # the span's kb_id is its actor's id
            self.mentions.append((span.start_char, span.end_char, span.text, name, self.canon(name)))
        self.predicted = set()
        for t in doc._.graphkit_relations or []:
            s, o = self.canon(t["subject"]), self.canon(t["object"])
            if s != o:
                self.predicted.add(scorer.key(s, t["relation"], o))

    def found_in(self, start: int, end: int) -> set[str]:
        return {m[4] for m in self.mentions if m[0] < end and m[1] > start}

    def over(self, start: int, end: int) -> str | None:
        """The first mention overlapping these offsets, as "text -> resolved name"."""
        hit = next((m for m in self.mentions if m[0] < end and m[1] > start), None)
        return f"{hit[2]!r} -> {hit[3]}" if hit else None

    def mentions_in(self, start: int, end: int) -> list[str]:
        return [f"{m[2]}={m[3]}" for m in self.mentions if m[0] < end and m[1] > start]


def classify(view: ArticleView, s: str, rel: str, o: str, evidence: str) -> Miss:
    """The cause of one missed gold triple (see the module docstring for the order of the tests)."""
    miss = Miss(view.gold["id"], (s, rel, o), "", evidence)
    other = sorted(f"{ps} --{pr}--> {po}" for ps, pr, po in view.predicted if {ps, po} == {s, o})
    if other:
        miss.cause, miss.detail = WRONG, "predicted " + "; ".join(other)
        return miss
    span = locate(view.doc.text, evidence)
    if span is None:
        miss.cause = UNLOCATED
        return miss
    sents = [x for x in view.doc.sents if x.start_char < span[1] and x.end_char > span[0]]
    start, end = sents[0].start_char, sents[-1].end_char
    miss.detail = "mentions: " + ", ".join(view.mentions_in(start, end))
    found = view.found_in(start, end)
    if {s, o} <= found:
        together = any({s, o} <= view.found_in(x.start_char, x.end_char) for x in sents)
        miss.cause = NO_PATTERN if together else CROSS
        return miss
    text = view.doc.text[start:end]
    for actor in (s, o):
        if actor not in found:
            forms = [actor, *view.gold["actors"].get(actor, []), *dictionary_forms(actor)]
            seen = alias_in(text, forms, view.scorer.norm)
            if seen:
                miss.not_found[actor] = text[seen[1]:seen[2]]
                mention = view.over(start + seen[1], start + seen[2])
                if mention:
                    miss.misread[actor] = mention
    miss.cause = NOT_FOUND if miss.not_found else CROSS
    return miss


def analyse(gold_dir: Path, scorer: ModuleType, nlp=None) -> tuple[list[Miss], Counter]:
    """Every required core-or-extended gold triple graphkit misses, classified; and tp/fp/fn over the core
    relations as this in-process run scores them (they should equal score.py's CORE line)."""
    from graphkit.nlp.pipeline import load_pipeline

    nlp = nlp or load_pipeline()
    arts = scorer.load_gold(gold_dir)
    texts = [article_text(g, scorer) for g in arts]
    misses, core = [], Counter()
    for gold, doc in zip(arts, nlp.pipe(texts)):
        view = ArticleView(gold, doc, scorer)
        required, optional = {}, set()
        for t in gold["triples"]:
            k = scorer.key(t["s"], t["r"], t["o"])
            if t.get("required", True):
                required.setdefault(k, t.get("evidence", ""))
            else:
                optional.add(k)
        for k in view.predicted:
            if k[1] in scorer.CORE:
                core["tp" if k in required else "opt" if k in optional else "fp"] += 1
        for k, evidence in required.items():
            if k in view.predicted:
                continue
            if k[1] in scorer.CORE:
                core["fn"] += 1
            misses.append(classify(view, *k, evidence))
    return misses, core


def cause_table(misses: list[Miss], relations: Iterable[str]) -> list[str]:
    """Counts of causes per relation, one text line a row."""
    by_rel: dict[str, Counter] = defaultdict(Counter)
    for m in misses:
        by_rel[m.triple[1]][m.cause] += 1
    head = f"{'relation':22}" + "".join(f"{_SHORT[c]:>11}" for c in CAUSES) + f"{'total':>7}"
    lines = [head]
    total = Counter()
    for rel in relations:
        c = by_rel.get(rel, Counter())
        total.update(c)
        lines.append(f"{rel:22}" + "".join(f"{c[x]:11}" for x in CAUSES) + f"{sum(c.values()):7}")
    lines.append(f"{'TOTAL':22}" + "".join(f"{total[x]:11}" for x in CAUSES) + f"{sum(total.values()):7}")
    return lines


def top_not_found(misses: list[Miss], n: int = 25) -> list[str]:
    """The gold actors most often named in an evidence sentence but not found there, with the names seen."""
    counts: Counter = Counter()
    seen: dict[str, Counter] = defaultdict(Counter)
    misread: dict[str, Counter] = defaultdict(Counter)
    for m in misses:
        for actor, alias in m.not_found.items():
            counts[actor] += 1
            seen[actor][alias] += 1
            if actor in m.misread:
                misread[actor][m.misread[actor]] += 1
    lines = []
    for actor, k in counts.most_common(n):
        line = f"{k:4}  {actor}  (as {', '.join(repr(a) for a, _ in seen[actor].most_common(3))})"
        if misread[actor]:
            line += "  mention: " + ", ".join(x for x, _ in misread[actor].most_common(2))
        lines.append(line)
    return lines


def report(gold_dir: Path, scorer: ModuleType, show: bool = False, top: int = 25, nlp=None) -> str:
    misses, core = analyse(gold_dir, scorer, nlp)
    out = [f"== misses by cause: {gold_dir} ({len(misses)} required gold triples not predicted)"]
    if show:
        for m in sorted(misses, key=lambda m: (m.cause, m.article, m.triple)):
            s, r, o = m.triple
            out.append(f"{_SHORT[m.cause]:>10} [{m.article}] {s} --{r}--> {o}  | {m.evidence!r}")
            if m.not_found:
                out.append(" " * 11 + "not found: " + ", ".join(
                    f"{a} (as {v!r}" + (f"; mention {m.misread[a]}" if a in m.misread else "; no mention") + ")"
                    for a, v in m.not_found.items()))
            if m.detail:
                out.append(" " * 11 + m.detail)
        out.append("")
    out += cause_table(misses, (*scorer.CORE, *scorer.EXTENDED))
    named = [a for m in misses for a in m.not_found]
    misread = sum(len(m.misread) for m in misses)
    out.append(f"actor not found: {len(named)} gold actors named but not found: {len(named) - misread} with no "
               f"mention over the name, {misread} inside a mention resolved to another name")
    out.append(f"in-process CORE tp {core['tp']} fp {core['fp']} fn {core['fn']} (should match score.py)")
    out.append(f"-- gold actors most often not found (top {top}):")
    out += top_not_found(misses, top) or ["   (none)"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--score", type=Path, help="the scorer (default: score.py beside GOLD_DIR)")
    ap.add_argument("--show", action="store_true", help="list every miss with its cause")
    ap.add_argument("--top", type=int, default=25, help="how many not-found gold actors to list")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.score or args.gold_dir.resolve().parent / "score.py")
    print(report(args.gold_dir, scorer, show=args.show, top=args.top))


if __name__ == "__main__":
    sys.exit(main())
