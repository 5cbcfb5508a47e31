"""The grader's settings, resolved once per run in a fixed order: option, environment, default.

Help texts are shared by the command-line options and the documentation, and a bad value
names where it came from (pytest-timeout's manners).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUBMISSION_HELP = "folder laid out like weeks/ to grade (default: weeks/, your own work)"
REPORT_HELP = "where to write the JSON report (default: .grader/report.json)"
#: Watch mode's warm start: pytest boots the kernels and collects the checks, then waits for
#: one byte on this file descriptor (the save it grades) before it reads a learner file.
#: End of file instead: nothing to grade, exit quietly.
START_FD_ENV = "GRADER_START_FD"
#: A file to which each run appends, per graded week, the seconds the learner's code ran
#: (`{"week": ..., "learner_s": ...}` lines): the benchmarks' bare execution time.
TIMINGS_ENV = "GRADER_TIMINGS"
SEED_HELP = "seed for generated inputs of hidden checks (default: $GRADER_SEED, else random)"
TIME_HELP = "seconds allowed per call or notebook cell, overriding course.toml"
CACHE_HELP = "grade every check again even when nothing changed"
HIDDEN_HELP = "show hidden checks' full messages (instructors only)"
MILESTONE_HELP = "grade only this milestone (repeat for several), e.g. --milestone 1.4"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, resolved once."""

    root: Path
    submission: Path
    report: Path
    seed: int
    time_limit_s: float | None
    use_cache: bool
    show_hidden: bool

    def shown(self, path: Path) -> str:
        """A path as the learner would type it, relative to the repository when possible."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def add_options(parser: Any) -> None:
    """Register the grader's options in one group."""
    group = parser.getgroup("grader", "ML Path grader")
    group.addoption("--submission", metavar="DIR", help=SUBMISSION_HELP)
    group.addoption("--report", metavar="PATH", help=REPORT_HELP)
    group.addoption("--seed", metavar="N", help=SEED_HELP)
    group.addoption("--time-limit", metavar="S", help=TIME_HELP)
    group.addoption("--no-cache", action="store_true", help=CACHE_HELP)
    group.addoption("--show-hidden", action="store_true", help=HIDDEN_HELP)
    group.addoption("--milestone", action="append", metavar="ID", help=MILESTONE_HELP)


def _number(value: str, where: str, kind: type) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise SystemExit(f"grader: {where} should be a number, got {value!r}") from None


def resolve(config: Any, root: Path) -> Settings:
    """Options first, then environment variables, then defaults."""
    opt = config.getoption
    submission = Path(opt("submission") or os.environ.get("GRADER_SUBMISSION") or root / "weeks")
    if not submission.is_absolute():
        submission = Path(config.invocation_params.dir) / submission
    if not submission.is_dir():
        raise SystemExit(f"grader: --submission {submission} is not a folder. Give a folder laid "
                         "out like weeks/ (with week01/ inside), e.g. --submission solutions")
    report = Path(opt("report") or root / ".grader" / "report.json")
    seed_text, where = opt("seed"), "--seed"
    if seed_text is None:
        seed_text, where = os.environ.get("GRADER_SEED"), "$GRADER_SEED"
    seed = _number(seed_text, where, int) if seed_text else secrets.randbelow(2**31)
    time_text = opt("time_limit")
    return Settings(
        root=root, submission=submission.resolve(), report=report, seed=seed,
        time_limit_s=_number(time_text, "--time-limit", float) if time_text else None,
        use_cache=not opt("no_cache"), show_hidden=bool(opt("show_hidden")),
    )
