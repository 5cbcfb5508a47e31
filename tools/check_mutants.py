"""Check week 7's mutants (`ref_mutants`) against the original repository and the solution.

    python -m tools.check_mutants            # the report; exit 1 on any problem
    python -m tools.check_mutants --groups   # also propose conflict-free GROUPS

Each mutant runs alone on the original code with the original tests (as ``reference``) and on
the solution with its tests; then each group of `ref_mutants.GROUPS` runs the same way. It
checks what 7.2's weakened-test check relies on:

- every mutant is caught by at least one original test of its function (its catchers);
- every original test catches at least one mutant (the coverage: a weakened test is noticed);
- a mutant's catchers are the same alone and in its group, and no other mutant of the group
  makes them fail (which would hide a weakened test);
- the solution's tests catch every mutant the way the original tests do (the solution passes).

It runs pytest locally (``python -c`` with the week's runner), not in a grading sandbox.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from grader.engine.course import ROOT
from grader.week07 import ref_mutants as M
from grader.week07 import ref_runs as runs

SOLUTION = ROOT / "solutions" / "week07" / "upstream"
#: Pairs that must not share a copy, found by the group runs: a missing_report without its
#: complete columns hides columns_above's >=; best_threshold's mutants compute costs with >=,
#: which a test comparing them with a strict expected_cost sees.
APART = [{"missing_drops_full_columns", "columns_above_inclusive"},
         *({"expected_cost_strict", name} for name in ("best_threshold_ties_lowest",
                                                       "best_threshold_ignores_cost_missed",
                                                       "best_threshold_off_by_one"))]


class _Sandbox:
    """The part of a sandbox `ref_runs.run` uses: a folder and ``python ARGS``."""

    def __init__(self, io: Path):
        self.io = io

    def run_process(self, args: list[str], timeout: float, *, env: dict[str, str] | None = None,
                    cwd: Path | None = None) -> dict[str, Any]:
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                              timeout=timeout, cwd=cwd)
        return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                "timeout": False}


class _Week:
    def __init__(self, io: Path):
        self.sandbox = _Sandbox(io)


def _failing(suite: runs.Suite) -> set[str]:
    return {case.nodeid for case in suite.failed}


def main(argv: list[str]) -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        week = _Week(Path(tmp))
        t0 = time.perf_counter()
        jobs = [runs.Job("reference", runs.ORIGINAL), runs.Job("solution", SOLUTION)]
        for mutant in M.MUTANTS:
            jobs += [runs.Job(f"alone_ref_{mutant.name}", runs.ORIGINAL,
                              append=M.appended([mutant.name])),
                     runs.Job(f"alone_sol_{mutant.name}", SOLUTION,
                              append=M.appended([mutant.name]))]
        for i, group in enumerate(M.GROUPS):
            jobs += [runs.Job(f"group_ref_{i}", runs.ORIGINAL, append=M.appended(group),
                              files=M.test_files(group)),
                     runs.Job(f"group_sol_{i}", SOLUTION, append=M.appended(group),
                              files=M.test_files(group))]
        suites = runs.run(week, jobs, timeout=600.0)
        print(f"{len(jobs)} pytest runs in {time.perf_counter() - t0:.1f} s")

    reference = suites["reference"]
    originals = [case.nodeid for case in reference.tests]
    if reference.caught():
        problems.append(f"the original suite fails on the original code: {reference.tail()}")
    catchers: dict[str, set[str]] = {}
    fails: dict[str, set[str]] = {}
    for mutant in M.MUTANTS:
        failing = _failing(suites[f"alone_ref_{mutant.name}"])
        fails[mutant.name] = failing
        catchers[mutant.name] = {nodeid for nodeid in failing
                                 if mutant.tests_it(nodeid.split("::")[-1])}
        if not catchers[mutant.name]:
            problems.append(f"{mutant.name}: no original test of {mutant.function} catches it")
        solution = _failing(suites[f"alone_sol_{mutant.name}"])
        missed = catchers[mutant.name] - solution
        if missed:
            problems.append(f"{mutant.name}: the solution's tests do not catch it: "
                            f"{sorted(missed)}")
    tested = {mutant.name: {nodeid for nodeid in originals
                            if mutant.tests_it(nodeid.split("::")[-1])} for mutant in M.MUTANTS}
    covered = set().union(*catchers.values())
    uncovered = [nodeid for nodeid in originals if nodeid not in covered]
    print(f"mutants: {len(M.MUTANTS)}; original tests that catch at least one: "
          f"{len(covered & set(originals))}/{len(originals)}")
    for nodeid in uncovered:
        problems.append(f"no mutant is caught by {nodeid}")

    def conflict(a: M.Mutant, b: M.Mutant) -> bool:
        # Two mutants of one function: the tests that fail could be either's catchers. One
        # that makes a test of the other's function fail would count as catching it (and hide
        # a weakened test). One that makes them pass shows in the group runs below: such pairs
        # are listed in APART.
        return (a.file == b.file and a.function == b.function) or \
            bool(fails[a.name] & tested[b.name]) or bool(fails[b.name] & tested[a.name]) or \
            {a.name, b.name} in APART

    grouped = [name for group in M.GROUPS for name in group]
    for mutant in M.MUTANTS:
        if grouped.count(mutant.name) != 1:
            problems.append(f"{mutant.name} is in {grouped.count(mutant.name)} groups, not 1")
    for i, group in enumerate(M.GROUPS):
        ref, sol = _failing(suites[f"group_ref_{i}"]), _failing(suites[f"group_sol_{i}"])
        for name in group:
            mutant = M.BY_NAME[name]
            others = [M.BY_NAME[other] for other in group if other != name]
            clash = [other.name for other in others if conflict(mutant, other)]
            if clash:
                problems.append(f"group {i}: {name} conflicts with {', '.join(clash)}")
            in_group = {nodeid for nodeid in ref if mutant.tests_it(nodeid.split("::")[-1])}
            if in_group != catchers[name]:
                problems.append(f"group {i}: {name} is caught by {sorted(in_group)} in its "
                                f"group, by {sorted(catchers[name])} alone")
            if catchers[name] - sol:
                problems.append(f"group {i}: the solution misses {name}: "
                                f"{sorted(catchers[name] - sol)}")

    if "--groups" in argv:  # greedy colouring, over many orders: the fewest copies wins
        best: list[list[M.Mutant]] = []
        rng = random.Random(7)
        order = sorted(M.MUTANTS, key=lambda m: -sum(conflict(m, o) for o in M.MUTANTS))
        for _ in range(500):
            proposal: list[list[M.Mutant]] = []
            for mutant in order:
                for group in proposal:
                    if not any(conflict(mutant, other) for other in group):
                        group.append(mutant)
                        break
                else:
                    proposal.append([mutant])
            if not best or len(proposal) < len(best):
                best = proposal
            order = rng.sample(M.MUTANTS, len(M.MUTANTS))
        print("GROUPS = [")
        for group in best:
            print("    " + repr(sorted(m.name for m in group)) + ",")
        print("]")
    for mutant in M.MUTANTS:
        print(f"  {mutant.name:38} {len(catchers[mutant.name]):2} catchers: " + ", ".join(
            sorted(nodeid.split("::")[-1] for nodeid in catchers[mutant.name]))[:200])
    for problem in problems:
        print("PROBLEM", problem)
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
