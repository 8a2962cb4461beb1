"""The Cypher statements of the Neo4j store, one file each in ``cypher/`` at the project root.

No Cypher is ever built in Python: every statement is a file and takes ``$parameters``.

>>> "CREATE CONSTRAINT" in load("schema")
True
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parent / "cypher"
_NAME = re.compile(r"[a-z][a-z0-9_]*")


@functools.lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (``name`` is a constant such as ``"stats"``)."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a statement name: {name!r}")
    return (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file (``schema``): split on ``;``, comment lines dropped."""
    text = "\n".join(line for line in load(name).splitlines() if not line.lstrip().startswith("//"))
    return [chunk.strip() for chunk in text.split(";") if chunk.strip()]
