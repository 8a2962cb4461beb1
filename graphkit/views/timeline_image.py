"""The timeline as a picture (``graphkit timeline --png``): one row a relationship, one mark a dated
article stating it (hollow when the article only hedges it), drawn with matplotlib for reports."""
from __future__ import annotations

import os
from datetime import date
from typing import Any

from graphkit.views.files import replacing

__all__ = ["write_timeline_png"]

_MAX_LABEL = 60


def _day(iso: str) -> date:
    """A publication date (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp) as the first day it covers."""
    parts = [int(p) for p in iso[:10].split("-")]
    return date(parts[0], *(parts[1:] + [1, 1])[:2])


def _label(rel: dict) -> str:
    arrow = {"out": "->", "in": "<-", "both": "--"}.get(rel["direction"], "")
    text = f"{rel['relation']} {arrow} {rel['actor']}"
    text = text if len(text) <= _MAX_LABEL else text[:_MAX_LABEL - 1] + "…"
    return text + (f" (+{rel['undated']} undated)" if rel["undated"] else "")


def write_timeline_png(entries: list[dict], out: str, *, title: str) -> dict[str, Any]:
    """Draw ``entries`` (of :func:`graphkit.ask.timeline.timeline`) into the PNG file ``out``; returns
    the path, rows and marks drawn. Raises OSError when the file cannot be written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    rows = entries or []
    fig, ax = plt.subplots(figsize=(10, max(2.0, 0.45 * len(rows) + 1.2)), dpi=100)
    marks = 0
    for y, rel in enumerate(reversed(rows)):
        for st in rel["statements"]:
            ax.plot(_day(st["date"]), y, marker="o", markersize=7, linestyle="none", color="#1f77b4",
                    markerfacecolor="none" if st["hedged"] else "#1f77b4")
            marks += 1
        if len(rel["statements"]) > 1:
            ax.plot([_day(rel["statements"][0]["date"]), _day(rel["statements"][-1]["date"])], [y, y],
                    color="#1f77b4", alpha=0.3, linewidth=2)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([_label(r) for r in reversed(rows)], fontsize=8)
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
    if marks:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "no dated article", transform=ax.transAxes, ha="center", va="center")
    ax.set_title(title, fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    try:
        with replacing(out, "wb") as fh:
            fig.savefig(fh, format="png")
    finally:
        plt.close(fig)
    return {"path": os.fspath(out), "rows": len(rows), "marks": marks}
