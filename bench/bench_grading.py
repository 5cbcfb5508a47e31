"""Grading time against bare execution of the same learner code, side by side in one run.

Measures, interleaved N times on this machine:
  bare    python bench/_bare.py solutions   (modules called, notebook cells executed)
  jupyter python bench/_bare.py solutions --jupyter   (the notebook run by nbclient instead)
  grade   pytest grader/ --submission solutions --no-cache   (cold: kernels, checks, reports)
  rerun   pytest grader/ --submission solutions   (nothing changed: verdicts from the cache)
  weekNN  every check of one week on the solutions, cold (that week's grading time)
  course  every check of every week, cold, weeks in parallel (-n 2)
  course_seq   the same in one process, which also measures
  course_bare  the bare execution time of that code (see course_sequential)
and prints medians and the ratios the course targets (grade/bare <= 1.3 for 1.1-1.3,
<= 1.2 for every week; rerun <= 2 s).
Usage: python bench/bench_grading.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GRADE = [sys.executable, "-m", "pytest", "--submission", "solutions", "-q",
         "-p", "no:cacheprovider", "--report", "build/bench-report.json"]
# The ratio covers what _bare.py replays: milestones 1.1-1.3 (module calls and a notebook).
PYTEST = [*GRADE, "grader/", "--milestone", "1.1", "--milestone", "1.2", "--milestone", "1.3"]
WEEKS = ("week01", "week02", "week03")


def week_command(week: str) -> list[str]:
    """Every check, public and hidden, of one week."""
    return [*GRADE, f"grader/{week}", f"grader/hidden/{week}"]
ENV = {"GRADER_SEED": "1"}


def timed(cmd: list[str]) -> float:
    """Wall-clock seconds of one command, which must succeed."""
    import os

    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **ENV})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args(argv).runs
    times: dict[str, list[float]] = {"bare": [], "jupyter": [], "grade": [], "rerun": []}
    timed(PYTEST)  # warm the OS file cache once; not counted
    for _ in range(runs):
        times["bare"].append(timed([sys.executable, "bench/_bare.py", "solutions"]))
        times["jupyter"].append(timed([sys.executable, "bench/_bare.py", "solutions",
                                       "--jupyter"]))
        times["grade"].append(timed([*PYTEST, "--no-cache"]))
        timed(PYTEST)  # fill the verdict cache for this content
        times["rerun"].append(timed(PYTEST))
    for week in WEEKS:
        times[week] = [timed([*week_command(week), "--no-cache"])
                       for _ in range(max(1, runs // 2))]
    times["course"], times["course_seq"], times["course_bare"] = [], [], []
    for _ in range(max(1, runs // 2)):
        times["course"].append(timed([*GRADE, "grader/", "-n", "2", "--no-cache"]))
        seconds, bare = course_sequential()
        times["course_seq"].append(seconds)
        times["course_bare"].append(bare)
    med = {k: statistics.median(v) for k, v in times.items()}
    for name, values in times.items():
        print(f"{name:<6} median {med[name]:.2f} s   runs {', '.join(f'{v:.2f}' for v in values)}")
    print(f"grade / bare python = {med['grade'] / med['bare']:.2f}  (target <= 1.3)")
    print(f"grade / bare jupyter (nbclient) = {med['grade'] / med['jupyter']:.2f}")
    print(f"unchanged re-run = {med['rerun']:.2f} s  (target <= 2.0 s)")
    for week in WEEKS:
        print(f"whole {week}, every check = {med[week]:.2f} s  (target < 60 s)")
    print(f"every week, -n 2 = {med['course']:.2f} s; one process = {med['course_seq']:.2f} s")
    print(f"every week, bare execution of the same code = {med['course_bare']:.2f} s")
    print(f"every week: grade / bare = {med['course'] / med['course_bare']:.2f} with -n 2, "
          f"{med['course_seq'] / med['course_bare']:.2f} in one process  (target <= 1.2)")
    return 0


def course_sequential() -> tuple[float, float]:
    """Every week graded cold in one process, and the bare execution time of its code.

    Bare = for each week, a plain `python -c "import <the week's preload>"` (the interpreter
    and libraries any run of that code must load; measured here, side by side) plus the
    seconds the learner's code itself ran, as the sandbox measured them in this very run
    (engine.settings.TIMINGS_ENV: kernel clock for calls and notebook cells, wall clock for
    command-line tools). One process, so one kernel at a time: the learner's code does not
    share the cores with another week's. Servers (weeks 4 and 8) and week 7's pytest runs of
    the learner's tests are not counted: bare is, if anything, too small.
    """
    import json
    import os
    import tempfile

    from grader.engine.course import load

    with tempfile.TemporaryDirectory() as tmp:
        timings = Path(tmp) / "timings.jsonl"
        os.environ["GRADER_TIMINGS"] = str(timings)
        try:
            seconds = timed([*GRADE, "grader/", "--no-cache"])
        finally:
            del os.environ["GRADER_TIMINGS"]
        ran = [json.loads(line) for line in timings.read_text().splitlines()]
    startup = sum(timed([sys.executable, "-c", f"import {', '.join(week.preload) or 'os'}"])
                  for week in load().weeks if any(r["week"] == week.folder for r in ran))
    return seconds, startup + sum(r["learner_s"] for r in ran)


if __name__ == "__main__":
    raise SystemExit(main())
