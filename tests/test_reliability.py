"""What goes wrong for real users, tried for real: bad input, faults, hostile names, load.

Bad files through ``extract`` and ``ingest``; a 50 MB file under a memory bound; a 10,000-character sentence;
a directory read by an unprivileged user (``setpriv`` to uid 65534, so permissions are real even when the
tests run as root); property tests on random text; a disk that fills up (a 2 MB tmpfs); a read-only database
file and file system; two ingests into one file at once; every query free of string formatting; injection in
names and arguments; hostile names through ingest, the store and ``graphkit viz`` into headless Chromium; and
the 7,600 AG News test articles (marker ``load``), extracted once per session and recounted from the evidence.
The Neo4j cases are in ``test_reliability_neo4j.py``.
"""
from __future__ import annotations

import ast
import csv
import functools
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from graphkit.run import extract as extract_module
from graphkit.cli import app
from graphkit.read import Article, Failure, ReadOptions, read_articles
from graphkit.run.extract import extract_articles
from graphkit.run.ingest import ingest
from graphkit.model.schema import load_schema
from graphkit.store import SQLiteStore
from graphkit.records import Triple
from graphkit.store.rows import normalize_triple

ROOT = Path(__file__).resolve().parents[1]
AGNEWS = ROOT.parent / "shared" / "corpus" / "agnews" / "test.csv"
NOBODY = 65534
GOOD = "Iran supplied weapons to Hezbollah during the long winter.\n"
GOOD_2 = "The Houthis attacked Saudi Arabia on Tuesday.\n"


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def cli(nlp, monkeypatch):
    """Invoke the CLI in process with the session's pipeline (no second model load)."""
    monkeypatch.setitem(extract_module._PIPELINES, (None, ()), nlp)
    monkeypatch.delenv("GRAPHKIT_DB", raising=False)
    monkeypatch.delenv("GRAPHKIT_NEO4J_URI", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def graphkit_cmd(*args: object) -> list[str]:
    return [sys.executable, "-m", "graphkit.cli", *map(str, args)]


def child_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHKIT_")}
    return {**env, "PYTHONUNBUFFERED": "1", **extra}


def as_nobody(cmd: list[str]) -> list[str]:
    """``cmd`` run as uid/gid 65534 with no supplementary groups (needs root); else as the current user."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to drop root privileges for a real permission test")
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]


@pytest.fixture
def open_dir():
    """A directory other users can enter (pytest's tmp_path lives under a 0700 directory)."""
    path = Path(tempfile.mkdtemp(prefix="graphkit-rel-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def evidence_keys(store) -> list[tuple]:
    return sorted((e["article_id"], e["relationship_id"], e["sentence_start"], e["trigger_start"], e["hedged"],
                   e["confidence"]) for e in store.evidence())


def integrity(db: Path) -> str:
    with SQLiteStore(db, readonly=True) as store:
        return store._db.execute("PRAGMA integrity_check").fetchone()[0]


# --------------------------------------------------------------------------- bad input


HTML_WITH_SCRIPTS = """<!DOCTYPE html><html><head><title>Border clashes</title>
<style>p { color: red } /* Russia attacked Ukraine. */</style>
<script>var s = "Russia attacked Ukraine."; document.write("<p>Qatar funds Hamas.</p>");</script>
</head><body><noscript>Turkey attacked Greece.</noscript>
<p>The Houthis attacked Saudi Arabia on Tuesday.</p>
<script type="text/javascript">/* Israel attacked Egypt. */</script>
<template><p>Egypt funds Hamas.</p></template>
</body></html>"""


@pytest.fixture
def bad_inputs(tmp_path) -> Path:
    d = tmp_path / "inputs"
    d.mkdir()
    (d / "01-empty.txt").write_bytes(b"")
    (d / "02-blank.txt").write_text(" \n\t\r\n   \n", encoding="utf-8")
    (d / "03-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    (d / "04-latin1.txt").write_bytes("Caf\u00e9 owners said Iran supplied weapons to Hezbollah.".encode("latin-1"))
    (d / "05-utf16.txt").write_bytes("\ufeffThe Houthis attacked Saudi Arabia on Tuesday.\n".encode("utf-16-le"))
    (d / "06-page.html").write_text(HTML_WITH_SCRIPTS, encoding="utf-8")
    (d / "07-good.txt").write_text(GOOD, encoding="utf-8")
    return d


from graphkit.read.sources import ACCEPTED  # noqa: E402

BAD_MESSAGES = {
    "01-empty.txt": "empty file",
    "02-blank.txt": "empty file",
    "03-binary.txt": f"binary content (NUL bytes), not text; {ACCEPTED}",
    "04-latin1.txt": "not valid UTF-8 (byte 0xe9 at offset 3)",
}


def check_bad_input_report(stderr: str, folder: Path) -> None:
    """One line per bad file, naming it with the reason; nothing else on stderr."""
    got = lines(stderr)
    assert got == [f"graphkit: {folder / name}: {reason}" for name, reason in BAD_MESSAGES.items()], got


def test_bad_inputs_through_extract(cli, bad_inputs):
    result = cli("extract", bad_inputs, "--format", "jsonl")
    assert result.exit_code == 1
    check_bad_input_report(result.stderr, bad_inputs)
    rows = [json.loads(line) for line in lines(result.stdout)]
    got = {(r["subject"], r["relation"], r["object"], Path(r["evidence"]["source"]).name) for r in rows}
    assert {("Houthis", "attacked", "Saudi Arabia", "05-utf16.txt"),
            ("Houthis", "attacked", "Saudi Arabia", "06-page.html"),
            ("Iran", "supplies_weapons_to", "Hezbollah", "07-good.txt")} <= got
    assert {source for *_, source in got} == {"05-utf16.txt", "06-page.html", "07-good.txt"}
    hidden = {"Russia", "Ukraine", "Qatar", "Turkey", "Greece", "Egypt"}  # only in scripts, styles, noscript
    assert not hidden & {name for s, _, o, _ in got for name in (s, o)}
    for r in rows:  # nothing from scripts, styles, noscript or templates, no markup in the evidence
        assert "<" not in r["evidence"]["sentence"] and "var " not in r["evidence"]["sentence"]


def test_bad_inputs_through_ingest(cli, bad_inputs, tmp_path):
    db = tmp_path / "graph.db"
    result = cli("ingest", bad_inputs, "--db", db, "--format", "json", "--no-progress")
    assert result.exit_code == 1
    check_bad_input_report(result.stderr, bad_inputs)
    summary = json.loads(result.stdout)
    # the two Houthi articles differ in text (the HTML one has its title line), so both are stored
    assert (summary["stored"], summary["failed"], summary["skipped"]) == (3, 4, 0)
    with SQLiteStore(db, readonly=True) as store:
        rels = {r["id"]: r["articles"] for r in store.relationships()}
        assert rels["houthis|attacked|saudi-arabia"] == 2 and rels["iran|supplies_weapons_to|hezbollah"] == 1
        assert not {"russia", "ukraine", "qatar", "turkey", "greece", "egypt"} & {a["id"] for a in store.actors()}
    again = cli("ingest", bad_inputs, "--db", db, "--format", "json", "--no-progress")
    assert again.exit_code == 1 and json.loads(again.stdout)["skipped"] == 3


def peak_rss(cmd: list[str], stdin=None) -> tuple[subprocess.CompletedProcess, int]:
    """Run ``cmd`` to completion; the result and the child's peak resident memory (bytes), from wait4."""
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
    out_chunks, err_chunks = [], []

    readers = [threading.Thread(target=lambda s=s, b=b: b.append(s.read()), daemon=True)
               for s, b in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    for r in readers:
        r.join(timeout=60)
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(cmd, proc.returncode, b"".join(out_chunks).decode(),
                                         b"".join(err_chunks).decode())
    return result, usage.ru_maxrss * 1024


def test_50_mb_file_is_refused_in_bounded_memory(tmp_path):
    big = tmp_path / "huge.txt"
    sentence = ("Iran supplied weapons to Hezbollah while the Houthis attacked Saudi Arabia " * 40 + ".\n")
    with big.open("w", encoding="utf-8") as fh:
        while fh.tell() < 50 * 2**20:
            fh.write(sentence)
    size = big.stat().st_size
    small = tmp_path / "small.txt"
    small.write_text(GOOD, encoding="utf-8")
    baseline, base_rss = peak_rss(graphkit_cmd("extract", small, "--format", "jsonl"))
    assert baseline.returncode == 0, baseline.stderr

    result, rss = peak_rss(graphkit_cmd("extract", big, small, "--format", "jsonl"))
    assert result.returncode == 1
    assert lines(result.stderr) == [f"graphkit: {big}: {size} bytes exceeds --max-bytes 20000000"]
    assert lines(result.stdout) == lines(baseline.stdout)  # the small file is still processed
    assert rss - base_rss < 20 * 2**20, f"refusing a 50 MB file took {(rss - base_rss) >> 20} MB more memory"

    limited, _ = peak_rss(graphkit_cmd("extract", big, small, "--format", "jsonl", "--max-bytes", "1000000"))
    assert lines(limited.stderr) == [f"graphkit: {big}: {size} bytes exceeds --max-bytes 1000000"]
    # standard input cannot be measured first: it is read up to --max-bytes + 1 and then refused
    with big.open("rb") as fh:
        piped, piped_rss = peak_rss(graphkit_cmd("extract", "-", "--max-bytes", "5000000"), stdin=fh)
    assert piped.returncode == 1
    assert lines(piped.stderr) == ["graphkit: <stdin>: input exceeds --max-bytes 5000000"]
    assert piped_rss - base_rss < 40 * 2**20, f"stdin took {(piped_rss - base_rss) >> 20} MB more memory"


def test_one_sentence_of_10000_characters(nlp, tmp_path, cli):
    names = ["Iran", "Hezbollah", "Hamas", "Israel", "Russia", "Syria", "Qatar", "the Houthis", "Saudi Arabia"]
    parts, i = [], 0
    while sum(len(p) + 2 for p in parts) < 10_010:
        a, b = names[i % len(names)], names[(i * 5 + 2) % len(names)]
        parts.append([f"{a} attacked {b}", f"{a} held talks with {b}", f"while {a} funds {b}"][i % 3])
        i += 1
    text = ", ".join(parts)[:10_000]
    assert len(text) == 10_000 and "." not in text
    [(_, triples)] = list(extract_articles([Article(id="long", text=text, source="long.txt")], nlp))
    assert triples
    for t in triples:
        ev = t.evidence.to_dict()
        for part in ("subject", "object"):
            assert text[ev[f"{part}_start"]:ev[f"{part}_end"]] == ev[f"{part}_text"]
        assert text[ev["trigger_start"]:ev["trigger_end"]] == ev["trigger"]
        assert text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    result = cli("ingest", path, "--db", tmp_path / "long.db", "--format", "json", "--no-progress")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["evidence"] == len({(t.relation, t.subject_id, t.object_id,
                                                           t.evidence.sentence_start,
                                                           t.evidence.trigger_start) for t in triples})


def test_directory_with_symlinks_and_unreadable_files_as_an_unprivileged_user(open_dir):
    """Real permissions: the CLI runs as uid 65534 over files root made unreadable to it."""
    corpus = open_dir / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "locked").mkdir()
    (corpus / "nolist").mkdir()
    (corpus / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "sub" / "b-good.txt").write_text(GOOD_2, encoding="utf-8")
    (corpus / "c-secret.txt").write_text("Qatar funds Hamas.\n", encoding="utf-8")
    (corpus / "locked" / "d.txt").write_text("Egypt funds Hamas.\n", encoding="utf-8")
    (corpus / "nolist" / "e.txt").write_text("Turkey attacked Greece.\n", encoding="utf-8")
    os.symlink(corpus / "a-good.txt", corpus / "f-link-to-good.txt")
    os.symlink(corpus / "c-secret.txt", corpus / "g-link-to-secret.txt")
    os.symlink(open_dir / "gone.txt", corpus / "h-dangling.txt")
    os.symlink("..", corpus / "sub" / "loop")
    for path in (corpus, corpus / "sub"):
        path.chmod(0o755)
    for path in (corpus / "a-good.txt", corpus / "sub" / "b-good.txt", corpus / "nolist" / "e.txt"):
        path.chmod(0o644)
    (corpus / "c-secret.txt").chmod(0o600)
    (corpus / "locked").chmod(0o700)
    (corpus / "nolist").chmod(0o744)  # readable but not searchable: names listed, files not reachable
    out = open_dir / "out"
    out.mkdir()
    os.chown(out, NOBODY, NOBODY) if os.geteuid() == 0 else None
    db = out / "graph.db"
    env = child_env(HOME=str(out))
    result = subprocess.run(as_nobody(graphkit_cmd("ingest", corpus, "--db", db, "--no-progress", "-f", "json")),
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1, result.stderr
    assert sorted(lines(result.stderr)) == sorted([
        f"graphkit: {corpus / 'c-secret.txt'}: permission denied",
        f"graphkit: {corpus / 'g-link-to-secret.txt'}: permission denied",
        f"graphkit: {corpus / 'h-dangling.txt'}: broken symbolic link",
        f"graphkit: {corpus / 'locked'}: permission denied",
        f"graphkit: {corpus / 'nolist' / 'e.txt'}: permission denied",
    ]), result.stderr
    summary = json.loads(result.stdout)
    # a-good.txt and its symlink are one article; the loop back to corpus/ is not read twice
    assert (summary["stored"], summary["skipped"], summary["failed"]) == (2, 1, 5)
    with SQLiteStore(db, readonly=True) as store:
        assert {"iran|supplies_weapons_to|hezbollah", "houthis|attacked|saudi-arabia"} <= {
            r["id"] for r in store.relationships()}
        assert not {"qatar", "egypt", "turkey", "greece"} & {a["id"] for a in store.actors()}
    extract = subprocess.run(as_nobody(graphkit_cmd("extract", corpus / "c-secret.txt", "-f", "jsonl")),
                             capture_output=True, text=True, env=env, timeout=300)
    assert extract.returncode == 1 and extract.stdout == ""
    assert lines(extract.stderr) == [f"graphkit: {corpus / 'c-secret.txt'}: permission denied"]


# --------------------------------------------------------------------------- property tests on random text

ACTOR_NAMES = ["Iran", "Hezbollah", "Hamas", "Fatah", "Israel", "Russia", "Qatar", "the Houthis", "Saudi Arabia",
               "Turkey", "the Taliban", "Egypt", "the Wagner Group", "the Islamic State"]
PHRASES = ["attacked", "held talks with", "supplied weapons to", "funds", "is fighting", "backs",
           "reportedly armed", "denied arming", ", the leader of", "met", "and", ",", "said", "in Cairo",
           "on Tuesday", "according to officials", "allegedly", "the conflict between"]
SYMMETRIC = frozenset(name for name, rel in load_schema().relations.items() if rel.symmetric)

_word = st.one_of(st.sampled_from(ACTOR_NAMES), st.sampled_from(PHRASES),
                  st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12))
_sentence = st.lists(_word, min_size=1, max_size=14).map(" ".join).map(lambda s: s[0:1].upper() + s[1:] + ".")
random_text = st.lists(_sentence, min_size=1, max_size=6).map(
    lambda ss: " ".join(ss)).filter(lambda s: s.strip())

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def check_offsets(text: str, triples: list[dict]) -> None:
    relations = load_schema().relations
    for t in triples:
        ev = t["evidence"]
        assert t["relation"] in relations
        assert 0.0 <= t["confidence"] <= 1.0
        assert text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"], t
        for part in ("subject", "object", "trigger"):
            key = "trigger" if part == "trigger" else f"{part}_text"
            assert 0 <= ev[f"{part}_start"] < ev[f"{part}_end"] <= len(text), (part, t)
            assert text[ev[f"{part}_start"]:ev[f"{part}_end"]] == ev[key], (part, t)
            assert ev["sentence_start"] <= ev[f"{part}_start"] and ev[f"{part}_end"] <= ev["sentence_end"], (part, t)


@PROPERTY_SETTINGS
@given(text=random_text)
def test_random_text_never_crashes_and_offsets_point_into_it(nlp, text):
    [(_, triples)] = list(extract_articles([Article(id="r", text=text, source="-")], nlp))
    check_offsets(text, [t.to_dict() for t in triples])
    for t in triples:  # as stored: symmetric relations with the smaller id first, offsets moved with the sides
        stored = normalize_triple(t, SYMMETRIC).to_dict()
        if t.relation in SYMMETRIC:
            assert stored["subject_id"] <= stored["object_id"]
        ev = stored["evidence"]
        for part in ("subject", "object"):
            assert text[ev[f"{part}_start"]:ev[f"{part}_end"]] == ev[f"{part}_text"]


SYMMETRIC_TEMPLATES = ["{a} held talks with {b} on Monday.", "Talks between {a} and {b} resumed in Geneva.",
                       "{a} is fighting {b} along the border.", "The conflict between {a} and {b} deepened."]


def order_free(triples: list[Triple]) -> set[tuple]:
    return {(t.relation, *sorted((t.subject_id, t.object_id))) for t in triples if t.relation in SYMMETRIC}


@PROPERTY_SETTINGS
@given(pair=st.lists(st.sampled_from(ACTOR_NAMES), min_size=2, max_size=2, unique=True),
       template=st.sampled_from(SYMMETRIC_TEMPLATES), before=st.sampled_from(["", "Officials said on Sunday. "]))
def test_symmetric_relations_are_order_free(nlp, pair, template, before):
    a, b = pair

    def text_of(x: str, y: str) -> str:
        text = before + template.format(a=x, b=y)
        return text[0].upper() + text[1:]

    forward, backward = text_of(a, b), text_of(b, a)
    [(_, t1)], [(_, t2)] = (list(extract_articles([Article(id="x", text=t, source="-")], nlp))
                            for t in (forward, backward))
    assert order_free(t1) == order_free(t2), (forward, backward)
    assert order_free(t1), f"no symmetric relation in {forward!r}"


@PROPERTY_SETTINGS
@given(texts=st.lists(random_text, min_size=2, max_size=5))
def test_extraction_is_deterministic(nlp, texts):
    articles = [Article(id=f"a{i}", text=t, source=f"{i}.txt") for i, t in enumerate(texts)]
    together = [triples for _, triples in extract_articles(articles, nlp, batch_size=3)]
    alone = [triples for art in articles for _, triples in extract_articles([art], nlp)]
    reversed_ = [triples for _, triples in extract_articles(articles[::-1], nlp)][::-1]
    again = [triples for _, triples in extract_articles(articles, nlp, batch_size=3)]
    assert together == alone == reversed_ == again


def test_extraction_is_the_same_in_every_process(tmp_path):
    """Python salts str hashes per process, so anything that picks from a set by its order (a display name among
    spellings that tie) would name actors differently from one run to the next: two processes with different
    hash seeds must print the same bytes. The extra text spells one collective in headline and running case."""
    (tmp_path / "spellings.txt").write_text(
        "Shi'ite Leaders Meet Kurdish Rebels\n\nShi'ite leaders met Kurdish rebels in Baghdad on Monday. "
        "The Kurdish rebels said Shi'ite leaders had negotiated with the government.\n", encoding="utf-8")
    sources = [str(tmp_path / "spellings.txt"), str(Path(__file__).resolve().parents[1] / "data" / "samples")]
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "graphkit.cli", "extract", *sources, "--format", "jsonl"],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0].count("\n") > 20
    assert outputs[0] == outputs[1]


def test_display_name_ties_are_broken_the_same_way():
    from graphkit.nlp.resolve import _display_name

    spellings = ["Shi'ite Leaders", "Shi'ite leaders"]
    assert _display_name(set(spellings)) == _display_name(set(spellings[::-1])) == "Shi'ite leaders"


# --------------------------------------------------------------------------- faults: disk full, read-only


def dispatches(folder: Path, start: int, stop: int) -> Path:
    """Distinct generated articles, each with a few relations."""
    folder.mkdir(parents=True, exist_ok=True)
    n = len(ACTOR_NAMES)
    for i in range(start, stop):
        a, b, c = ACTOR_NAMES[i % n], ACTOR_NAMES[(i + 3) % n], ACTOR_NAMES[(i + 7) % n]
        cap = lambda s: s[0].upper() + s[1:]  # noqa: E731
        (folder / f"dispatch-{i:03d}.txt").write_text(
            f"Dispatch number {i}\n\n{cap(a)} attacked {b} near the border on day {i}. "
            f"Officials said {c} supplied weapons to {a}. {cap(b)} held talks with {c} in a neutral capital. "
            f"Witnesses counted {i + 2} vehicles on the road.\n", encoding="utf-8")
    return folder


@pytest.fixture
def small_tmpfs():
    """A 2 MB tmpfs (root only), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill the disk needs root")
    mountpoint = Path(tempfile.mkdtemp(prefix="graphkit-full-", dir="/tmp"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(mountpoint)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        mountpoint.rmdir()
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}): the disk-full case needs one")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)
        mountpoint.rmdir()


def fill(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last byte."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as fh:
        for chunk in (b"\0" * 4096, b"\0"):  # then what is left below one block
            try:
                while True:
                    fh.write(chunk)
            except OSError:
                pass
    return filler


def test_disk_full_is_a_clear_error_and_the_store_stays_intact(small_tmpfs, tmp_path, nlp):
    db = small_tmpfs / "graph.db"
    first = dispatches(tmp_path / "first", 0, 10)
    second = dispatches(tmp_path / "second", 10, 60)
    env = child_env()
    ok = subprocess.run(graphkit_cmd("ingest", first, "--db", db, "--no-progress", "-f", "json"),
                        capture_output=True, text=True, env=env, timeout=300)
    assert ok.returncode == 0, ok.stderr
    with SQLiteStore(db, readonly=True) as store:
        before, before_keys = store.stats(), evidence_keys(store)
    filler = fill(small_tmpfs)
    assert shutil.disk_usage(small_tmpfs).free == 0

    full = subprocess.run(graphkit_cmd("ingest", second, "--db", db, "--no-progress", "-f", "json",
                                       "--batch-articles", "50"),
                          capture_output=True, text=True, env=env, timeout=300)
    assert full.returncode == 2, (full.stdout, full.stderr)
    assert lines(full.stderr) == [f"graphkit: {db}: cannot write to database (database or disk is full)"], full.stderr
    assert "Traceback" not in full.stderr and full.stdout == ""

    filler.unlink()
    assert integrity(db) == "ok"
    with SQLiteStore(db, readonly=True) as store:
        assert store.stats() == before and evidence_keys(store) == before_keys
    again = subprocess.run(graphkit_cmd("ingest", second, "--db", db, "--no-progress", "-f", "json"),
                           capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["stored"] == 50
    with SQLiteStore(tmp_path / "fresh.db") as fresh, SQLiteStore(db, readonly=True) as store:
        ingest([str(first), str(second)], fresh, nlp=nlp, progress=False)
        assert store.stats() == fresh.stats() and evidence_keys(store) == evidence_keys(fresh)
    assert integrity(db) == "ok"


def test_read_only_database_file_as_an_unprivileged_user(open_dir, tmp_path, nlp):
    """Root owns the database (0644); uid 65534 may read it but not write it."""
    docs = dispatches(open_dir / "docs", 0, 4)
    more = dispatches(open_dir / "more", 4, 8)
    for path in (docs, more):
        path.chmod(0o755)
    db = open_dir / "graph.db"
    with SQLiteStore(db) as store:
        ingest([str(docs)], store, nlp=nlp, progress=False)
        before = store.stats()
    db.chmod(0o644)
    content = db.read_bytes()
    env = child_env(HOME=str(open_dir))
    result = subprocess.run(as_nobody(graphkit_cmd("ingest", more, "--db", db, "--no-progress")),
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 2
    assert lines(result.stderr) == [f"graphkit: {db}: database is read-only (no write permission)"]
    forget = subprocess.run(as_nobody(graphkit_cmd("forget", "abc", "--db", db)), capture_output=True, text=True,
                            env=env, timeout=300)
    assert forget.returncode == 2 and lines(forget.stderr) == [
        f"graphkit: {db}: database is read-only (no write permission)"]
    assert db.read_bytes() == content and sorted(p.name for p in open_dir.iterdir()) == ["docs", "graph.db", "more"]
    # reading is still allowed: the user can read the file, though not create the -shm beside it
    stats = subprocess.run(as_nobody(graphkit_cmd("stats", "--db", db, "-f", "json")), capture_output=True,
                           text=True, env=env, timeout=300)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout) == before
    assert db.read_bytes() == content and integrity(db) == "ok"


def test_read_only_file_system(small_tmpfs, tmp_path, nlp):
    db = small_tmpfs / "graph.db"
    docs = dispatches(tmp_path / "docs", 0, 4)
    with SQLiteStore(db) as store:
        ingest([str(docs)], store, nlp=nlp, progress=False)
        before = store.stats()
    content = db.read_bytes()
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], capture_output=True, text=True)
    if remount.returncode != 0:
        pytest.skip(f"cannot remount the tmpfs read-only ({remount.stderr.strip()})")
    result = subprocess.run(graphkit_cmd("ingest", dispatches(tmp_path / "more", 4, 8), "--db", db, "--no-progress"),
                            capture_output=True, text=True, env=child_env(), timeout=300)
    assert result.returncode == 2
    assert lines(result.stderr) == [f"graphkit: {db}: database is read-only (no write permission)"]
    stats = subprocess.run(graphkit_cmd("stats", "--db", db, "-f", "json"), capture_output=True, text=True,
                           env=child_env(), timeout=300)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout) == before
    assert db.read_bytes() == content and integrity(db) == "ok"


# --------------------------------------------------------------------------- faults: two ingests at once


def test_two_ingests_into_one_store_at_once(tmp_path, nlp):
    """Two processes, overlapping inputs, one fresh file created by both: both complete, nothing is lost or doubled."""
    everything = tmp_path / "all"
    dispatches(everything, 0, 60)
    left, right = tmp_path / "left", tmp_path / "right"
    left.mkdir()
    right.mkdir()
    for path in sorted(everything.iterdir()):
        number = int(path.stem.split("-")[1])
        if number < 40:
            shutil.copy(path, left / path.name)
        if number >= 20:
            shutil.copy(path, right / path.name)
    db = tmp_path / "shared.db"
    env = child_env()
    procs = [subprocess.Popen(graphkit_cmd("ingest", folder, "--db", db, "--no-progress", "-f", "json",
                                           "--batch-articles", "2"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for folder in (left, right)]
    outputs = [proc.communicate(timeout=600) for proc in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert err.strip() == ""
    summaries = [json.loads(out) for out, _ in outputs]
    assert sum(s["stored"] for s in summaries) == 60
    assert sum(s["stored"] + s["skipped"] for s in summaries) == 80
    assert all(s["failed"] == 0 for s in summaries)
    assert integrity(db) == "ok"
    with SQLiteStore(tmp_path / "fresh.db") as fresh, SQLiteStore(db, readonly=True) as shared:
        ingest([str(everything)], fresh, nlp=nlp, progress=False)
        assert shared.stats() == fresh.stats()
        assert evidence_keys(shared) == evidence_keys(fresh)
        strip = lambda rows: [(r["id"], r["articles"], r["evidence"], r["hedged_share"], r["best_confidence"])  # noqa: E731
                              for r in rows]
        assert strip(shared.relationships()) == strip(fresh.relationships())


# --------------------------------------------------------------------------- security: queries and injection

QUERY_CALLS = {"execute", "executemany", "executescript", "run", "execute_query", "_read"}
QUERY_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|MATCH|MERGE|UNWIND|RETURN|WHERE)\b")
# Every interpolation into a query text in graphkit/, and why it is safe. Anything new fails the test.
SAFE_INTERPOLATIONS = {
    ("sqlite_schema.py", "BUSY_TIMEOUT_MS"),  # an int constant
    ("sqlite_schema.py", "SCHEMA_VERSION"),  # an int constant
    ("sqlite.py", "', '.join(_EVIDENCE_COLUMNS)"),  # constant column names
    ("sqlite.py", "', '.join('?' * len(_EVIDENCE_COLUMNS))"),  # placeholders
    ("sqlite.py", "c"),  # in the ON CONFLICT clause: a column of the constant _EVIDENCE_COLUMNS
    ("sqlite.py", "table"),  # stats(): one of a constant tuple of table names
    ("sqlite.py", "marks"),  # ", ".join("?" * n): placeholders only
    ("sqlite.py", "marks=marks"),  # the same, into _TOUCHING
    ("sqlite.py", "', '.join((f'{c} = excluded.{c}' for c in _EVIDENCE_COLUMNS[4:]))"),  # constant columns
    ("sqlite.py", "' AND '.join(where)"),  # evidence(): "relationship_id = ?" / "article_id = ?" only
    ("sqlite.py", "(' WHERE ' + ' AND '.join(where) if where else '')"),  # constant "col = ?" clauses
}


def interpolations(path: Path) -> list[tuple[str, str, int]]:
    """(file, interpolated expression, line) for every f-string, .format or % applied to query-like text,
    and every + that joins query-like text with something that is not a constant."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def querylike(node: ast.AST) -> bool:
        return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and QUERY_WORDS.search(n.value)
                   for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and querylike(node):
            found += [(path.name, ast.unparse(v.value), node.lineno) for v in node.values
                      if isinstance(v, ast.FormattedValue)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            target = node.func.value
            if querylike(target) or (isinstance(target, ast.Name) and target.id.isupper()):
                found += [(path.name, ast.unparse(a), node.lineno) for a in [*node.args, *node.keywords]]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and querylike(node.left):
            found.append((path.name, ast.unparse(node.right), node.lineno))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and querylike(node):
            for side in (node.left, node.right):
                if not querylike(side) and not (isinstance(side, ast.Constant)):
                    found.append((path.name, ast.unparse(side), node.lineno))
    return found


def test_every_query_is_parameterized():
    """No query text in graphkit/ is built from data: the only interpolations are the reviewed constants
    above; every Cypher statement is a file in cypher/ (or the user's own file for ``graphkit cypher``), and
    no .cypher file is a format template."""
    sources = sorted((ROOT / "graphkit").rglob("*.py"))
    found = [hit for path in sources for hit in interpolations(path)]
    unsafe = [hit for hit in found if hit[:2] not in SAFE_INTERPOLATIONS]
    assert not unsafe, f"string formatting into a query: {unsafe}"
    assert {hit[1] for hit in found} >= {"marks", "table"}, "the scan no longer sees the known interpolations"
    # Cypher is only ever run in the store modules, and always from a file or a parameter-free constant
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("run", "execute_query") and node.args):
                query = node.args[0]
                assert not isinstance(query, (ast.JoinedStr, ast.BinOp)), f"{path.name}:{node.lineno}"
    for f in sorted((ROOT / "graphkit" / "store" / "cypher").rglob("*.cypher")):
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"%[sdr(]|\{\d*\}|\{[a-z_]+\}|\$\{", text), f"{f.name}: looks like a format template"
        assert "+ '" not in text and "' +" not in text, f"{f.name}: concatenates quoted text"


HOSTILE_ACTORS = [
    {"name": "<script>alert(1)</script>", "type": "GROUP", "aliases": ["Crimson Brigade"]},
    {"name": "Robert'); DROP TABLE actors;--", "type": "GROUP", "aliases": ["Amber Front"]},
    {"name": "MATCH (n) DETACH DELETE n", "type": "ORGANIZATION", "aliases": ["Jade Legion"]},
]
HOSTILE_SENTENCE = ('The Crimson Brigade attacked the Amber Front on Monday, '
                    '<img src=x onerror="document.body.dataset.pwned=1"> witnesses said.')
HOSTILE_TEXT = ("Iran supplied weapons to the Crimson Brigade last year. " + HOSTILE_SENTENCE +
                " The Jade Legion held talks with the Amber Front in Cairo.\n")
SCRIPT_ID, DROP_ID, MATCH_ID = "script-alert-1-script", "robert-drop-table-actors", "match-n-detach-delete-n"
INJECTION_ARGS = ["x' OR '1'='1", "'); DROP TABLE articles; --", "a\" OR 1=1 --", "MATCH (n) DETACH DELETE n",
                  "}) DETACH DELETE n //", "%", "*"]


@pytest.fixture
def hostile(tmp_path) -> tuple[Path, Path]:
    """(the article, the actors file): hostile names reach the store through extraction."""
    actors = tmp_path / "hostile-actors.json"
    actors.write_text(json.dumps(HOSTILE_ACTORS), encoding="utf-8")
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_TEXT, encoding="utf-8")
    return article, actors


def check_hostile_store(store) -> None:
    names = {a["id"]: a["name"] for a in store.actors()}
    assert {names[SCRIPT_ID], names[DROP_ID], names[MATCH_ID]} == {a["name"] for a in HOSTILE_ACTORS}
    # "witnesses said" is attribution, not a hedge, so the attack also states a rivalry (rival_of)
    assert store.stats() == {"articles": 1, "actors": 4, "relationships": 4, "evidence": 4}
    rels = {r["id"]: (r["subject"], r["object"]) for r in store.relationships()}
    assert rels[f"{SCRIPT_ID}|attacked|{DROP_ID}"] == ("<script>alert(1)</script>", "Robert'); DROP TABLE actors;--")
    [ev] = list(store.evidence(relationship=f"{SCRIPT_ID}|attacked|{DROP_ID}"))
    assert ev["sentence"] == HOSTILE_SENTENCE


def test_injection_in_names_and_arguments_is_stored_verbatim_and_harmless(tmp_path, hostile, nlp, monkeypatch):
    article, actors = hostile
    odd_db = tmp_path / "it's \"quoted\"; DROP TABLE x; --.db"
    runner = CliRunner()
    monkeypatch.delenv("GRAPHKIT_NEO4J_URI", raising=False)

    def cli(*args):
        return runner.invoke(app, [str(a) for a in args])

    result = cli("ingest", article, "--db", odd_db, "--actors", actors, "-f", "json", "--no-progress")
    assert result.exit_code == 0, result.output
    with SQLiteStore(odd_db, readonly=True) as store:
        check_hostile_store(store)
        tables = {r["name"] for r in store._read("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"actors", "aliases", "articles", "relationships", "evidence"} <= tables
    for arg in INJECTION_ARGS:
        assert cli("forget", arg, "--db", odd_db).exit_code == 1
        links = cli("links", arg, "--db", odd_db)  # no such actor, or the closest real one: a search, nothing else
        assert links.exit_code in (0, 1) and links.exception is None or isinstance(links.exception, SystemExit)
        assert cli("relationships", "--db", odd_db, "--relation", arg).exit_code == 2  # not a relation
    links = cli("links", "Robert'); DROP TABLE actors;--", "--db", odd_db, "-f", "json")
    assert links.exit_code == 0, links.output
    assert "<script>alert(1)</script>" in links.stdout and "MATCH (n) DETACH DELETE n" in links.stdout
    with SQLiteStore(odd_db, readonly=True) as store:
        check_hostile_store(store)
        assert integrity(odd_db) == "ok"
    listing = cli("relationships", "--db", odd_db, "-f", "jsonl")  # still works after every hostile argument
    assert listing.exit_code == 0 and len(lines(listing.stdout)) == 4  # with the rivalry the attack states


def test_hostile_names_through_ingest_store_and_viz_render_as_text_in_chromium(tmp_path, hostile, monkeypatch):
    import test_viz

    article, actors = hostile
    db = tmp_path / "graph.db"
    monkeypatch.delenv("GRAPHKIT_NEO4J_URI", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(article), "--db", str(db), "--actors", str(actors),
                               "--no-progress"]).exit_code == 0
    page = tmp_path / "network.html"
    result = runner.invoke(app, ["viz", "--db", str(db), "--out", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in text and "<img" not in text
    for fragment in ("", f"#node={SCRIPT_ID}", f"#edge={SCRIPT_ID}%7Cattacked%7C{DROP_ID}", "#q=script"):
        dom = test_viz.dump_dom(tmp_path, page, fragment)
        attrs = test_viz.body_attrs(dom)
        assert attrs["data-errors"] == "" and attrs["data-rendered"] == "true", fragment
        assert "pwned" not in attrs, fragment
        assert len(re.findall(r"<script", dom)) == 3 and "<img" not in dom, fragment
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom, fragment
    edge_dom = test_viz.dump_dom(tmp_path, page, f"#edge={SCRIPT_ID}%7Cattacked%7C{DROP_ID}")
    details = re.search(r'<div id="details">(.*?)</div>', edge_dom, re.S).group(1)
    assert '&lt;img src=x onerror="document.body.dataset.pwned=1"&gt;' in details
    assert "Robert'); DROP TABLE actors;--" in details.replace("&#39;", "'")


# --------------------------------------------------------------------------- load: 7,600 AG News articles

AGNEWS_OPTIONS = ReadOptions(text_column="description", title_column="title", date_column=None)
LOAD_BATCH = 200


@functools.lru_cache(maxsize=1)
def agnews_extracted() -> tuple[list[list[tuple[Article, list[dict]]]], int, int]:
    """The AG News test rows read as ``graphkit ingest test.csv --text-column description --title-column title``
    does (the file has a header row: label,title,description), extracted once per session and cut into
    batches of LOAD_BATCH articles. Returns (batches, rows read, distinct texts)."""
    from graphkit.run.extract import get_pipeline

    if not AGNEWS.exists():
        pytest.skip(f"{AGNEWS} is not here")
    items = list(read_articles([str(AGNEWS)], AGNEWS_OPTIONS))
    failures = [item for item in items if isinstance(item, Failure)]
    assert not failures, failures[:3]
    seen, articles = set(), []
    for art in items:
        if art.id not in seen:  # ingest skips a text met earlier in the run before extraction
            seen.add(art.id)
            articles.append(art)
    extracted = list(extract_articles(articles, get_pipeline(), batch_size=64))
    batches = [extracted[i:i + LOAD_BATCH] for i in range(0, len(extracted), LOAD_BATCH)]
    return batches, len(items), len(articles)


@pytest.fixture(scope="session")
def agnews():
    return agnews_extracted()


def recount(store) -> dict[str, int]:
    """Articles, actors, relationships and evidence counted again from the evidence records."""
    evidence = list(store.evidence())
    rel_ids = {e["relationship_id"] for e in evidence}
    actors = {part for rel in rel_ids for part in (rel.split("|")[0], rel.split("|")[2])}
    keys = {(e["relationship_id"], e["article_id"], e["sentence_start"], e["trigger_start"]) for e in evidence}
    assert len(keys) == len(evidence), "two evidence records for one piece of evidence"
    return {"articles_with_evidence": len({e["article_id"] for e in evidence}), "actors": len(actors),
            "relationships": len(rel_ids), "evidence": len(evidence)}


def expected_counts(batches) -> dict[str, int]:
    """The same counts from the extracted triples themselves, as the store should keep them."""
    keys, rels, actors, with_evidence = set(), set(), set(), set()
    for batch in batches:
        for art, triples in batch:
            for t in triples:
                t = normalize_triple(t, SYMMETRIC).to_dict()
                rel = f"{t['subject_id']}|{t['relation']}|{t['object_id']}"
                rels.add(rel)
                actors.update((t["subject_id"], t["object_id"]))
                keys.add((rel, art.id, t["evidence"]["sentence_start"], t["evidence"]["trigger_start"]))
                with_evidence.add(art.id)
    return {"articles_with_evidence": len(with_evidence), "actors": len(actors), "relationships": len(rels),
            "evidence": len(keys)}


def load_into(store, batches) -> dict[str, int]:
    totals = dict.fromkeys(("stored", "skipped", "actors", "relationships", "evidence"), 0)
    for batch in batches:
        for key, value in store.add_articles(batch).items():
            totals[key] += value
    return totals


@pytest.mark.load
def test_load_agnews_into_sqlite(agnews, tmp_path):
    batches, rows, distinct = agnews
    assert rows == 7600 and distinct > 7500
    db = tmp_path / "agnews.db"
    with SQLiteStore(db) as store:
        totals = load_into(store, batches)
        stats = store.stats()
        counted = recount(store)
        assert totals["stored"] == stats["articles"] == distinct
        assert (totals["actors"], totals["relationships"], totals["evidence"]) == (
            stats["actors"], stats["relationships"], stats["evidence"])
        assert counted == expected_counts(batches)
        assert {k: stats[k] for k in ("actors", "relationships", "evidence")} == {
            k: counted[k] for k in ("actors", "relationships", "evidence")}
        assert stats["relationships"] > 100 and stats["evidence"] > stats["relationships"]
        # the aggregates agree with the evidence too
        per_rel: dict[str, set] = {}
        for e in store.evidence():
            per_rel.setdefault(e["relationship_id"], set()).add(e["article_id"])
        assert {r["id"]: r["articles"] for r in store.relationships()} == {k: len(v) for k, v in per_rel.items()}
        assert load_into(store, batches)["stored"] == 0 and store.stats() == stats  # idempotent
    assert integrity(db) == "ok"


@pytest.mark.load
def test_load_agnews_cli_matches_the_library(agnews, tmp_path, cli):
    """The command a user types (a slice of the same file, to stay lean) gives the library's counts."""
    batches, _, _ = agnews
    head = tmp_path / "head.csv"
    with AGNEWS.open(encoding="utf-8", newline="") as src, head.open("w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst)
        for i, row in enumerate(csv.reader(src)):
            if i > 400:
                break
            writer.writerow(row)
    db = tmp_path / "head.db"
    result = cli("ingest", head, "--db", db, "--text-column", "description", "--title-column", "title",
                 "-f", "json", "--no-progress")
    assert result.exit_code == 0, result.stderr
    first = [pair for batch in batches for pair in batch][:400]
    with SQLiteStore(tmp_path / "lib.db") as lib, SQLiteStore(db, readonly=True) as store:
        load_into(lib, [first])
        assert store.stats() == lib.stats() and evidence_keys(store) == evidence_keys(lib)
