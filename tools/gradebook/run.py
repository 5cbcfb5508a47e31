"""Grade a roster: fetch, check for tampering and grade every submission, several at a time.

Each submission is graded by the instructor's own grader, exactly as `make grade` would but
with the hidden checks, in its own pytest process: `--submission` is the learner's weeks/
and nothing else of theirs (their grader/ and data/ are only compared, never run). Each
pytest runs in its own session with a time bound; at the bound the whole process tree goes
(kernels included), so one learner's infinite loop costs `timeout_s` and nothing more.

Workers are threads: the work happens in child processes (git, pytest and its kernels), so a
thread only waits on them, and nothing has to be pickled. `jobs` bounds how many submissions
are graded at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from grader import progress
from grader.engine import course as course_mod
from grader.engine import report as report_mod

from .fetch import course_weeks, fetch, run_bounded
from .roster import Row
from .tamper import compare

ROOT = course_mod.ROOT
DEFAULT_SELECT = ("grader/",)
FETCH_TIMEOUT_S = 300.0
#: Reasons that mean the learner's process died rather than answered: when every graded
#: milestone ended this way (or in a grader error) the submission "crashed".
CRASH_REASONS = {"CRASH", "EXIT", "MEMORY"}

_COLLECT = """
import json, sys, pytest
class Collect:
    ids = []
    def pytest_collection_finish(self, session):
        for item in session.items:
            mark = item.get_closest_marker("milestone")
            if mark and mark.args[0] not in self.ids:
                self.ids.append(mark.args[0])
code = pytest.main(sys.argv[2:], plugins=[Collect()])
open(sys.argv[1], "w").write(json.dumps(Collect.ids))
sys.exit(int(code))
"""


def effective_select(select: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The pytest arguments grading uses: `select`, with grader/ in front if it names no path.

    The grader's options (--milestone) exist only once pytest loads grader/conftest.py, so
    `--milestone 1.1` alone means `grader/ --milestone 1.1`, as with `make grade ARGS=...`.
    """
    chosen = tuple(select)
    if not any((ROOT / arg.split("::")[0]).exists() for arg in chosen
               if arg and not arg.startswith("-")):
        chosen = DEFAULT_SELECT + chosen
    return chosen


class SelectError(Exception):
    """The `select` arguments pick no checks, or pytest cannot collect them.

    Its text is why (pytest's own line); grade_roster puts the selection as typed in front.
    """


@cache
def selected_milestones(select: tuple[str, ...]) -> list[dict[str, Any]]:
    """The milestones `select` grades, in syllabus order: {id, title, week, points}.

    pytest itself answers (a collect-only run on the course's own weeks/), so `-k`,
    `--milestone` and paths mean exactly what they mean when grading.
    """
    with tempfile.TemporaryDirectory(prefix="gradebook-collect-") as tmp:
        out = Path(tmp) / "ids.json"
        cmd = [sys.executable, "-c", _COLLECT, str(out), *select, "--collect-only", "-q",
               "-p", "no:cacheprovider", "--submission", str(ROOT / "weeks")]
        code, log = run_bounded(cmd, timeout_s=300, cwd=ROOT, env=_pytest_env(0, Path(tmp)))
        ids = json.loads(out.read_text()) if out.is_file() else []
    if code != 0 or not ids:
        raise SelectError(f"pytest --collect-only ended with exit code {code}: {_log_line(log)}")
    course = course_mod.load()
    wanted = set(ids)
    return [{"id": m.id, "title": m.title, "week": week.number, "points": m.points}
            for week in course.weeks for m in week.milestones if m.id in wanted]


def _pytest_env(seed: int, tmp: Path) -> dict[str, str]:
    """The grading subprocess's environment: the caller's, minus what would change a run.

    No GITHUB_STEP_SUMMARY: a learner's Markdown report must not land in the gradebook job's
    summary. No PYTEST_*/GRADER_* of an enclosing run (pytest-xdist, PYTEST_ADDOPTS). TMPDIR
    is the submission's own, so whatever a killed run leaves behind is removed with it.
    """
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTEST_", "GRADER_")) and k != "GITHUB_STEP_SUMMARY"}
    env.update(GRADER_SEED=str(seed), TMPDIR=str(tmp), PYTHONDONTWRITEBYTECODE="1")
    return env


def _blank(row: Row, milestones: list[dict[str, Any]]) -> dict[str, Any]:
    return {"learner": row.learner, "repo": row.repo, "ref": row.ref, "commit": None,
            "outcome": "graded", "problem": None, "points": 0,
            "max_points": sum(m["points"] for m in milestones),
            "milestones": {m["id"]: {"status": "not_graded", "points": 0,
                                     "max_points": m["points"], "reason": "",
                                     "hidden_failures": [], "notes": []} for m in milestones},
            "tampered": [], "progress": None, "duration_s": 0.0}


def _progress(checkout: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The learner's .grader/progress.json (grader.progress, schema 1), when there is one.

    A learner edition commits it (its .gitignore keeps it), so it comes with the checkout.
    """
    path = checkout / ".grader" / "progress.json"
    if not path.is_file():
        return None, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"Its .grader/progress.json is not readable JSON ({exc}); progress left out."
    try:
        return progress.parse(data), None
    except ValueError as exc:
        return None, f"Its .grader/progress.json is not this grader's history ({exc}); left out."


def _log_line(log: str) -> str:
    """The line of a pytest log that best says why it ended without a report."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("grader:", "E ", "ERROR", "INTERNALERROR")) or "Error" in line:
            return line[:300]
    return lines[-1][:300] if lines else "(no output)"


def _milestones(report: dict[str, Any], milestones: list[dict[str, Any]]
                ) -> dict[str, dict[str, Any]]:
    graded = {m["id"]: m for week in report.get("weeks", []) for m in week["milestones"]}
    course = course_mod.load()
    out = {}
    for m in milestones:
        r = graded.get(m["id"])
        if r is None:  # the submission lacks this week's folder: the grader skipped it
            folder = course.week_of(m["id"]).folder
            out[m["id"]] = {"status": "not_started", "points": 0, "max_points": m["points"],
                            "reason": "MISSING", "hidden_failures": [],
                            "notes": [f"weeks/{folder}/ is not in the submission"]}
            continue
        out[m["id"]] = {"status": r["status"], "points": int(r["points"]),
                        "max_points": int(r["max_points"]), "reason": r.get("reason", ""),
                        "hidden_failures": list(r.get("hidden_failures", [])),
                        "notes": list(r.get("notes", []))}
    return out


def _grade(row: Row, weeks: Path, result: dict[str, Any], work: Path, *, timeout_s: float,
           seed: int, select: tuple[str, ...], milestones: list[dict[str, Any]]) -> list[str]:
    """Run the instructor's grader on `weeks`; fill `result`; return problem sentences."""
    report_path, log_path = work / "report.json", work / "pytest.log"
    report_path.unlink(missing_ok=True)
    # Kernels listen on IPC sockets under TMPDIR, and a socket path has ~100 bytes at most:
    # a short folder of the system's temp dir, not one inside `work`.
    tmp = Path(tempfile.mkdtemp(prefix="gb-"))
    cmd = [sys.executable, "-m", "pytest", *select, "--submission", str(weeks),
           "--report", str(report_path), "--seed", str(seed), "--no-cache",
           "-p", "no:cacheprovider", "-q"]
    who = f"Learner '{row.learner}' (roster line {row.line})"
    try:
        code, log = run_bounded(cmd, timeout_s=timeout_s, cwd=ROOT, env=_pytest_env(seed, tmp),
                                log=log_path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # sandboxes a killed run could not remove
    if code is None:
        result["outcome"] = "timeout"
        return [f"{who}: grading did not finish within {timeout_s:.0f} s and was stopped "
                "(code that loops or waits forever?); grade this submission alone to see "
                "where, or raise --timeout."]
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        result["outcome"] = "crashed"
        return [f"{who}: the grader ended (exit code {code}) without writing a report; "
                f"its last words: {_log_line(log)}"]
    result["milestones"] = _milestones(report, milestones)
    result["points"] = sum(m["points"] for m in result["milestones"].values())
    ran = [m for m in result["milestones"].values() if m["reason"] != "MISSING"]
    problems = []
    if ran and all(m["status"] == "error" or m["reason"] in CRASH_REASONS for m in ran):
        result["outcome"] = "crashed"
        reasons = sorted({m["reason"] or m["status"] for m in ran})
        problems.append(f"{who}: every graded milestone crashed ({', '.join(reasons)}): the "
                        "submission's code ends the process (os._exit, a segfault, memory) "
                        "instead of answering.")
    elif not ran:
        problems.append(f"{who}: the submission has none of the selected weeks' folders in "
                        "weeks/, so nothing was graded.")
    if code not in (0, 1):
        problems.append(f"{who}: pytest ended with exit code {code}, so the grade may be "
                        f"incomplete; it said: {_log_line(log)}")
    return problems


def grade_one(row: Row, *, timeout_s: float, seed: int, select: tuple[str, ...],
              workdir: Path, fetch_timeout_s: float = FETCH_TIMEOUT_S) -> dict[str, Any]:
    """One LearnerResult: fetch, compare grader/ and data/, grade. Never raises on bad input."""
    t0 = time.perf_counter()
    milestones = selected_milestones(select)
    result = _blank(row, milestones)
    problems = [row.problem] if row.problem else []

    def done(outcome: str | None = None, *more: str | None) -> dict[str, Any]:
        if outcome:
            result.update(outcome=outcome, points=0,
                          milestones=_blank(row, milestones)["milestones"])
        problems.extend(p for p in more if p)
        result["problem"] = " ".join(problems) or None
        result["duration_s"] = round(time.perf_counter() - t0, 3)
        return result

    if row.outcome:  # the roster row itself is unusable
        return done(row.outcome)
    work = workdir / row.slug
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    checkout = fetch(row, work / "checkout", timeout_s=fetch_timeout_s)
    if checkout.root is None:
        return done(checkout.outcome, checkout.problem)
    result["commit"] = checkout.commit
    weeks, not_course = course_weeks(row, checkout.root)
    if weeks is None:
        return done("not_course", not_course)
    if not (checkout.root / "course.toml").is_file():  # graded all the same: ours is used
        problems.append(f"Learner '{row.learner}' (roster line {row.line}): the checkout has no "
                        "course.toml (graded anyway, with the course's own).")
    tampering = compare(checkout.root, ROOT)
    result["tampered"] = tampering.paths
    result["progress"], progress_note = _progress(checkout.root)
    problems += [p for p in (tampering.sentence(), progress_note) if p]
    problems += _grade(row, weeks, result, work, timeout_s=timeout_s, seed=seed, select=select,
                       milestones=milestones)
    if result["outcome"] == "timeout":
        return done("timeout")
    return done()


def grade_roster(rows: list[Row], *, jobs: int, timeout_s: float, seed: int,
                 select: list[str], workdir: Path,
                 fetch_timeout_s: float = FETCH_TIMEOUT_S) -> list[dict[str, Any]]:
    """One LearnerResult per row, in roster order, grading `jobs` submissions at a time.

    SelectError (before anything is graded) if `select` picks no checks; otherwise every
    row gets a result, whatever went wrong with it.
    """
    chosen = effective_select(select)
    try:
        milestones = selected_milestones(chosen)  # fails fast, before any clone
    except SelectError as exc:  # said with what the user typed, not grader/ in front of it
        typed = " ".join(select) or "the default selection"
        graded_as = f" (graded as: {' '.join(chosen)})" if tuple(select) != chosen else ""
        raise SelectError(f"--select {typed} picks no checks of the course{graded_as}; {exc}"
                          ) from None
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any] | None] = [None] * len(rows)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(grade_one, row, timeout_s=timeout_s, seed=seed, select=chosen,
                               workdir=workdir, fetch_timeout_s=fetch_timeout_s): i
                   for i, row in enumerate(rows)}
        for n, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # a gradebook bug must not cost the rest of the class
                result = _blank(rows[i], milestones)
                result.update(outcome="crashed", problem=(
                    f"Learner '{rows[i].learner}' (roster line {rows[i].line}): the gradebook "
                    f"itself failed on this row ({type(exc).__name__}: {exc}); please report "
                    "it."))
            results[i] = result
            print(f"[{n}/{len(rows)}] {result['learner']}: {result['outcome']} "
                  f"{result['points']}/{result['max_points']} ({result['duration_s']:.0f} s)",
                  file=sys.stderr, flush=True)
    return [r for r in results if r is not None]


def _git_out(*args: str) -> str | None:
    try:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


#: What grading reads from the instructor's repository: an edit here changes grades.
GRADING_PATHS = ("grader", "data", "course.toml", "pyproject.toml", "requirements.lock",
                 "requirements-dev.lock")


def grader_block(*, seed: int, select: list[str], timeout_s: float, jobs: int
                 ) -> dict[str, Any]:
    """Which grader graded: commit, uncommitted edits, settings and environment."""
    lock = ROOT / ("requirements-dev.lock" if (ROOT / "requirements-dev.lock").is_file()
                   else "requirements.lock")
    status = _git_out("status", "--porcelain", "--", *GRADING_PATHS)
    return {
        "commit": (_git_out("rev-parse", "HEAD") or "unknown").strip(),
        "dirty": bool(status.strip()) if status is not None else True,
        "seed": seed, "select": list(effective_select(select)),
        "timeout_s": timeout_s, "jobs": jobs,
        "environment": {
            "python": platform.python_version(), "platform": platform.platform(),
            "packages": report_mod.package_versions(), "lock_file": lock.name,
            "lock_sha256": (hashlib.sha256(lock.read_bytes()).hexdigest() if lock.is_file()
                            else None),
        },
    }


def build_book(results: list[dict[str, Any]], *, seed: int, select: list[str],
               timeout_s: float, jobs: int) -> dict[str, Any]:
    """The gradebook document (schema 1) around a list of LearnerResults."""
    chosen = effective_select(select)
    return {
        "schema": 1,
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "course": course_mod.load().title,
        "grader": grader_block(seed=seed, select=list(chosen), timeout_s=timeout_s, jobs=jobs),
        "milestones": selected_milestones(chosen),
        "learners": results,
    }
