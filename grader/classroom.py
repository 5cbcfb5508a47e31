"""`python -m grader classroom`: the grading report as GitHub Classroom autograding results.

GitHub Classroom totals a submission with its reporter action
(classroom-resources/autograding-grading-reporter@v1). The reporter reads "runners": for each
runner id listed in its `runners:` input, the environment variable `<RUNNER-ID>_RESULTS` (the id
in capitals) holds base64 of one JSON object::

    {"version": 1, "status": "pass" | "fail" | "error", "max_score": 3,
     "tests": [{"name": ..., "status": ..., "score": 3, "message": ..., "test_code": "",
                "filename": "", "line_no": 0, "duration": 0}]}

Classroom's grade is the sum of the tests' scores over the sum of `max_score`. One runner per
milestone (`m1-1` for 1.1) with that milestone's points as `max_score` gives the instructor
points per milestone in Classroom, and the same total as `make grade`.

This command turns `.grader/report.json` into one step output per runner, written to
`$GITHUB_OUTPUT` (or printed). Every milestone of course.toml gets an output even when the
report is missing or did not grade it: the reporter fails on an empty variable, and a missing
report must cost points, not break the workflow. The workflow's env and `runners:` lists are
generated from course.toml by `python -m tools.release --sync-workflow`, which uses
`runner_id` below.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from pathlib import Path
from typing import Any

from grader.engine.course import ROOT, Course, Milestone, load

STATUS = {"passed": "pass", "error": "error"}  # failed, not_started: "fail"
NO_REPORT = "no grading report: see the `make grade` step of this run"
NOT_GRADED = "not graded in this run (run `make grade` without selecting milestones)"
MESSAGE_CHARS = 500


def runner_id(milestone_id: str) -> str:
    """The runner (and step output) name of a milestone: 1.10 -> m1-10.

    Dots do not belong in environment variable names; the reporter upper-cases the id.
    """
    return "m" + milestone_id.replace(".", "-")


def _message(graded: dict[str, Any]) -> str:
    """What the learner reads in the reporter's log: the verdict's first lines, no more."""
    if graded["status"] == "passed":
        return ""
    parts = [graded.get("reason") or "", (graded.get("message") or "").strip()]
    failures = graded.get("hidden_failures") or []
    if failures:
        parts.append("hidden checks: " + "; ".join(failures))
    text = " | ".join(p for p in parts if p) or graded["status"].replace("_", " ")
    return text[:MESSAGE_CHARS]


def result(milestone: Milestone, graded: dict[str, Any] | None,
           missing: tuple[str, str]) -> dict[str, Any]:
    """The reporter's JSON for one milestone; `graded` is its entry of the report, if any.

    `missing` is the (status, message) of a milestone the report does not hold.
    """
    name = f"{milestone.id} {milestone.title}"
    if graded is None:
        status, score, message = missing[0], 0, missing[1]
    else:
        status = STATUS.get(graded["status"], "fail")
        score = int(graded["points"]) if status == "pass" else 0
        message = _message(graded)
    test = {"name": name, "status": status, "score": score, "message": message,
            "test_code": "", "filename": "", "line_no": 0, "duration": 0}
    return {"version": 1, "status": status, "max_score": milestone.points, "tests": [test]}


def results(course: Course, report: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """{runner id: reporter JSON} for every milestone of the course, in syllabus order."""
    graded: dict[str, dict[str, Any]] = {}
    for week in (report or {}).get("weeks", []):
        for m in week.get("milestones", []):
            graded[m["id"]] = m
    # No report at all: the grader broke (error). A milestone left out (--milestone): 0 points.
    missing = ("error", NO_REPORT) if report is None else ("fail", NOT_GRADED)
    return {runner_id(m.id): result(m, graded.get(m.id), missing)
            for week in course.weeks for m in week.milestones}


def encode(payload: dict[str, Any]) -> str:
    """Base64 of compact JSON, as the reporter decodes it."""
    return base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode()


def output_lines(runners: dict[str, dict[str, Any]]) -> list[str]:
    """`name=value` lines for $GITHUB_OUTPUT (base64 never holds a newline)."""
    return [f"{name}={encode(payload)}" for name, payload in runners.items()]


def _read_report(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    """Write one output per milestone; exit 0 even without a report (points are then 0)."""
    parser = argparse.ArgumentParser(
        prog="python -m grader classroom",
        description="Turn the grading report into GitHub Classroom autograding results.")
    parser.add_argument("--report", type=Path, default=ROOT / ".grader" / "report.json",
                        help="the grader's JSON report (default: .grader/report.json)")
    parser.add_argument("--output", type=Path, default=None,
                        help="file to append name=value lines to (default: $GITHUB_OUTPUT, "
                             "else standard output)")
    ns = parser.parse_args(argv)
    report = _read_report(ns.report)
    runners = results(load(), report)
    lines = output_lines(runners)
    target = ns.output or (Path(os.environ["GITHUB_OUTPUT"]) if os.environ.get("GITHUB_OUTPUT")
                           else None)
    if target is None:
        print("\n".join(lines))
    else:
        with target.open("a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    total = sum(r["tests"][0]["score"] for r in runners.values())
    top = sum(r["max_score"] for r in runners.values())
    note = "" if report is not None else f" ({NO_REPORT})"
    print(f"classroom: {len(runners)} milestones, {total}/{top} points{note}", file=sys.stderr)
    return 0
