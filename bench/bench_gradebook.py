"""Gradebook throughput: 100 local submissions graded on 2 cores, and the speed-up over 1 worker.

Builds 100 learner checkouts under build/bench-gradebook/ (weeks/ plus hard-linked copies of
the course's public grader/ and data/, as a learner's clone has them): solutions, starters,
learners part-way through week 1 (solution files for the first milestones, starters for the
rest), wrong variants from tests/scenarios/wrong_1_*, and two that edited a public check.
Then, through `tools.gradebook.run.grade_roster` (what `python -m tools.gradebook grade` runs):

  full     all submissions with --jobs 2 (default 100): total wall time, wall / N, and the
           median of the per-submission durations the gradebook records
  j1, j2   the first 20 submissions with 1 worker and with 2, interleaved (j1 j2, j2 j1, ...
           for --rounds), so both see the same machine load: the speed-up of a second worker

Week 1 with its hidden checks only (grader/week01 grader/hidden/week01): the whole course
takes minutes a submission, and week 1 (101 checks, a kernel, notebooks, a CLI) is a fair
sample of the per-submission cost. Prints a table, writes bench/results/gradebook.json.
Usage: python bench/bench_gradebook.py [--n 100] [--compare 20] [--rounds 1] [--jobs 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.engine import course  # noqa: E402
from tests.grading import SCENARIOS, build_submission  # noqa: E402

BUILD = ROOT / "build" / "bench-gradebook"
RESULTS = ROOT / "bench" / "results" / "gradebook.json"
SELECT = ["grader/week01", "grader/hidden/week01"]
SEED = 1
IGNORE = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "models", "figures",
                                ".pytest_cache")
#: The mix, repeated in this order so any prefix (the first 20) holds every kind.
PATTERN = ["solution", "wrong", "part", "starter", "wrong", "solution", "part", "wrong",
           "starter", "part"]


def plan(n: int) -> list[tuple[str, str]]:
    """(learner name, kind[:detail]) for n submissions, deterministic."""
    wrong = sorted(p.name for p in SCENARIOS.glob("wrong_1_*") if p.is_dir())
    week1 = course.load().week("week01").milestones
    kinds: list[tuple[str, str]] = []
    counters: dict[str, int] = {}
    for i in range(n):
        kind = PATTERN[i % len(PATTERN)]
        k = counters.get(kind, 0)
        counters[kind] = k + 1
        if kind == "wrong":  # spread over all wrong cases, hence over milestones 1.1-1.10
            detail = wrong[(k * 7) % len(wrong)]
        elif kind == "part":  # solved up to milestone j, starters from there on
            detail = week1[k % (len(week1) - 1)].id
        else:
            detail = ""
        kinds.append((f"{i:03d}-{kind}", f"{kind}:{detail}" if detail else kind))
    # Two learners who "fixed" a public check: reported as tampering, graded as usual.
    for i in sorted({3, 57} & set(range(n))):
        kinds[i] = (kinds[i][0] + "-tampered", kinds[i][1] + "+tamper")
    return kinds


def build(name: str, kind: str, dest: Path) -> Path:
    """One learner checkout at dest/name: weeks/ by kind, grader/ and data/ as published."""
    root = dest / name
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    base, _, detail = kind.partition(":")
    detail = detail.removesuffix("+tamper")
    base = base.removesuffix("+tamper")
    if base == "starter":
        shutil.copytree(ROOT / "weeks", root / "weeks", ignore=IGNORE)
    else:
        case = SCENARIOS / detail if base == "wrong" else None
        with tempfile.TemporaryDirectory() as empty:
            built = build_submission(case or Path(empty), root)
        built.rename(root / "weeks")
        if base == "part":  # milestones after `detail` left as starters
            ms = course.load().week("week01").milestones
            upto = [m.id for m in ms].index(detail) + 1
            solved = {f for m in ms[:upto] for f in m.files}
            for f in {f for m in ms[upto:] for f in m.files} - solved:
                shutil.copy2(ROOT / "weeks" / "week01" / f, root / "weeks" / "week01" / f)
    # The public grader and data, hard-linked (100 copies cost no disk); hidden/ is not published.
    shutil.copytree(ROOT / "grader", root / "grader", copy_function=os.link,
                    ignore=shutil.ignore_patterns("__pycache__", "hidden", ".pytest_cache"))
    shutil.copytree(ROOT / "data", root / "data", copy_function=os.link, ignore=IGNORE)
    if kind.endswith("+tamper"):
        target = root / "grader" / "week01" / "test_load.py"
        text = target.read_text(encoding="utf-8")
        target.unlink()  # break the hard link first: never write through to the course's copy
        target.write_text(text + "\n# loosened by the learner\n", encoding="utf-8")
    return root


def build_all(n: int, dest: Path) -> tuple[Path, list[tuple[str, str]], float]:
    """Every submission and a roster.csv listing them; (roster, plan, seconds)."""
    start = time.perf_counter()
    dest.mkdir(parents=True, exist_ok=True)
    kinds = plan(n)
    for name, kind in kinds:
        build(name, kind, dest / "submissions")
    roster = dest / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["learner", "repo", "ref"])
        writer.writerows([name, f"submissions/{name}", ""] for name, _ in kinds)
    return roster, kinds, time.perf_counter() - start


def grade(rows: list[Any], jobs: int) -> tuple[list[dict[str, Any]], float]:
    """One grade_roster call in a fresh work folder; (results, wall seconds).

    The work folder is short and under the system's temp dir: kernels put their ZeroMQ IPC
    sockets below it, and a Unix socket path may not exceed 107 bytes.
    """
    from tools.gradebook.run import grade_roster

    with tempfile.TemporaryDirectory(prefix="gb-bench-") as workdir:
        start = time.perf_counter()
        results = grade_roster(rows, jobs=jobs, timeout_s=600, seed=SEED, select=SELECT,
                               workdir=Path(workdir))
        return results, time.perf_counter() - start


def sanity(results: list[dict[str, Any]], kinds: list[tuple[str, str]]) -> list[str]:
    """What the figures would be worthless without: solutions pass, starters do not."""
    problems = []
    for r, (name, kind) in zip(results, kinds, strict=True):
        if r["outcome"] != "graded":
            problems.append(f"{name}: {r['outcome']}: {r['problem']}")
        elif kind.startswith("solution") and r["points"] != r["max_points"]:
            problems.append(f"{name}: a solution scored {r['points']}/{r['max_points']}")
        elif kind.startswith("starter") and r["points"]:
            problems.append(f"{name}: a starter scored {r['points']}")
        if kind.endswith("+tamper") and not r["tampered"]:
            problems.append(f"{name}: edited grader/ but no tampering reported")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="submissions (default 100)")
    parser.add_argument("--compare", type=int, default=20,
                        help="first submissions graded with 1 and 2 workers (default 20)")
    parser.add_argument("--rounds", type=int, default=1, help="j1/j2 pairs (default 1)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--results", type=Path, default=RESULTS,
                        help=f"where the figures go (default {RESULTS.relative_to(ROOT)})")
    parser.add_argument("--build-only", action="store_true",
                        help="build the submissions and roster, grade nothing")
    args = parser.parse_args(argv)
    from tools.gradebook import outputs, roster
    from tools.gradebook.run import build_book

    path, kinds, build_s = build_all(args.n, BUILD)
    print(f"built {args.n} submissions in {build_s:.1f} s: {BUILD / 'submissions'}")
    if args.build_only:
        return 0
    rows = roster.read(path)
    load_before = os.getloadavg()
    results, full_s = grade(rows, args.jobs)
    durations = [r["duration_s"] for r in results]
    start = time.perf_counter()
    book = build_book(results, seed=SEED, select=SELECT, timeout_s=600, jobs=args.jobs)
    outputs.write_all(book, BUILD / "out")
    outputs_s = time.perf_counter() - start
    j1: list[float] = []
    j2: list[float] = []
    for r in range(args.rounds):  # j1 j2, j2 j1, ...: neither always runs first
        for jobs in (1, 2) if r % 2 == 0 else (2, 1):
            (j1 if jobs == 1 else j2).append(grade(rows[:args.compare], jobs)[1])
    problems = sanity(results, kinds)
    by_kind: dict[str, list[float]] = {}
    for r, (_, kind) in zip(results, kinds, strict=True):
        by_kind.setdefault(kind.split(":")[0].removesuffix("+tamper"), []).append(r["duration_s"])
    figures = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
        "select": SELECT, "seed": SEED, "submissions": args.n, "jobs": args.jobs,
        "kinds": {k: len(v) for k, v in by_kind.items()},
        "build_s": round(build_s, 1), "total_wall_s": round(full_s, 1),
        "wall_per_submission_s": round(full_s / args.n, 2),
        "median_submission_s": round(statistics.median(durations), 2),
        "median_submission_s_by_kind": {k: round(statistics.median(v), 2)
                                        for k, v in by_kind.items()},
        "outputs_s": round(outputs_s, 2),
        "compare": {"submissions": args.compare, "rounds": args.rounds,
                    "jobs1_s": [round(t, 1) for t in j1], "jobs2_s": [round(t, 1) for t in j2],
                    "speedup": round(statistics.median(j1) / statistics.median(j2), 2)},
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "outcomes": {o: sum(r["outcome"] == o for r in results)
                     for o in sorted({r["outcome"] for r in results})},
        "problems": problems,
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    rows_out = [
        (f"{args.n} submissions, --jobs {args.jobs}, wall", f"{full_s:.1f} s"),
        ("wall / submission", f"{full_s / args.n:.2f} s"),
        ("median per-submission duration", f"{figures['median_submission_s']:.2f} s"),
        *((f"  median, {k} ({len(by_kind[k])})", f"{v:.2f} s")
          for k, v in figures["median_submission_s_by_kind"].items()),
        (f"first {args.compare}, --jobs 1", " / ".join(f"{t:.1f} s" for t in j1)),
        (f"first {args.compare}, --jobs 2", " / ".join(f"{t:.1f} s" for t in j2)),
        ("speed-up of 2 workers", f"{figures['compare']['speedup']:.2f}x"),
        ("outputs (CSV, JSON, MD, heatmap, feedback)", f"{outputs_s:.2f} s"),
    ]
    width = max(len(k) for k, _ in rows_out)
    print(f"\nGradebook bench ({', '.join(SELECT)}, seed {SEED}, {os.cpu_count()} CPUs)")
    for k, v in rows_out:
        print(f"  {k:<{width}}  {v}")
    print(f"outcomes: {figures['outcomes']}; wrote {args.results}")
    for p in problems:
        print(f"PROBLEM: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
