"""bench/miss_report.py on a tiny hand-written gold set: each miss gets the cause the spec gives it."""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


miss_report = _load("miss_report", ROOT / "bench" / "miss_report.py")

# Each sentence is built to give one cause (graphkit's output on it is pinned in test_details_name_what_was_seen).
TEXT = (
    "Hezbollah leader Hassan Nasrallah held talks with Iranian officials. "
    "Zorblat Vunk founded the Blue Heron Brigade years ago. "
    "Fatah fought the old neighbours for years. "
    "Hamas is an old party.\n\n"
    "Qatar sent them rifles and money."
)
GOLD = {
    "id": "tiny",
    "source": "hand-written for tests/test_miss_report.py",
    "text_file": "tiny.txt",
    "actors": {
        "Hassan Nasrallah": ["Nasrallah"],
        "Hezbollah": [],
        "Iran": ["Iranian officials"],
        "Zorblat Vunk": ["Vunk"],
        "Blue Heron Brigade": [],
        "Fatah": [],
        "Old Neighbours": ["the old neighbours"],
        "Hamas": [],
        "Qatar": [],
    },
    "triples": [
        {"s": "Hassan Nasrallah", "r": "commands", "o": "Hezbollah", "required": True,
         "evidence": "Hezbollah leader Hassan Nasrallah"},
        # graphkit says Nasrallah negotiated_with Iran, not supports: another relation for the pair
        {"s": "Iran", "r": "supports", "o": "Hassan Nasrallah", "required": True,
         "evidence": "held talks with Iranian officials"},
        # both actors are found in one sentence, no pattern links them
        {"s": "Zorblat Vunk", "r": "commands", "o": "Blue Heron Brigade", "required": True,
         "evidence": "Zorblat Vunk founded the Blue Heron Brigade"},
        # the sentence names the old neighbours, graphkit finds no mention of them
        {"s": "Fatah", "r": "rival_of", "o": "Old Neighbours", "required": True,
         "evidence": "Fatah fought the old neighbours"},
        # "them" are Hamas of the paragraph before: the relation spans sentences (and paragraphs, where no
        # pronoun is resolved)
        {"s": "Qatar", "r": "supplies_weapons_to", "o": "Hamas", "required": True,
         "evidence": "Qatar sent them rifles"},
        {"s": "Qatar", "r": "funds", "o": "Hamas", "required": True, "evidence": "words that are not in the text"},
        {"s": "Hamas", "r": "attacked", "o": "Fatah", "required": False, "evidence": "Hamas is an old party"},
    ],
}


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory) -> Path:
    if not SCORER.exists():
        pytest.skip(f"{SCORER} not here")
    d = tmp_path_factory.mktemp("gold")
    (d / "tiny.txt").write_text(TEXT)
    (d / "tiny.json").write_text(json.dumps(GOLD))
    shutil.copy(SCORER, d.parent / "score.py")
    return d


@pytest.fixture(scope="module")
def misses(gold_dir, nlp):
    scorer = miss_report.load_scorer(gold_dir.parent / "score.py")
    found, core = miss_report.analyse(gold_dir, scorer, nlp)
    return {m.triple: m for m in found}, core


def test_each_miss_gets_its_cause(misses):
    by_triple, _ = misses
    causes = {t: m.cause for t, m in by_triple.items()}
    assert causes == {
        ("Iran", "supports", "Hassan Nasrallah"): miss_report.WRONG,
        ("Zorblat Vunk", "commands", "Blue Heron Brigade"): miss_report.NO_PATTERN,
        ("Fatah", "rival_of", "Old Neighbours"): miss_report.NOT_FOUND,
        ("Qatar", "supplies_weapons_to", "Hamas"): miss_report.CROSS,
        ("Qatar", "funds", "Hamas"): miss_report.UNLOCATED,
    }


def test_details_name_what_was_seen(misses):
    by_triple, core = misses
    wrong = by_triple[("Iran", "supports", "Hassan Nasrallah")]
    assert "negotiated_with" in wrong.detail
    neighbours = by_triple[("Fatah", "rival_of", "Old Neighbours")]
    assert neighbours.not_found == {"Old Neighbours": "old neighbours"} and not neighbours.misread
    assert "Zorblat Vunk=Zorblat Vunk" in by_triple[("Zorblat Vunk", "commands", "Blue Heron Brigade")].detail
    # commands Nasrallah -> Hezbollah is the one TP, negotiated_with Nasrallah -> Iran the one FP;
    # the core misses are the FNs (the funds miss is an extended relation)
    assert (core["tp"], core["fp"], core["fn"]) == (1, 1, 3)


def test_report_prints_table_and_top_list(gold_dir, nlp):
    scorer = miss_report.load_scorer(gold_dir.parent / "score.py")
    text = miss_report.report(gold_dir, scorer, show=True, nlp=nlp)
    assert "5 required gold triples not predicted" in text
    total = next(line for line in text.splitlines() if line.startswith("TOTAL"))
    assert total.split()[1:] == ["1", "1", "1", "1", "1", "5"]
    assert "gold actors most often not found" in text
    assert "[tiny] Fatah --rival_of--> Old Neighbours" in text
    assert "Old Neighbours  (as 'old neighbours')" in text


def test_locate_matches_words_across_punctuation_and_case():
    text = "Earlier, the Quds Force of Iran's IRGC -- it was said -- smuggled arms."
    start, end = miss_report.locate(text, "quds force of iran's irgc")
    assert text[start:end] == "Quds Force of Iran's IRGC"
    start, end = miss_report.locate(text, "it was said ... smuggled guns")
    assert text[start:end] == "it was said -- smuggled"  # the longest leading run of words found
    assert miss_report.locate(text, "nothing of this here") is None


def test_alias_in_folds_accents_and_keeps_acronym_case():
    scorer = miss_report.load_scorer(SCORER) if SCORER.exists() else pytest.skip("no scorer")
    sentence = "Otty Patiño met the us delegation, not the ELN."
    assert miss_report.alias_in(sentence, ["Otty Patiño"], scorer.norm)[0] == "Otty Patiño"
    assert miss_report.alias_in(sentence, ["US"], scorer.norm) is None
    alias, start, end = miss_report.alias_in(sentence, ["ELN"], scorer.norm)
    assert sentence[start:end] == "ELN"
