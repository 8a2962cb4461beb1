"""The README's library example runs as it stands: its Python block is taken from README.md and run in a
temporary folder holding a copy of the demo articles, on a fresh SQLite store."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def library_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1, "the README has one Python example, the library's"
    return blocks[0]


def test_the_readme_library_example_runs(tmp_path):
    shutil.copytree(ROOT / "data" / "samples", tmp_path / "data" / "samples")
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(library_example(), "README.md", "exec"), {"__name__": "readme"})
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    assert "supplies_weapons_to out Rapid Support Forces 1" in " ".join(lines)
    assert lines[-2].startswith("['Iran', ")  # the most linked actor of the demo articles
    assert lines[-1].startswith("United Arab Emirates -> Rapid Support Forces -> Mohamed Hamdan Dagalo")
    assert (tmp_path / "graph.db").exists()


def test_readme_starts_with_the_two_commands_and_the_demo_store_it_names():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(.*?)```", text, flags=re.S).group(1).splitlines()
    assert [line.split()[:2] for line in first] == [["make", "demo"], ["make", "test"]]
    assert "demo.db" in first[0]
    asks = re.findall(r"^\.venv/bin/graphkit .*$", text.split("## Relations")[0], flags=re.M)
    assert asks and all("--db demo.db" in line for line in asks)  # they ask the graph the demo built


def test_make_demo_uses_its_own_store_never_the_analysts(tmp_path):
    """``make demo`` in a copy of the repository (its .venv linked): the analyst's $GRAPHKIT_DB and default
    store stay untouched (not even created), and the sample graph is demo.db, git-ignored, which the demo
    names with how to query it."""
    import subprocess

    if not (ROOT / ".venv" / ".installed-stamp").exists():
        import pytest

        pytest.skip("make demo needs the .venv that make install creates")
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data" / "samples", repo / "data" / "samples")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, repo / name)  # copy2 keeps pyproject's mtime: the stamp stays newer
    (repo / ".venv").symlink_to(ROOT / ".venv")
    analyst = tmp_path / "analyst.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHKIT_NEO4J")}
    env.update(GRAPHKIT_DB=str(analyst), HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    done = subprocess.run(["make", "-s", "demo"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert (repo / "demo.db").exists()
    assert not analyst.exists() and not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()
    assert f"The demo graph is in {repo / 'demo.db'}" in done.stdout
    assert ".venv/bin/graphkit links Suleimani --depth 2 --db demo.db" in done.stdout
    ignored = subprocess.run(["git", "check-ignore", "-q", "demo.db"], cwd=ROOT)
    assert ignored.returncode == 0, "demo.db is git-ignored"
