"""graphkit installed from its wheel, outside the checkout, starts and works: its lexicons, actor dictionary,
Cypher files and page assets are package data, not files of the checkout.

The wheel goes into a fresh virtualenv. Its dependencies (spaCy, the model, ...) are the ones this test run
already has: the new venv sees them through a .pth file, without graphkit's editable install (a .pth file
names a path, it does not run the editable finder), so only the wheel's graphkit can be imported.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "Iran supplied rockets to the Houthis. Sheikh Hassan Nasrallah, the leader of Hezbollah, met Houthi envoys.\n"


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(work / "dist"), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (work / "dist").glob("graphkit-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q",
                                str(wheel)], capture_output=True, text=True, timeout=600)
    if installed.returncode != 0 and "no such option: --python" in installed.stderr:
        installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                                    str(site), str(wheel)], capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr[-2000:]
    return env_dir


def run(env_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAPHKIT_", "PYTHON"))}
    env["XDG_DATA_HOME"] = str(cwd / "xdg")
    return subprocess.run([str(env_dir / "bin" / "python"), "-m", "graphkit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_wheel_imports_graphkit_from_itself_not_the_checkout(wheel_venv, tmp_path):
    where = subprocess.run([str(wheel_venv / "bin" / "python"), "-c", "import graphkit; print(graphkit.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert str(wheel_venv) in where and str(ROOT) not in where


def test_extract_and_ingest_from_the_wheel(wheel_venv, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(SENTENCE, encoding="utf-8")
    out = run(wheel_venv, tmp_path, "extract", str(article), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    triples = {(t["subject"], t["relation"], t["object"]) for t in map(json.loads, out.stdout.splitlines())}
    assert ("Iran", "supplies_weapons_to", "Houthis") in triples
    assert any(r == "commands" and o == "Hezbollah" for _, r, o in triples)

    db = tmp_path / "graph.db"
    stored = run(wheel_venv, tmp_path, "ingest", str(article), "--db", str(db), "--no-progress", "--format", "json")
    assert stored.returncode == 0, stored.stderr
    assert json.loads(stored.stdout)["stored"] == 1
    rels = run(wheel_venv, tmp_path, "relationships", "--db", str(db), "--format", "json")
    assert rels.returncode == 0, rels.stderr
    assert any(r["relation"] == "supplies_weapons_to" for r in json.loads(rels.stdout))
    page = run(wheel_venv, tmp_path, "viz", "--db", str(db), "--out", str(tmp_path / "graph.html"))
    assert page.returncode == 0, page.stderr
    assert "<script" in (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert run(wheel_venv, tmp_path, "cypher", "links", "--param", "actor=iran").returncode == 2  # no server named
