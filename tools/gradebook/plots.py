"""The gradebook's two pictures: who is where (heatmap.png) and how the class moves (history.png).

The heatmap is sized from its content (a fixed size per cell, not per figure) so that 50
learners × 44 milestones stays readable: learner names on the y axis at a legible size,
milestones grouped by week with separators and week labels, each row's points at its right,
and the rows that need attention (not graded, grader changed) flagged. Matplotlib runs on
its Agg backend: gradebook runs have no display.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from . import history as history_log
from .feedback import plural

#: Status -> (colour, legend label). Okabe-Ito colours: tell apart with colour-blind eyes too.
STATUSES = {
    "passed": ("#009E73", "passed"),
    "failed": ("#D55E00", "failed"),
    "not_started": ("#E4E4E4", "not started"),
    "error": ("#CC79A7", "grader error"),
    "not_graded": ("#5A5A5A", "not graded"),
}
CODE = {status: i for i, status in enumerate(STATUSES)}
ATTENTION = "#B00020"
CELL_W, CELL_H = 0.28, 0.24  # inches per milestone column / learner row
MAX_PIXELS = 60_000  # Agg's limit is 2**16 a side: very large classes get thinner rows
DPI = 110


def heatmap(book: dict[str, Any], path: Path) -> Path:
    """heatmap.png: learners (rows, roster order) × selected milestones (columns, by week)."""
    fig = heatmap_figure(book)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def heatmap_figure(book: dict[str, Any]) -> Figure:
    """The heatmap as a Figure (tests inspect it without reading pixels back)."""
    milestones = book.get("milestones", [])
    learners = book.get("learners", [])
    rows, cols = max(len(learners), 1), max(len(milestones), 1)
    grid = [[CODE.get(_status(x, m["id"]), CODE["not_graded"]) for m in milestones]
            for x in learners] or [[CODE["not_graded"]] * cols]
    longest = max((len(_label(x)) for x in learners), default=8)
    left = 0.3 + 0.085 * min(longest, 48)  # inches for the names (bold ones are wider)
    right, top, bottom = 0.75, 0.8, 1.0  # points column; week labels; ids + legend
    cell_h = min(CELL_H, (MAX_PIXELS / DPI - top - bottom) / rows)
    width = max(left + cols * CELL_W + right, 7.0)
    height = top + rows * cell_h + bottom
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((left / width, bottom / height, cols * CELL_W / width,
                       rows * cell_h / height))
    cmap = ListedColormap([colour for colour, _ in STATUSES.values()])
    ax.imshow(grid, cmap=cmap, vmin=-0.5, vmax=len(STATUSES) - 0.5, aspect="auto",
              interpolation="nearest")
    # Thin white gaps between cells, thick dark lines between weeks.
    ax.set_xticks([i - 0.5 for i in range(1, cols)], minor=True)
    ax.set_yticks([i - 0.5 for i in range(1, rows)], minor=True)
    ax.grid(which="minor", color="white", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    size = 8 if cell_h >= 0.2 else max(3.0, 38 * cell_h)
    ax.set_xticks(range(len(milestones)), [m["id"] for m in milestones], rotation=90,
                  fontsize=8)
    ax.set_yticks(range(len(learners)), [_label(x) for x in learners], fontsize=size)
    for tick, learner in zip(ax.get_yticklabels(), learners, strict=False):
        if needs_attention(learner):
            tick.set_color(ATTENTION)
            tick.set_fontweight("bold")
    for start, end, week in _week_spans(milestones):
        if start:
            ax.axvline(start - 0.5, color="#222222", linewidth=1.6)
        # A week of one or two columns has room for "W7" only (week 7.3 alone, say).
        label = f"Week {week}" if end - start > 2 else f"W{week}"
        ax.text((start + end - 1) / 2, -0.7, label, ha="center", va="bottom",
                fontsize=9, fontweight="bold", clip_on=False)
    for i, learner in enumerate(learners):
        ax.text(cols - 0.3, i, f"{learner.get('points', 0)}/{learner.get('max_points', 0)}",
                ha="left", va="center", fontsize=size, clip_on=False,
                color=ATTENTION if needs_attention(learner) else "#333333")
    ax.tick_params(axis="x", which="major", length=0, pad=2)
    ax.tick_params(axis="y", which="major", length=0, pad=3)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(facecolor=colour, edgecolor="#999999", label=label)
               for colour, label in STATUSES.values()]
    handles.append(Patch(facecolor="white", edgecolor=ATTENTION,
                         label="red name: not graded, grader changed, or a problem"))
    fig.legend(handles=handles, loc="lower center", ncol=3 if width < 9 else 6, fontsize=8,
               frameon=False, bbox_to_anchor=(0.5, 0.0))
    ax.text(cols - 0.3, -0.7, "points", ha="left", va="bottom", fontsize=8, clip_on=False)
    title = (f"{book.get('course', 'Gradebook')}: {plural(len(learners), 'learner')}, "
             f"{str(book.get('generated', ''))[:16].replace('T', ' ')} UTC")
    fig.suptitle(title, y=1 - 0.08 / height, va="top", fontsize=11)
    return fig


def history_plot(runs: list[dict[str, Any]], path: Path) -> Path:
    """history.png: mean milestones passed per learner, one line per week, over run time."""
    fig = history_figure(runs)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def history_series(runs: list[dict[str, Any]]) -> tuple[list[datetime], dict[str, list[float]]]:
    """Run times and, per week, the mean milestones passed at each run: NaN where the run did
    not grade that week (a week-1-only run is no news about week 2, certainly not a 0)."""
    times, means = [], []
    for run in runs:
        when = _when(run.get("generated"))
        if when is not None:
            times.append(when)
            means.append(history_log.mean_passed_per_week(run))
    weeks = sorted({w for m in means for w in m}, key=lambda w: (len(w), w))
    return times, {w: [m.get(w, math.nan) for m in means] for w in weeks}


def history_figure(runs: list[dict[str, Any]]) -> Figure:
    """The history plot as a Figure."""
    times, series = history_series(runs)
    fig, ax = plt.subplots(figsize=(9, 4.8))
    colours = plt.get_cmap("tab10")
    # A week's size over every run, not the last one's: a hand-run week-1-only gradebook
    # must not take the other weeks' "(of N)" away.
    sizes: dict[str, int] = {}
    for run in runs:
        for week, n in (run.get("milestones_per_week") or {}).items():
            sizes[week] = max(sizes.get(week, 0), int(n))
    for i, (week, values) in enumerate(series.items()):
        # Runs that did not grade the week are skipped: the line joins the runs that did.
        points = [(t, v) for t, v in zip(times, values, strict=True) if not math.isnan(v)]
        of = f" (of {sizes[week]})" if week in sizes else ""
        ax.plot([t for t, _ in points], [v for _, v in points], marker="o", linewidth=1.8,
                color=colours(i % 10), label=f"Week {week}{of}")
    if not times:
        ax.text(0.5, 0.5, "no gradebook runs recorded yet", ha="center", va="center",
                transform=ax.transAxes)
    else:
        if min(times) == max(times):  # one run: a day around it, not a span of years
            ax.set_xlim(times[0] - timedelta(hours=12), times[0] + timedelta(hours=12))
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if series:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                      fontsize=9)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("milestones passed (mean per graded learner)")
    ax.set_xlabel("gradebook run (UTC)")
    ax.set_title(f"Progress over {plural(len(times), 'gradebook run')}")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def _status(learner: dict[str, Any], milestone_id: str) -> str:
    return (learner.get("milestones") or {}).get(milestone_id, {}).get("status", "not_graded")


def needs_attention(learner: dict[str, Any]) -> bool:
    """Rows an instructor must look at: not graded, grader changed, or any other problem."""
    return (learner.get("outcome") != "graded" or bool(learner.get("tampered"))
            or bool(learner.get("problem")))


def _label(learner: dict[str, Any]) -> str:
    name = str(learner.get("learner", "?"))
    name = name if len(name) <= 30 else name[:29] + "…"
    if learner.get("outcome") != "graded":
        return f"{name} ({str(learner.get('outcome')).replace('_', ' ')})"
    if learner.get("tampered"):
        return f"{name} (grader changed)"
    return f"{name} (see notes)" if learner.get("problem") else name


def _week_spans(milestones: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
    """(first column, end column, week number) for each run of one week's milestones."""
    spans: list[tuple[int, int, int]] = []
    for i, m in enumerate(milestones):
        if spans and spans[-1][2] == int(m["week"]):
            spans[-1] = (spans[-1][0], i + 1, spans[-1][2])
        else:
            spans.append((i, i + 1, int(m["week"])))
    return spans


def _when(value: Any) -> datetime | None:
    """A run's time, aware (a time without a zone is UTC, as `generated` always is): naive
    and aware times cannot be compared or plotted together."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
