"""Milestone 7.2: regression tests that would have caught each bug, and no test lost on the way.

For every claimed issue (`ref_upstream.claims`): a test named ``gh<N>`` in the module's test
file, passing on the learner's code and failing on a copy of it whose module of that issue
is the original one (grader/week07/original/). Every test of the original suite is still
there and passes, and none was weakened: the original tests of a function that catch a
broken version of it (`ref_mutants`) still fail with the learner's version of them.

Original tests are matched by node id; one the learner parametrized (or whose cases they
renamed) is matched by its test function: its cases must all pass, and at least one must
catch each mutant the original catches. A test marked skip or xfail counts as changed.

The copies run in one batch (`ref_runs.run`), once per grading run: one copy per claimed
issue, one per group of mutants (each running only its mutants' test files), and the
original repository with and without the mutants.
"""

from __future__ import annotations

import pytest

from grader.engine.checks import CheckFailed, expect, milestone
from grader.engine.outcomes import current
from grader.week07 import ref_changelog as C
from grader.week07 import ref_mutants as M
from grader.week07 import ref_runs as runs
from grader.week07 import ref_upstream as U

SHOWN = 3
#: What a regression test of each issue asserts: a next step for a test that cannot fail.
ADVICE = {
    1: 'give missing_report a text column holding " " and "" and assert they are counted '
       "(the original counts 0)",
    2: "assert lift_at's value where the highest probabilities are the churners: the "
       "original takes the lowest ones",
    3: "call best_threshold with a cost_offer other than 50 where that changes the answer",
    4: "call holdout_split twice with the same seed and assert the same test rows",
    5: "assert the PSI is finite when actual leaves a bin empty, and pass epsilon=",
}


def batch(week) -> dict[str, runs.Suite]:
    """Every copy 7.2 needs, run at once (once per grading run)."""
    claims = U.claims(week, where="tests/")
    return week.once("7.2 runs", lambda: _batch(week, claims))


def _batch(week, claims: U.Claims) -> dict[str, runs.Suite]:
    learner = week.sandbox.root / runs.UPSTREAM
    jobs = [runs.Job("reference", runs.ORIGINAL)]
    for n in sorted(claims.issues):  # only the files that hold their gh<n> tests
        files = tuple(sorted({t.file for t in _gh_tests(claims, n) if t.file}))
        if files:
            jobs.append(runs.Job(f"original_{n}", learner, files=files,
                                 replace={U.module_file(n): runs.ORIGINAL / U.module_file(n)}))
    for i, group in enumerate(M.GROUPS):
        files = M.test_files(group)
        jobs += [runs.Job(f"mutants_{i}", learner, append=M.appended(group), files=files),
                 runs.Job(f"reference_mutants_{i}", runs.ORIGINAL, append=M.appended(group),
                          files=files)]
    suites = runs.run(week, jobs, U.batch_timeout(week))
    reference = suites["reference"]
    if reference.caught() or not reference.passed:
        raise RuntimeError("the original tests do not pass on the original code in "
                           f"grader/week07/original (exit {reference.returncode}): is it "
                           f"stale? (instructors: run `make starters`)\n{reference.tail()}")
    return suites


def _gh_tests(claims: U.Claims, issue: int) -> list[runs.Case]:
    return claims.gh_tests.get(issue, [])


#: How a test that did not simply pass ended, as a message says it.
ENDED = {"xfailed": "xfailed (marked xfail)", "xpassed": "xpassed (marked xfail)"}


def ended(case: runs.Case) -> str:
    return ENDED.get(case.outcome, case.outcome)


def _unchanged(week, module: str) -> bool:
    """Is the learner's churnkit/<module>.py the original, line for line?"""
    mine = week.read_file(f"{runs.UPSTREAM}/churnkit/{module}.py")
    original = (runs.ORIGINAL / "churnkit" / f"{module}.py").read_bytes()

    def lines(content: bytes) -> list[str]:
        return [line.rstrip() for line in content.decode("utf-8", "replace").splitlines()]

    return mine is not None and lines(mine) == lines(original)


@milestone("7.2")
def test_each_claimed_issue_has_a_regression_test(week):
    claims = U.claims(week, where="tests/")
    tracked = U.issues_md()
    for n, tests in sorted(claims.gh_tests.items()):
        current.where = U.shown(week, tests[0].file)
        current.checking = f"the tests pytest ran whose name holds gh{n}"
        why = tracked[n].why_not() if n in tracked else f"#{n} is not in upstream/ISSUES.md"
        expect(n in claims.issues, f"{why}: a test named gh{n} guards an issue nobody will "
               "merge a fix for; name it after the accepted issue it guards",
               expected="gh" + ", gh".join(str(i) for i in sorted(C.MODULES)),
               got=", ".join(t.nodeid for t in tests[:2]))
    for n in sorted(claims.issues):
        tests, home = _gh_tests(claims, n), U.regression_file(n)
        current.where = U.shown(week, home)
        current.checking = f"the tests pytest ran whose name holds gh{n}"
        if not tests:
            named = n in claims.unreleased.issues()
            raise CheckFailed(f"#{n} is claimed ({claims.named_by(n)}) but no test is named "
                              f"gh{n}: add one to {home} that fails on the original code "
                              "(CONTRIBUTING.md)" + (f", or remove (#{n}) from the changelog "
                                                     "if you are not fixing it" if named else ""),
                              expected=f"a test such as test_{C.FUNCTIONS[n]}_..._gh{n} in "
                                       f"{home}", got=f"no test named gh{n}")
        expect(any(t.file == home for t in tests), f"#{n}'s regression test belongs in {home}, "
               f"the test file of churnkit/{C.MODULES[n]}.py (CONTRIBUTING.md)",
               expected=f"{home}::test_..._gh{n}", got=", ".join(t.nodeid for t in tests[:2]))


@milestone("7.2")
def test_regression_tests_pass_on_your_fix(week):
    claims = U.claims(week, where="tests/")
    current.where = U.shown(week, "tests/")
    current.checking = "python -m pytest (from upstream/): the tests named gh<N>"
    failing = [t for n in sorted(claims.issues) for t in _gh_tests(claims, n)
               if t.outcome != "passed"]
    if failing:
        current.where = U.shown(week, U.case_place(failing[0]))
    expect(not failing, "each regression test passes on your fix (a skipped one, or one marked "
           "xfail, proves nothing)", expected="every gh<N> test passes", got="\n".join(
               f"{t.nodeid}: {ended(t)}" + (f"\n  {t.where()}" if t.outcome in
                                            ("failed", "error") else "")
               for t in failing[:SHOWN]))


@pytest.mark.parametrize("issue", sorted(C.MODULES))
@milestone("7.2")
def test_a_regression_test_fails_on_the_original_code(week, issue):
    claims = U.claims(week, where="tests/")
    tests = [t for t in _gh_tests(claims, issue) if t.outcome == "passed"]
    if issue not in claims.issues or not tests:
        return  # nothing claimed, or the checks above already say what is missing
    suite = batch(week).get(f"original_{issue}")
    if suite is None:  # no file to run: their gh<issue> tests were not reported with one
        return
    current.where = U.shown(week, U.regression_file(issue))
    current.checking = (f"python -m pytest on a copy of your upstream/ whose "
                        f"{U.module_file(issue)} is the original (#{issue} not fixed)")
    seen = suite.by_id()
    caught = [t for t in tests if t.nodeid not in seen or seen[t.nodeid].outcome in
              ("failed", "error")]
    if caught or suite.timeout:
        return
    names = ", ".join(t.name for t in tests[:2]) + (f" (+{len(tests) - 2})" if len(tests) > 2
                                                      else "")
    if _unchanged(week, C.MODULES[issue]):  # the tests pass because the fix is elsewhere
        raise CheckFailed(f"your fix for #{issue} is not in {U.module_file(issue)}: the tracker "
                          f"says the bug is there. Fix {C.FUNCTIONS[issue]} in its module, so "
                          f"that putting the original {U.module_file(issue)} back brings the "
                          "bug back", expected=f"{U.module_file(issue)} changed by your fix",
                          got=f"{U.module_file(issue)} as it was; {len(tests)} gh{issue} tests "
                              f"pass with it: {names}")
    raise CheckFailed(f"your gh{issue} tests pass on the original code too, so they would not "
                      f"have caught #{issue}: {ADVICE[issue]}",
                      expected=f"at least one gh{issue} test fails on the original "
                               f"{U.module_file(issue)}",
                      got=f"{len(tests)} passed there: {names}")


def _kept(case: runs.Case, ids: dict[str, runs.Case], families: dict[str, list[runs.Case]],
          originals: dict[str, list[runs.Case]]) -> tuple[list[runs.Case], bool]:
    """The learner's versions of an original test, and whether they are all there.

    The same node id, or else (a test they parametrized, or whose cases they renamed) the
    cases of the same test function: at least one, and for a test that was parametrized
    already, at least as many cases as the original.
    """
    if case.nodeid in ids:
        return [ids[case.nodeid]], True
    variants = families.get(case.family, [])
    enough = len(variants) >= (len(originals[case.family]) if case.family != case.nodeid else 1)
    return variants, bool(variants) and enough


@milestone("7.2")
def test_every_original_test_is_kept_and_passes(week):
    U.claims(week, where="tests/")
    reference = batch(week)["reference"]
    own = U.own_run(week)
    ids, families, originals = own.by_id(), own.by_family(), reference.by_family()
    current.where = U.shown(week, "tests/")
    current.checking = "the original suite's tests in your pytest run (by name)"
    expect(own.xml and not own.timeout, "your suite did not finish, so its tests cannot be "
           "compared with the original ones: make `python -m pytest` in upstream/ finish "
           "first (see 7.1)", expected="a finished pytest run",
           got="stopped at the time limit" if own.timeout else f"exit {own.returncode}, no "
           "report")
    lost: dict[str, str] = {}  # line -> the file it is about
    for case in reference.tests:
        mine, there = _kept(case, ids, families, originals)
        if not there:
            lost[f"{case.nodeid}: not in your run (deleted or renamed?)"] = case.file
        for variant in mine:
            if variant.outcome != "passed":
                lost[f"{variant.nodeid}: {ended(variant)}"] = case.file
    if not lost:
        return
    lines = list(lost)
    more = len(lines) - SHOWN
    xfail = any(line.endswith("(marked xfail)") for line in lines)
    first_file = next(iter(lost.values()))
    current.where = U.shown(week, first_file or "tests/")
    diff = f"`git diff {U.shown(week, first_file)}` shows what changed"
    raise CheckFailed(
        "an original test is marked xfail: keep the original test as it was (CONTRIBUTING.md: "
        f"never delete, rename, skip, mark xfail or loosen a test); {diff}" if xfail else
        "keep every existing test, with its name, and keep it passing: CONTRIBUTING.md says "
        f"never delete, rename, skip, mark xfail or loosen one; restore it as it was ({diff})",
        expected=f"all {len(reference.tests)} original tests, passing",
        got="\n".join(lines[:SHOWN] + ([f"... and {more} more"] if more > 0 else [])))


@pytest.mark.parametrize("mutant", M.MUTANTS, ids=[m.name for m in M.MUTANTS])
@milestone("7.2")
def test_no_existing_test_was_weakened(week, mutant):
    U.claims(week, where="tests/")
    suites = batch(week)
    group = M.group_of(mutant)
    catchers = [c for c in suites[f"reference_mutants_{group}"].failed if mutant.tests_it(c.name)]
    if not catchers:
        raise RuntimeError(f"no original test of {mutant.function} catches the mutant "
                           f"{mutant.name} (instructors: run `python -m tools.check_mutants`)")
    mine = suites[f"mutants_{group}"]
    ids, families = mine.by_id(), mine.by_family()
    weakened: dict[str, runs.Case] = {}
    for case in catchers:  # each family of catchers must still catch it, as the original does
        versions = [ids[case.nodeid]] if case.nodeid in ids else families.get(case.family, [])
        if versions and not any(v.outcome in ("failed", "error") for v in versions):
            weakened.update((v.nodeid, v) for v in versions)
    found = list(weakened.values())
    current.where = U.shown(week, found[0].file if found else "tests/")
    current.checking = f"python -m pytest on a copy of your upstream/ where {mutant.says}"
    expect(not found, f"{'these tests' if len(found) > 1 else 'this test'} still "
           f"{'pass' if len(found) > 1 else 'passes'} when {mutant.says}; the original "
           "version fails there, so it was weakened: restore what it asserted (CONTRIBUTING.md:"
           " never loosen, skip or xfail a test)",
           expected="the test fails on the broken function, as the original does",
           got="\n".join(f"{c.nodeid}: {ended(c)}" for c in found[:SHOWN]))
