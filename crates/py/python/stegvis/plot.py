"""Draws a chart of the report with matplotlib, in the page's design
(`docs/report.md#charts`): horizontal bars for shares, whiskers for the
95 % intervals, a dashed line for the target and a band for its tolerance.

The chart itself -- bars, words, number formats -- comes from the core
(:meth:`stegvis.Report.chart`); this module only draws it, so the notebook,
the page and the text report say the same. Use :meth:`stegvis.Report.plot`.
"""

from __future__ import annotations

import textwrap
from typing import Any, Dict, Optional

# The page's colours (crates/wasm/www/style.css).
INK = "#1b1f24"
MUTED = "#57606a"
LINE = "#d0d7de"
WASH = "#f4f6f8"
ACCENT = "#1f5f8b"
COLOURS = {
    "met": "#2f7d46",
    "within": "#2f7d46",
    "not_met": "#b35900",
    "outside": "#b35900",
    "no_data": "#8c959f",
    "plain": ACCENT,
}
# Not met and outside the tolerance differ by pattern too, not only by hue.
HATCHES = {"not_met": "///", "outside": "///"}
BAR = 0.42
INDENT = 0.03


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "stegvis draws charts with matplotlib: pip install 'stegvis[plot]' (or matplotlib)"
        ) from e
    return plt


def draw(chart: Dict[str, Any], ax: Optional[Any] = None) -> Any:
    """Draws ``chart`` (a dict from :meth:`stegvis.Report.chart`) on ``ax``,
    or on a new figure sized to its bars; returns the figure."""
    rows = chart["rows"]
    if ax is None:
        plt = _pyplot()
        figure, ax = plt.subplots(figsize=(7.5, 0.75 * max(len(rows), 1) + 1.4))
    else:
        figure = ax.figure
    for i, row in enumerate(rows):
        _bar(ax, -float(i), row)
    ticks = chart["ticks"]
    ax.set_xlim(0, 1)
    ax.set_ylim(-len(rows) + 0.3, 0.75)
    ax.set_xticks([t["value"] for t in ticks], [t["label"] for t in ticks], color=MUTED)
    ax.set_yticks([])
    ax.grid(axis="x", color=LINE, linewidth=1)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(LINE)
    ax.set_title("\n".join(textwrap.wrap(chart["title"], 90)), loc="left", fontsize=10, color=MUTED)
    figure.tight_layout()
    return figure


def _bar(ax: Any, y: float, row: Dict[str, Any]) -> None:
    left = INDENT if row["indent"] else 0.0
    ax.barh(y, 1, left=0, height=BAR, color=WASH, zorder=1)
    band = row["band"]
    if band is not None:
        ax.barh(y, band[1] - band[0], left=band[0], height=BAR + 0.14, color=ACCENT, alpha=0.15, zorder=2)
    share = row["share"]
    if share is not None:
        mark = row["mark"]
        ax.barh(
            y,
            share,
            height=BAR,
            color=COLOURS[mark],
            hatch=HATCHES.get(mark),
            edgecolor="white" if mark in HATCHES else COLOURS[mark],
            linewidth=0,
            zorder=3,
        )
    lower, upper = row["lower"], row["upper"]
    if lower is not None and upper is not None:
        ax.plot([lower, upper], [y, y], color=INK, linewidth=2, zorder=4)
        for end in (lower, upper):
            ax.plot([end, end], [y - 0.12, y + 0.12], color=INK, linewidth=2, zorder=4)
    target = row["target"]
    if target is not None:
        ax.plot([target, target], [y - 0.3, y + 0.3], color=INK, linewidth=2, linestyle=(0, (4, 3)), zorder=5)
    ax.text(left, y + 0.28, row["label"], color=INK, fontsize=10 if not row["indent"] else 9, va="bottom")
