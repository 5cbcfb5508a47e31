"""Helpers for tests that grade a submission the way a learner or CI would: in a subprocess.

A scenario is a folder under tests/scenarios/<case>/ holding only the files that differ from
the solutions (laid out like weeks/) and an expected.json fragment of the report.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "tests" / "scenarios"


@dataclass
class Graded:
    """One grading run: its JSON report, the process result and the wall-clock time."""

    report: dict[str, Any]
    returncode: int
    stdout: str
    seconds: float

    def milestone(self, milestone_id: str) -> dict[str, Any]:
        for week in self.report["weeks"]:
            for m in week["milestones"]:
                if m["id"] == milestone_id:
                    return m
        raise KeyError(f"milestone {milestone_id} not in the report:\n{self.stdout[-3000:]}")


def build_submission(case: Path, dest: Path) -> Path:
    """solutions/ overlaid with the case's files: a whole submission differing only there."""
    submission = dest / "submission"
    shutil.copytree(ROOT / "solutions", submission,
                    ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    for path in case.rglob("*"):
        rel = path.relative_to(case)
        if path.is_file() and rel.parts[0].startswith("week"):
            target = submission / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return submission


def grade(submission: Path, tmp: Path, *args: str, env: dict[str, str] | None = None) -> Graded:
    """Run `pytest grader/ --submission ...` as a learner would; return the parsed report."""
    report = tmp / "report.json"
    cmd = [sys.executable, "-m", "pytest", "grader/", "--submission", str(submission),
           "--report", str(report), "--no-cache", "-p", "no:cacheprovider", *args]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "GRADER_SEED": "7", **(env or {})})
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    if not report.exists():
        raise AssertionError(f"no report written (exit {done.returncode}):\n{output[-4000:]}")
    return Graded(json.loads(report.read_text()), done.returncode, output, seconds)


def tree_hash(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, to prove grading changed nothing."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cases() -> list[str]:
    """Every scenario folder's name."""
    return sorted(p.name for p in SCENARIOS.iterdir() if (p / "expected.json").exists())
