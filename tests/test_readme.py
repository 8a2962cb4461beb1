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
