"""`python -m grader hint [MILESTONE]` (`make hint`, `make hint M=1.2`): the next hint.

Hints are tiered in course.toml, gentlest first. Hint 1 is in every grading message, so the
first `make hint` shows hint 2 (with hint 1 above it for context), the next one hint 3; after
that it says all are shown and prints them again. What was shown is remembered in
`.grader/progress.json`, so the Next up block of `make grade` counts the hints left.
Without a milestone it takes the Next up milestone of the last `make grade`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Any

from grader import progress
from grader.engine.course import ROOT, Course, Milestone, load

REPORT = ROOT / ".grader" / "report.json"


def next_up_id(report_path: Path) -> str | None:
    """The id of the first not-passed milestone of the last report, in syllabus order."""
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for week in report.get("weeks", []) if isinstance(report, dict) else []:
        for m in week.get("milestones", []):
            if m.get("status") != progress.PASSED:
                return str(m["id"])
    return None


def nearby_ids(course: Course, wanted: str) -> list[str]:
    """Valid ids a learner probably meant: the same week's, else the closest spellings."""
    ids = [m.id for w in course.weeks for m in w.milestones]
    week = wanted.split(".")[0]
    same_week = [i for i in ids if i.split(".")[0] == week]
    close = difflib.get_close_matches(wanted, ids, n=6, cutoff=0.6)
    if same_week or close:
        return same_week or close
    return [f"{w.milestones[0].id}–{w.milestones[-1].id}" for w in course.weeks if w.milestones]


def _hint_lines(milestone: Milestone, upto: int) -> list[str]:
    return [f"  {f'Hint {i}':<9} {text}" for i, text in enumerate(milestone.hints[:upto], 1)]


def more_hints_text(left: int, command: str = "make hint") -> str:
    """The learner's cue that more hints exist (the Next up block says it the same way)."""
    return f"{left} more hint{'s' if left != 1 else ''}: {command}"


def show(course: Course, milestone_id: str, store: dict[str, Any], *,
         named: bool = False) -> list[str]:
    """The lines to print for the next hint of a milestone; updates `store`'s hint count.

    `named`: the learner named the milestone, so the next command must name it too (plain
    `make hint` follows Next up).
    """
    milestone = course.milestone(milestone_id)
    week = course.week_of(milestone_id)
    total = len(milestone.hints)
    head = f"{milestone.id} {milestone.title}   {milestone.where(f'weeks/{week.folder}')}"
    if total == 0:
        return [head, "  This milestone has no hints in course.toml: its week's README explains "
                      "the step."]
    seen = progress.seen_hints(store, milestone_id, total)
    if seen >= total:
        progress.mark_hints(store, milestone_id, total)
        return [f"All {total} hints of {milestone.id} are shown; here they are again:", head,
                *_hint_lines(milestone, total),
                f"Still stuck? Re-read weeks/{week.folder}/README.md for {milestone.id}, then "
                "`make grade` and read what was checked and what came back."]
    shown = seen + 1
    progress.mark_hints(store, milestone_id, shown)
    left = total - shown
    command = f"make hint M={milestone.id}" if named else "make hint"
    tail = more_hints_text(left, command) if left else "That was the last hint."
    return [f"Hint {shown} of {total} · {head}", *_hint_lines(milestone, shown), tail]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m grader hint",
        description="Show the next hint of a milestone (default: Next up of the last make grade).")
    parser.add_argument("milestone", nargs="?", help="a milestone id, e.g. 1.2")
    parser.add_argument("--report", type=Path, default=REPORT, help=argparse.SUPPRESS)
    parser.add_argument("--progress", type=Path, default=None, help=argparse.SUPPRESS)
    ns = parser.parse_args(argv)
    course = load()
    milestone_id = ns.milestone
    if not milestone_id:
        milestone_id = next_up_id(ns.report)
        if milestone_id is None:
            if ns.report.is_file():
                print("Everything graded in the last run has passed: name a milestone, "
                      "e.g. make hint M=1.2")
            else:
                print("No grading report yet: run make grade first (or name a milestone: "
                      "make hint M=1.2)")
            return 0 if ns.report.is_file() else 1
    ids = {m.id for w in course.weeks for m in w.milestones}
    if milestone_id not in ids:
        print(f"No milestone {milestone_id} in course.toml; valid ids: "
              f"{', '.join(nearby_ids(course, milestone_id))}", file=sys.stderr)
        return 2
    path = ns.progress or progress.default_path()
    lines: list[str] | None = None
    try:
        with progress.locked(path):  # `make watch` may be recording a run right now
            store = progress.load(path)
            lines = show(course, milestone_id, store, named=bool(ns.milestone))
            progress.save(store, path)
    except OSError as exc:
        print(f"(could not remember this in {path}: {exc})", file=sys.stderr)
        if lines is None:  # the hint all the same, as if none had been shown before
            lines = show(course, milestone_id, progress.empty(), named=bool(ns.milestone))
    print("\n".join(lines))
    return 0
