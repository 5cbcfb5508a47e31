"""`make syllabus`: write the course's syllabus from course.toml into README.md.

The syllabus sits between two marker lines of README.md; everything outside them is prose
that this script never touches::

    <!-- syllabus:begin (generated from course.toml by `make syllabus`) -->
    ...weeks table, total points, one milestone table per week...
    <!-- syllabus:end -->

A missing README.md is created with a `# ML Path` heading and the markers. `--check` writes
nothing and exits 1 when the block is stale; tests/test_course.py uses it. Exit 2 means
README.md needs a fix by hand (its markers are missing or doubled).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from grader.engine.course import ROOT, Course, Milestone, Week, load

BEGIN = "<!-- syllabus:begin (generated from course.toml by `make syllabus`) -->"
END = "<!-- syllabus:end -->"
STALE = "README.md syllabus is stale: run `make syllabus`"
NEW_README = f"# ML Path\n\n{BEGIN}\n{END}\n"


class SyllabusError(Exception):
    """README.md cannot take the syllabus; the message says what to fix."""


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _number(value: float) -> str:
    return f"{value:g}"


def where(milestone: Milestone) -> str:
    """Where the learner works: `load.py::load_raw`, or the notebook's file name."""
    return ", ".join(f"`{place}`" for place in milestone.places())


def _points(week: Week) -> int:
    return sum(m.points for m in week.milestones)


def _plural(n: float, word: str) -> str:
    return f"{_number(n)} {word}" + ("" if n == 1 else "s")


def render(course: Course) -> str:
    """The syllabus as Markdown: a weeks table, the total, then each week's milestones."""
    lines = ["| Week | Title | Hours | Goals |", "|---:|---|---:|---|"]
    for week in course.weeks:
        link = f"[{_cell(week.title)}](weeks/{week.folder}/README.md)"
        goals = "; ".join(_cell(goal) for goal in week.goals)
        lines.append(f"| {week.number} | {link} | {_number(week.hours)} | {goals} |")
    milestones = [m for week in course.weeks for m in week.milestones]
    lines += ["", (f"**Total: {_plural(sum(_points(w) for w in course.weeks), 'point')}** in "
                   f"{_plural(len(milestones), 'milestone')} over "
                   f"{_plural(len(course.weeks), 'week')} "
                   f"({_plural(sum(w.hours for w in course.weeks), 'hour')}).")]
    for week in course.weeks:
        lines += ["", f"### Week {week.number}: {week.title} ({_plural(_points(week), 'point')})",
                  "", "| id | milestone | points | time | where |", "|---|---|---:|---:|---|"]
        for m in week.milestones:
            time = f"{m.minutes} min" if m.minutes else "–"
            lines.append(f"| {m.id} | {_cell(m.title)} | {m.points} | {time} | {where(m)} |")
    return "\n".join(lines) + "\n"


def replace_block(readme_text: str, block: str) -> str:
    """`readme_text` with the lines between the syllabus markers replaced by `block`."""
    lines = readme_text.splitlines(keepends=True)
    begins = [i for i, line in enumerate(lines) if line.lstrip().startswith("<!-- syllabus:begin")]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    fix = f"put the lines\n  {BEGIN}\n  {END}\nwhere the syllabus goes, then run `make syllabus`"
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        found = f"{len(begins)} begin and {len(ends)} end marker(s)"
        if len(begins) == 1 == len(ends):
            found = "the end marker before the begin marker"
        raise SyllabusError(f"README.md needs one syllabus block but has {found}: {fix}")
    newline = "\r\n" if lines[begins[0]].endswith("\r\n") else "\n"
    middle = f"{BEGIN}\n\n{block.rstrip()}\n\n" if block.strip() else f"{BEGIN}\n"
    return "".join([*lines[: begins[0]], middle.replace("\n", newline), *lines[ends[0] :]])


def updated(readme: Path, course: Course) -> str:
    """What README.md should hold: its current text (or a new one) with a fresh syllabus."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else NEW_README
    return replace_block(text, render(course))


def is_fresh(readme: Path, course: Course) -> bool:
    """True when README.md exists and its syllabus block matches course.toml."""
    return readme.exists() and readme.read_text(encoding="utf-8") == updated(readme, course)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: `python -m tools.syllabus [--check] [--course course.toml] [--readme README.md]`."""
    parser = argparse.ArgumentParser(prog="make syllabus",
                                     description="Write README.md's syllabus from course.toml.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--course", type=Path, default=ROOT / "course.toml")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    course = load(args.course.resolve())
    try:
        text = updated(args.readme, course)
    except SyllabusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    current = args.readme.read_text(encoding="utf-8") if args.readme.exists() else None
    if args.check:
        if current != text:
            print(STALE, file=sys.stderr)
            return 1
        return 0
    if current == text:
        print(f"{args.readme.name} syllabus is up to date.")
        return 0
    args.readme.write_text(text, encoding="utf-8", newline="")
    print(f"Wrote the syllabus of {_plural(len(course.weeks), 'week')} into {args.readme.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
