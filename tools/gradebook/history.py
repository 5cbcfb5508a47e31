"""The gradebook's memory between runs: one JSON line per run, appended, never rewritten.

JSON lines because a scheduled workflow appends to the same file for a whole term: a run
that dies halfway leaves at worst one broken last line, which `read` skips with a warning
instead of losing the term. Each line is self-contained (which learners, which milestones
per week), so learners may join or leave the roster between runs.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

SCHEMA = 1


def record(book: dict[str, Any]) -> dict[str, Any]:
    """What one run contributes to the history: which milestones it graded and, per learner,
    milestones passed per week (only the weeks it graded: a week-1-only run says nothing
    about week 2)."""
    week_of = {m["id"]: str(m["week"]) for m in book.get("milestones", [])}
    milestones_per_week: dict[str, int] = {}
    for week in week_of.values():
        milestones_per_week[week] = milestones_per_week.get(week, 0) + 1
    grader = book.get("grader", {})
    learners = {}
    for row in book.get("learners", []):
        passed = dict.fromkeys(milestones_per_week, 0)
        for mid, m in (row.get("milestones") or {}).items():
            if m.get("status") == "passed" and mid in week_of:
                passed[week_of[mid]] += 1
        learners[row["learner"]] = {"outcome": row.get("outcome"), "points": row.get("points", 0),
                                    "max_points": row.get("max_points", 0), "passed": passed}
    return {"schema": SCHEMA, "generated": book.get("generated"),
            "grader_commit": grader.get("commit"), "seed": grader.get("seed"),
            "milestones": list(week_of), "milestones_per_week": milestones_per_week,
            "learners": learners}


def append(book: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """Append this run to `path` (created with its folders if missing); return every run.

    A run already in the file (same `generated` and grader commit: a re-run merge job) is
    not appended twice. The runs returned are `read`'s, this one included: the caller need
    not read the file (and hear about its corrupt lines) a second time.
    """
    path = Path(path)
    entry = record(book)
    previous = read(path)
    if any(r.get("generated") == entry["generated"]
           and r.get("grader_commit") == entry["grader_commit"] for r in previous):
        return previous
    path.parent.mkdir(parents=True, exist_ok=True)
    # A crash mid-write can leave a last line without its newline: start on a fresh line so
    # this run does not glue itself onto the broken one.
    lead = "\n" if path.exists() and path.stat().st_size and not _ends_with_newline(path) else ""
    with path.open("a", encoding="utf-8") as f:
        f.write(lead + json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
    return sorted([*previous, entry], key=lambda r: str(r.get("generated") or ""))


def read(path: Path) -> list[dict[str, Any]]:
    """Every readable run in `path`, oldest first; missing file: none; corrupt lines: warned."""
    path = Path(path)
    if not path.exists():
        return []
    runs = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                  .splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            warnings.warn(f"{path}:{number}: not a JSON line, skipped ({exc.msg})", stacklevel=2)
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("learners"), dict):
            warnings.warn(f"{path}:{number}: not a gradebook run, skipped", stacklevel=2)
            continue
        runs.append(entry)
    return sorted(runs, key=lambda r: str(r.get("generated") or ""))


def graded_weeks(entry: dict[str, Any]) -> list[str]:
    """The weeks a run graded (its `milestones_per_week`, or its learners' weeks)."""
    weeks = list(entry.get("milestones_per_week") or {})
    for learner in entry["learners"].values():
        weeks += [w for w in learner.get("passed", {}) if w not in weeks]
    return weeks


def mean_passed_per_week(entry: dict[str, Any]) -> dict[str, float]:
    """Mean milestones passed per learner, per week the run graded, over its graded learners.

    Rows that could not be graded (an unreachable repository this time) are left out rather
    than counted as zero, so a network hiccup does not look like the class going backwards;
    a run with no graded row, and a week the run did not grade, have no value at all.
    """
    graded = [x for x in entry["learners"].values() if x.get("outcome", "graded") == "graded"]
    if not graded:
        return {}
    return {w: sum(x.get("passed", {}).get(w, 0) for x in graded) / len(graded)
            for w in graded_weeks(entry)}


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(-1, 2)
        return f.read(1) == b"\n"
