"""Checking ``--since`` and ``--until`` once for every command that takes them."""
from __future__ import annotations

from typing import Optional

from graphkit.ask.window import Window
from graphkit.cli.common import exit_with


def window_or_exit(since: Optional[str], until: Optional[str]) -> Window:
    """The date window of ``--since``/``--until``; exit 2 with one line for a bad date."""
    try:
        return Window.of(since, until)
    except ValueError as exc:
        exit_with(str(exc))
