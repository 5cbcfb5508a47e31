"""The learner's loop, timed side by side in one run: re-run, edit-to-verdict, warm start.

Measures, interleaved N times on a copy of the solutions (so the learner's weeks/ and the
solutions' cache entries are untouched):
  rerun      `pytest grader/` over every week with nothing changed (verdicts replayed from
             the content-hash cache; check files not even imported: engine.replay)
  edit_cold  one function of week 1 edited (clean.total_charges_as_float gains a line), then
             week 1's public checks, as `pytest grader/week01` or a first `make watch` run
  edit_warm  the same edit graded by the watch mode's warm start (grader.watch.WarmRunner):
             pytest, the checks and the week's kernel were loaded before the save
and prints medians against the issue's targets (rerun <= 1.5 s, edit-to-verdict <= 5 s).
Usage: python bench/bench_learner_loop.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.watch import WarmRunner  # noqa: E402

ENV = {**os.environ, "GRADER_SEED": "1"}
EDITED = Path("week01") / "clean.py"
FUNCTION = "def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:\n"


def pytest_cmd(submission: Path, *paths: str) -> list[str]:
    return [sys.executable, "-m", "pytest", *paths, "--submission", str(submission), "-q",
            "--no-header", "-p", "no:cacheprovider", "--tb=no",
            "--report", str(submission.parent / "report.json")]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return elapsed


def edit(submission: Path, n: int) -> None:
    """One function changed, as a learner saving it would: a new line in its body."""
    path = submission / EDITED
    text = (ROOT / "solutions" / EDITED).read_text()
    if FUNCTION not in text:
        sys.exit(f"bench: {EDITED} no longer defines {FUNCTION.strip()!r}; update the bench")
    path.write_text(text.replace(FUNCTION, f"{FUNCTION}    _edit = {n}\n"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args(argv).runs
    tmp = Path(tempfile.mkdtemp(prefix="bench-loop-"))
    submission = tmp / "weeks"
    shutil.copytree(ROOT / "solutions", submission,
                    ignore=shutil.ignore_patterns("__pycache__", ".grader"))
    every_week = pytest_cmd(submission, "grader/")
    week01 = pytest_cmd(submission, "grader/week01")  # public checks: the learner edition's
    runner = WarmRunner(lambda weeks: week01, ROOT, ENV)
    times: dict[str, list[float]] = {"rerun": [], "edit_cold": [], "edit_warm": []}
    try:
        timed(every_week)  # fill the cache for this content (all weeks; not counted)
        runner.grade(["week01"])  # the first save's run; the next one starts warm
        for n in range(runs):
            times["rerun"].append(timed(every_week))
            edit(submission, 2 * n)
            times["edit_cold"].append(timed(week01))
            time.sleep(10)  # a learner's edit takes longer than the warm start's boot
            edit(submission, 2 * n + 1)
            start = time.perf_counter()
            graded = runner.grade(["week01"])
            times["edit_warm"].append(time.perf_counter() - start)
            if graded.returncode != 0:
                sys.exit(f"bench: the warm run failed:\n{graded.output[-3000:]}")
            (submission / EDITED).write_text((ROOT / "solutions" / EDITED).read_text())
            timed(every_week)  # back to the cached content for the next re-run
    finally:
        runner.close()
        shutil.rmtree(tmp, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    for name, values in times.items():
        print(f"{name:<9} median {med[name]:.2f} s   runs {', '.join(f'{v:.2f}' for v in values)}")
    print(f"unchanged re-run of every week = {med['rerun']:.2f} s  (target <= 1.5 s)")
    print(f"one function edited in week 1, verdict: cold {med['edit_cold']:.2f} s, "
          f"warm (make watch) {med['edit_warm']:.2f} s  (target <= 5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
