"""`python -m grader progress` (`make progress`): the learner's path so far.

`make grade` shows where the work stands now; this shows how it got there, from
`.grader/progress.json`: per milestone, when it was first tried, how its verdict changed,
how many hints it took and how long from the first try to the pass. Weeks not begun are
summed up in one line, so the output stays short at the start of the course.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any

from grader import progress
from grader.engine.course import Course, Milestone, Week, load

ICON = {"passed": "✓", "failed": "✗", "not_started": "○", "error": "!"}
NOT_TRIED = "·"
TRAIL = 4  # at most this many verdicts are spelled out; more are counted
TITLE = 36  # title column width; longer titles end in …


def _when(stamp: str | None) -> str:
    moment = progress.parse_time(stamp)
    return moment.astimezone().strftime("%b %d %H:%M") if moment else "?"


def duration(start: datetime, end: datetime) -> str:
    """A short human duration: `12 min`, `3 h 05 min`, `2 days 4 h`."""
    minutes = max(0, round((end - start).total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} day{'s' if days != 1 else ''} {hours} h"


def _trail(outcomes: list[dict[str, Any]]) -> str:
    statuses = [o["status"].replace("_", " ") for o in outcomes]
    if len(statuses) <= TRAIL:
        return " → ".join(statuses)
    return f"{len(statuses)} verdicts, {statuses[0]} → … → {statuses[-1]}"


def _title(m: Milestone, width: int) -> str:
    return m.title if len(m.title) <= width else m.title[:width - 1] + "…"


def milestone_line(m: Milestone, entry: dict[str, Any] | None, width: int = TITLE) -> str:
    """One line per milestone: icon, id, title, then what happened to it."""
    head = f"  {{}} {m.id:<5} {_title(m, width):<{width}}"
    if entry is None or (not entry["outcomes"] and entry["first_attempt"] is None):
        hints = entry["hints_shown"] if entry else 0
        extra = f" · {hints}/{len(m.hints)} hints" if hints else ""
        return f"{head.format(NOT_TRIED)}  not tried yet{extra}"
    status = entry["outcomes"][-1]["status"] if entry["outcomes"] else "not_started"
    parts = [f"first tried {_when(entry['first_attempt'])}"]
    if entry["outcomes"]:
        parts.append(_trail(entry["outcomes"]))
    hints = progress.seen_hints({"milestones": {m.id: entry}}, m.id, len(m.hints))
    parts.append(f"{hints}/{len(m.hints)} hints")
    start, passed = (progress.parse_time(entry["first_attempt"]),
                     progress.parse_time(entry["passed_at"]))
    if passed and start:
        took = ("passed at the first grading" if passed <= start
                else f"passed after {duration(start, passed)}")
        if status != progress.PASSED:
            took += f" ({status.replace('_', ' ')} now)"
        parts.append(took)
    return f"{head.format(ICON.get(status, '?'))}  {' · '.join(parts)}"


def _weeks_span(weeks: list[Week]) -> str:
    if len(weeks) == 1:
        return f"Week {weeks[0].number}"
    return f"Weeks {weeks[0].number}–{weeks[-1].number}"


def lines(course: Course, store: dict[str, Any], shown_path: str) -> list[str]:
    """The whole printout; the empty store gets one line that says what to do.

    Weeks with something recorded list every milestone; a run of weeks with nothing is one
    line, so the start of the course does not print 44 empty rows.
    """
    entries = store["milestones"]
    if not any(e["outcomes"] or e["first_attempt"] or e["hints_shown"] for e in entries.values()):
        return ["No progress recorded yet: run make grade"]
    out = [f"{course.title} · your path so far ({shown_path})"]
    quiet: list[Week] = []
    for week in course.weeks:
        if not any(m.id in entries for m in week.milestones):
            quiet.append(week)
            continue
        if quiet:
            out.append(f"{_weeks_span(quiet)}: nothing tried yet")
            quiet = []
        out.append(f"Week {week.number}  {week.title}")
        out += [milestone_line(m, entries.get(m.id)) for m in week.milestones]
    if quiet:
        out.append(f"{_weeks_span(quiet)}: nothing tried yet")
    every = [m for w in course.weeks for m in w.milestones]
    passed = [m for m in every if m.id in entries and entries[m.id]["outcomes"]
              and entries[m.id]["outcomes"][-1]["status"] == progress.PASSED]
    out.append(f"Passed: {sum(m.points for m in passed)}/{sum(m.points for m in every)} points "
               f"({len(passed)} of {len(every)} milestones) as of your last make grade")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m grader progress",
        description="Print your path so far: first tries, verdict changes, hints, time to pass.")
    parser.add_argument("--progress", type=Path, default=None, help=argparse.SUPPRESS)
    ns = parser.parse_args(argv)
    path = ns.progress or progress.default_path()
    try:
        shown = path.resolve().relative_to(progress.ROOT).as_posix()
    except ValueError:
        shown = str(path)
    print("\n".join(lines(load(), progress.load(path), shown)))
    return 0
