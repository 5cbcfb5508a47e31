"""The syllabus, read from course.toml: weeks, milestones, hints, limits.

Everything a learner sees about a milestone (title, points, hints, files) comes from here, so
checks only name a milestone id (rustlings' info.toml, in our own words).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parents[2]


def week_folder(path: PurePath) -> str | None:
    """The week a check file belongs to: grader/week01/... or grader/hidden/week01/..."""
    for part in path.parts:
        if part.startswith("week") and part[4:].isdigit():
            return part
    return None


@dataclass(frozen=True)
class Milestone:
    """One gradable step of a week."""

    id: str
    title: str
    points: int
    files: tuple[str, ...]
    targets: tuple[str, ...]
    hints: tuple[str, ...]
    week: str
    minutes: int = 0
    time_limit_s: float | None = None
    #: False for a milestone graded on artifacts and process (a Dockerfile, a README command)
    #: where held-out data has nothing to add: it then has no hidden checks, by design.
    hidden_checks: bool = True

    def places(self) -> list[str]:
        """Where the learner works, relative to the week: `clean.py::clean`, `explore.ipynb`."""
        places = []
        for target in self.targets or self.files:
            if target.endswith((".ipynb", ".py")) or target in self.files:  # README.md
                places.append(target)
            else:
                module, _, func = target.rpartition(".")
                places.append(f"{module.replace('.', '/')}.py::{func}")
        return places

    def where(self, shown_week: str) -> str:
        """`weeks/week01/clean.py::total_charges_as_float`, as the learner would look for it."""
        places = self.places()
        return f"{shown_week}/{places[0]}" if places else shown_week


@dataclass(frozen=True)
class Week:
    """A week of the course and its milestones, in syllabus order."""

    id: str
    number: int
    title: str
    folder: str
    hours: float
    goals: tuple[str, ...]
    milestones: tuple[Milestone, ...]
    preload: tuple[str, ...]
    time_limit_s: float
    memory_limit_mb: int


@dataclass(frozen=True)
class Course:
    """The whole syllabus."""

    title: str
    weeks: tuple[Week, ...]
    path: Path = field(default=ROOT / "course.toml")

    def milestone(self, milestone_id: str) -> Milestone:
        """The milestone with this id; KeyError names the id and where to add it."""
        for week in self.weeks:
            for m in week.milestones:
                if m.id == milestone_id:
                    return m
        raise KeyError(f"milestone {milestone_id!r} is not in {self.path.name}")

    def week(self, week_id: str) -> Week:
        """The week with this id or folder name."""
        for week in self.weeks:
            if week_id in (week.id, week.folder):
                return week
        raise KeyError(f"week {week_id!r} is not in {self.path.name}")

    def week_of(self, milestone_id: str) -> Week:
        """The week that holds a milestone."""
        return self.week(self.milestone(milestone_id).week)


@cache
def load(path: Path = ROOT / "course.toml") -> Course:
    """Parse course.toml once per process. Lenient on purpose: tests/test_course.py lints it."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    defaults = raw.get("defaults", {})
    weeks = []
    for w in raw["weeks"]:
        milestones = tuple(
            Milestone(id=str(m["id"]), title=m.get("title", ""), points=int(m.get("points", 0)),
                      files=tuple(m.get("files", ())), targets=tuple(m.get("targets", ())),
                      hints=tuple(m.get("hints", ())), week=w["id"],
                      minutes=int(m.get("minutes", 0)), time_limit_s=m.get("time_limit_s"),
                      hidden_checks=bool(m.get("hidden_checks", True)))
            for m in w.get("milestones", []))
        weeks.append(Week(
            id=w["id"], number=int(w.get("number", 0)), title=w.get("title", ""),
            folder=w.get("folder", w["id"]),
            hours=float(w.get("hours", 0)), goals=tuple(w.get("goals", ())),
            milestones=milestones,
            preload=tuple(w.get("preload", defaults.get("preload", ()))),
            time_limit_s=float(w.get("time_limit_s", defaults.get("time_limit_s", 30))),
            memory_limit_mb=int(w.get("memory_limit_mb", defaults.get("memory_limit_mb", 4096))),
        ))
    return Course(title=raw.get("title", "ML Path"), weeks=tuple(weeks), path=path)
