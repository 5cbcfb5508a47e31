"""Reports of a grading run: JSON (schema 1), Markdown, and the terminal progress summary.

All three are built from the same check records, so they cannot disagree.
"""

from __future__ import annotations

import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .course import Course
from .protocol import Status
from .verdict import MAX_LINES, Record, combine

SCHEMA = 1
SCHEMA_FILE = Path(__file__).with_name("report.schema.json")
PACKAGES = ("numpy", "pandas", "polars", "duckdb", "pyarrow", "scikit-learn", "ipykernel",
            "jupyter_client", "pytest")


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def package_versions() -> dict[str, str | None]:
    """Versions of the packages a verdict can depend on (None: not installed)."""
    return {p: _version(p) for p in PACKAGES}


def build(course: Course, records: list[Record], *, submission: str, seed: int, started: str,
          duration_s: float, grader_version: str) -> dict[str, Any]:
    """The JSON report: every week and milestone that had a check in this run."""
    weeks = []
    totals = {"points": 0, "max_points": 0, "passed": 0, "failed": 0, "not_started": 0,
              "error": 0}
    for week in course.weeks:
        milestones = []
        for m in week.milestones:
            mine = [r for r in records if r["milestone"] == m.id]
            if not mine:
                continue
            status, shown = combine(mine)
            hidden = [r for r in mine if r["hidden"]]
            points = m.points if status == Status.PASSED else 0
            milestones.append({
                "id": m.id, "title": m.title, "status": str(status), "points": points,
                "max_points": m.points,
                "hidden": str(combine(hidden)[0]) if hidden else None,
                "reason": str(shown["reason"]) if shown else "",
                "message": shown["message"] if shown else "",
                "checks": len(mine), "where": m.where(f"{submission}/{week.folder}"),
                "notes": list(dict.fromkeys(n for r in mine for n in r.get("notes", []))),
                "hidden_failures": sorted({r["category"] for r in hidden
                                           if r["status"] == Status.FAILED and r.get("category")}),
            })
            totals["points"] += points
            totals["max_points"] += m.points
            totals[str(status)] += 1
        if milestones:
            weeks.append({"id": week.id, "number": week.number, "title": week.title,
                          "milestones": milestones})
    return {
        "schema": SCHEMA, "course": course.title, "submission": submission,
        "grader_version": grader_version, "seed": seed, "started": started,
        "duration_s": round(duration_s, 3),
        "environment": {"python": platform.python_version(),
                        "packages": package_versions()},
        "weeks": weeks, "totals": totals,
    }


def write_json(report: dict[str, Any], path: Path) -> None:
    """Write the report atomically (a reader never sees half a file)."""
    write_atomic(path, json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def _bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def _counts(milestones: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"passed": 0, "failed": 0, "not_started": 0, "error": 0}
    for m in milestones:
        counts[m["status"]] += 1
    return counts


def next_up(report: dict[str, Any]) -> dict[str, Any] | None:
    """The first milestone, in syllabus order, that has not passed."""
    for week in report["weeks"]:
        for m in week["milestones"]:
            if m["status"] != Status.PASSED:
                return m
    return None


def terminal_lines(report: dict[str, Any], report_path: str, cached: int = 0, *,
                   hidden_skipped: list[str] | None = None, more_hints: int = 0) -> list[str]:
    """The progress summary printed after every run; `cached` checks were replayed.

    `hidden_skipped` lists milestones graded without the hidden checks this checkout has.
    `more_hints`: hints of the Next up milestone the learner has not read yet (`make hint`).
    """
    lines = [f"{report['course']} · progress of {report['submission']}/"]
    for week in report["weeks"]:
        ms = week["milestones"]
        c = _counts(ms)
        points = sum(m["points"] for m in ms)
        max_points = sum(m["max_points"] for m in ms)
        parts = [f"{c['passed']}/{len(ms)} passed"]
        parts += [f"{c[k]} {k.replace('_', ' ')}" for k in ("failed", "not_started", "error")
                  if c[k]]
        lines.append(f"Week {week['number']}  {week['title']:<28} {_bar(c['passed'], len(ms))}"
                     f"  {' · '.join(parts)}  {points}/{max_points} pts")
    t = report["totals"]
    lines.append(f"Total: {t['points']}/{t['max_points']} points in {report['duration_s']:.1f} s"
                 + (f" ({cached} unchanged checks not re-run)" if cached else ""))
    lines += [f"Note      {m['id']}: {text}" for w in report["weeks"] for m in w["milestones"]
              for text in m.get("notes", [])]
    if hidden_skipped:
        lines.append(f"Hidden checks not selected for {', '.join(hidden_skipped)}: these points "
                     f"may still drop. `make grade` (or --milestone {hidden_skipped[0]}) runs "
                     "them.")
    up = next_up(report)
    others = [m for w in report["weeks"] for m in w["milestones"]
              if m["status"] != Status.PASSED and m is not up]
    if others:
        lines += ["", "Not passed yet:"]
        lines += [f"  {m['message'].splitlines()[0]}" for m in others]
    if up is None and report["weeks"]:
        lines.append("Everything selected has passed: the next one is in the week's README.")
    elif up is not None:
        lines += ["", "Next up:", *_with_more_hints(up["message"].splitlines()[:MAX_LINES],
                                                    more_hints)]
    lines.append(f"Report: {report_path}   Details of every check: add --tb=short")
    return lines


def _with_more_hints(message: list[str], left: int) -> list[str]:
    """One line after the message's Hint 1 (or at its end) saying that more hints exist."""
    if left <= 0:
        return message
    at = next((i + 1 for i, line in enumerate(message)
               if line.lstrip().startswith("Hint 1")), len(message))
    while at < len(message) and message[at].startswith(" " * 12):
        at += 1  # a hint spread over several lines: after its last one
    line = f"  {'More':<9} {left} more hint{'s' if left != 1 else ''}: make hint"
    return [*message[:at], line, *message[at:]]


def markdown(report: dict[str, Any]) -> str:
    """A Markdown summary for CI job summaries (GitHub's $GITHUB_STEP_SUMMARY)."""
    icon = {"passed": "✅", "failed": "❌", "not_started": "⬜", "error": "⚠️"}
    t = report["totals"]
    out = [f"## {report['course']}: {t['points']}/{t['max_points']} points", "",
           "| Milestone | Status | Points | Hidden |", "|---|---|---|---|"]
    for week in report["weeks"]:
        for m in week["milestones"]:
            hidden = icon.get(m["hidden"], "") if m["hidden"] else "–"
            out.append(f"| {m['id']} {m['title']} | {icon[m['status']]} {m['status']} | "
                       f"{m['points']}/{m['max_points']} | {hidden} |")
    notes = [f"- {m['id']}: {text}" for w in report["weeks"] for m in w["milestones"]
             for text in m.get("notes", [])]
    if notes:
        out += ["", "**Notes for the instructor:**", *notes]
    up = next_up(report)
    if up is not None:
        out += ["", f"**Next up:** {up['id']} {up['title']}", "", "```",
                *up["message"].splitlines()[:MAX_LINES], "```"]
    return "\n".join(out) + "\n"
