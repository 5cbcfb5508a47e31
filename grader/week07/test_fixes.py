"""Milestone 7.1: fix two or more of churnkit's issues the way its CONTRIBUTING.md asks.

An issue is claimed when CHANGELOG.md's ``## [Unreleased]`` names it as ``(#N)`` or a test is
named ``gh<N>`` (`ref_upstream.claims`); claiming none is "not started". For the claimed
issues: the project's own gates pass (``python -m pytest`` and ``python -m ruff check .``
from upstream/, run in the sandbox), the changelog has one entry per change, each naming a
tracked issue under a Keep a Changelog heading, and each fixed function answers like the
judge's reference (`ref_fixes`) on the inputs of its issue.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from grader.engine.checks import CheckFailed, expect, milestone
from grader.engine.outcomes import current
from grader.week07 import ref_behaviour as B
from grader.week07 import ref_changelog as C
from grader.week07 import ref_runs as runs
from grader.week07 import ref_upstream as U

#: How many failing tests or ruff findings a message lists.
SHOWN = 3
#: A finding of ``ruff check --output-format=concise``: its file first.
_FINDING = re.compile(r"^(?P<file>[^:\s][^:]*\.pyi?):\d+:\d+: ")


def _listed(cases: list[runs.Case]) -> str:
    shown = [f"{case.nodeid}: {case.where()}" for case in cases[:SHOWN]]
    more = len(cases) - SHOWN
    return "\n".join(shown + ([f"... and {more} more"] if more > 0 else []))


def _suspect(case: runs.Case) -> list[str]:
    """Which file to open first: the fix, when the test is the project's own; else the test.

    A test of grader/week07/original/ passed before the learner changed anything, so when it
    fails their change to the module it tests broke it (a test of tests/test_lift.py tests
    churnkit/lift.py). A test of their own may be wrong itself, or catch a wrong fix.
    """
    file = case.file or case.nodeid.split("::", 1)[0]
    name = re.sub(r"\[.*$", "", case.test_path.rsplit("::", 1)[-1])
    tested = re.fullmatch(r"tests/test_(\w+)\.py", file)
    module = f"churnkit/{tested[1]}.py" if tested and (runs.ORIGINAL / "churnkit" / (
        tested[1] + ".py")).is_file() else ""
    original = runs.ORIGINAL / file
    if original.is_file() and re.search(rf"^\s*def {re.escape(name)}\(",
                                        original.read_text(encoding="utf-8"), re.MULTILINE):
        where = f" in upstream/{module}" if module else ""
        return [f"Look at   your change{where}: {name} is one of the project's own tests, "
                "it passed before"]
    if module:
        return [f"Look at   {name} is your test: is its expected value right (work it out "
                f"by hand)? If so, your fix in upstream/{module} is not"]
    return []


@milestone("7.1")
def test_at_least_two_issues_are_claimed(week):
    claims = U.claims(week)
    current.where = U.shown(week, "CHANGELOG.md")
    current.checking = "the issues named under ## [Unreleased] and by gh<N> tests"
    expect(len(claims.issues) >= U.MIN_ISSUES, f"fix at least {U.MIN_ISSUES} of the accepted "
           f"issues ({U.accepted()}) in upstream/ISSUES.md, each with its test and changelog "
           "entry",
           expected=f"{U.MIN_ISSUES} or more issues", got="; ".join(
               f"#{n} (named by {claims.named_by(n)})" for n in sorted(claims.issues)))


@milestone("7.1")
def test_the_test_suite_passes(week):
    U.claims(week)
    suite = U.own_run(week)
    current.where = U.shown(week, "tests/")
    current.checking = "python -m pytest (from upstream/)"
    if suite.timeout:
        raise CheckFailed(f"pytest did not finish within {suite.limit_s:g} s: does a test, or "
                          "your fix, never return? `python -m pytest -x -v` in upstream/ shows "
                          "which test hangs", expected="the suite finishes in a few seconds",
                          got=f"still running; output ends:\n{suite.tail(2)}")
    if not suite.xml:
        raise CheckFailed("pytest could not run churnkit's tests", expected="pytest runs and "
                          "reports each test", got=f"exit {suite.returncode}; output ends:\n"
                          f"{suite.tail()}")
    failed = suite.failed
    if failed:
        current.where = U.shown(week, U.case_place(failed[0]))
        raise CheckFailed("the project's whole suite must pass before a pull request "
                          "(CONTRIBUTING.md): run `python -m pytest` in upstream/",
                          expected="every test passes", got=f"{len(failed)} of "
                          f"{len(suite.tests)} failed:\n{_listed(failed)}",
                          lines=_suspect(failed[0]))


@milestone("7.1")
def test_ruff_is_clean(week):
    U.claims(week)
    done = week.run_module("ruff", "check", ".", "--no-cache", "--output-format=concise",
                           cwd=week.sandbox.root / runs.UPSTREAM)
    current.where = U.shown(week)
    current.checking = "python -m ruff check . (from upstream/)"
    findings = [line for line in done["stdout"].splitlines() if line.strip() and
                not line.startswith(("Found ", "[*]", "No fixes", "All checks"))]
    if done["returncode"] == 0:
        return
    # Name the file of the first finding (`churnkit/lift.py:3:8: F401 ...`), not upstream/.
    flagged = next((m[1] for m in map(_FINDING.match, findings) if m), "")
    if flagged:
        current.where = U.shown(week, flagged)
    more = len(findings) - SHOWN
    raise CheckFailed("ruff must be clean before a pull request (CONTRIBUTING.md): run "
                      "`python -m ruff check .` in upstream/; `--fix` repairs the findings "
                      "marked [*]", expected="All checks passed!",
                      got="\n".join(findings[:SHOWN] + ([f"... and {more} more"] if more > 0
                                                        else []))
                      or done["stderr"].strip()[-300:])


def _elsewhere(week, claims: U.Claims) -> C.Section | None:
    """The first release section other than Unreleased whose bullets name an issue: where a
    learner who opened a release of their own (``## [0.5.0]``) put their entries."""
    found = [section for section in C.sections(U.changelog_text(week) or "")
             if section.title != claims.unreleased.title and section.issues()]
    return found[0] if found else None


def _changelog(week):
    claims = U.claims(week)
    current.where = U.shown(week, "CHANGELOG.md")
    current.checking = "the bullets under ## [Unreleased]"
    expect(claims.changelog_exists, "upstream/CHANGELOG.md is missing: restore it, then add "
           "your entries under ## [Unreleased]", expected="CHANGELOG.md", got="no such file")
    if not claims.unreleased.found:
        other = _elsewhere(week, claims)
        raise CheckFailed("keep the ## [Unreleased] heading at the top of CHANGELOG.md: your "
                          "entries go under it, in ### Fixed or ### Added (the maintainers "
                          "name the release when they make it)", expected="## [Unreleased]",
                          got="no such heading" + (f" ({len(other.entries)} bullets under "
                                                   f"{other.heading})" if other else ""))
    return claims


def _issue_of(entry: C.Entry) -> int | None:
    """The issue a bullet that names none is about, by the function it names."""
    return next((n for n, function in C.FUNCTIONS.items() if function in entry.text), None)


def _as_cited(entry: C.Entry, n: int | str) -> str:
    """The bullet as CONTRIBUTING.md writes it: its words, then (#N)."""
    text = re.sub(rf"\(?(?:\b(?:fix|close|resolve)[a-z]*:?\s+)?#{n}\b\)?", "", entry.short(60),
                  flags=re.IGNORECASE)
    return f"- {text.strip().rstrip(' .,;:')} (#{n})."


@milestone("7.1")
def test_every_unreleased_entry_names_a_tracked_issue(week):
    claims = _changelog(week)
    tracked = U.issues_md()
    ready = ", ".join(f"#{n}" for n in sorted(tracked) if tracked[n].ready)
    for entry in claims.unreleased.entries:
        where = f"line {entry.line}: - {entry.short()}"
        guess = _issue_of(entry)
        expect(bool(entry.issues), "each changelog entry names the issue it closes, as (#N) at "
               "its end (CONTRIBUTING.md)", expected=_as_cited(entry, guess or "N"), got=where)
        unknown = [n for n in entry.issues if n not in tracked]
        expect(not unknown, f"#{unknown[0] if unknown else ''} is not an issue of "
               "upstream/ISSUES.md: name the issue you fixed", expected=f"one of {ready}",
               got=where)
        closed = [tracked[n] for n in entry.issues if not tracked[n].ready]
        expect(not closed, f"{closed[0].why_not() if closed else ''}: a pull request for it "
               "would be closed (CONTRIBUTING.md, Pick an issue); name the accepted issue "
               "your change fixes", expected=f"one of {ready}", got=where)
        named = ", ".join(f"#{n}" for n in entry.issues)
        expect(len(entry.issues) == 1, f"this bullet names {named}: CONTRIBUTING.md asks for "
               "one bullet per fix, each naming its issue as (#N); split it",
               expected="\n".join(f"- ... (#{n})." for n in entry.issues), got=where)
        n = entry.issues[0]
        expect(n in entry.cited, f"name the issue as (#{n}), in parentheses at the end of the "
               "bullet (CONTRIBUTING.md): that is how the project finds the entry of an issue",
               expected=_as_cited(entry, n), got=where)
        expect(entry.category in C.CATEGORIES, "put each entry under a Keep a Changelog "
               "heading: ### Fixed for a bug, ### Added for a new feature",
               expected="### Fixed or ### Added above it",
               got=f"{where} (under {'### ' + entry.category if entry.category else 'no ###'})")
        bug = tracked[n].kind == "bug"
        want = ("Fixed",) if bug else ("Added", "Changed")
        expect(entry.category in want, f"#{n} is {'a bug' if bug else 'an enhancement'}: "
               f"its entry goes under ### {want[0]}",
               expected=f"### {want[0]}", got=f"{where} (under ### {entry.category})")


@milestone("7.1")
def test_every_claimed_issue_has_a_changelog_entry(week):
    claims = _changelog(week)
    listed = claims.unreleased.issues()
    tracked = U.issues_md()
    for n in sorted(claims.issues - listed):
        heading = "### Fixed" if tracked[n].kind == "bug" else "### Added"
        other = _elsewhere(week, claims) if not claims.unreleased.entries else None
        if other:
            got = (f"no bullets under ## [Unreleased] ({len(other.entries)} found under "
                   f"{other.heading})")
        else:
            got = "entries for " + (", ".join(f"#{i}" for i in sorted(listed)) or "no issue")
        raise CheckFailed(f"your tests name gh{n}, so you fixed #{n}: say so in CHANGELOG.md, "
                          f"one bullet under ## [Unreleased] > {heading} (#{n} is "
                          f"{'a bug' if heading.endswith('Fixed') else 'an enhancement'})",
                          expected=f"{heading}\n\n- ... (#{n}).", got=got,
                          lines=[f"Note      a release heading such as {other.heading} is the "
                                 "maintainers' to add when they release: move your bullets "
                                 "under ## [Unreleased]"] if other else [])


# --- the public inputs of each issue: what its report in ISSUES.md shows, and the edges -----


def _telco(week):
    return week.data("telco_churn_raw")


def _gaps():
    frame = pd.DataFrame({
        "customerID": ["0001-A", "0002-B", "0003-C", "0004-D", "0005-E", "0006-F"],
        "tenure": [1.0, np.nan, 34.0, 2.0, np.nan, 8.0],
        "TotalCharges": ["29.85", " ", "1889.5", "", "  ", "108.15"],
        "Notes": ["called", "\t", None, "N/A", "", " \n "],
        "PhoneService": ["No phone service", "Yes", "?", "unknown", "No", "Yes"],
        "Contract": pd.array(["One year", pd.NA, "  ", "Two year", "One year", pd.NA],
                             dtype="string"),
        "signup": pd.to_datetime(["2024-01-05", None, "2024-03-01", None, "2024-02-11",
                                  "2024-06-30"]),
    })
    return frame


LIFT_CASES = [  # (y, proba, fraction, shown)
    ([1, 0, 0, 1, 0, 0, 0, 0, 1, 0], [0.9, 0.1, 0.2, 0.8, 0.3, 0.1, 0.2, 0.1, 0.4, 0.3], 0.2,
     "10 customers, fraction=0.2"),
    ([0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1], [0.7, 0.7, 0.7, 0.2, 0.5, 0.1, 0.7, 0.3, 0.2, 0.1,
                                             0.4, 0.5], 0.25,
     "12 customers, four tied at 0.7, fraction=0.25"),
    ([int(i % 5 == 0) for i in range(37)], [round((i * 7 % 37) / 37, 3) for i in range(37)],
     0.1, "37 customers, fraction=0.1 (3.7 -> 4 called)"),
    ([0, 1, 0, 1, 1, 0], [0.2, 0.9, 0.4, 0.6, 0.1, 0.3], 1.0, "6 customers, fraction=1.0"),
]
THRESHOLD_CASES = [  # (y, proba, cost_missed, cost_offer, shown)
    ([0, 1, 1], [0.9, 0.5, 0.4], 500.0, 600.0, "3 customers, cost_offer=600"),
    ([1, 0, 0, 1, 0, 1, 0, 0, 1, 0], [0.95, 0.8, 0.7, 0.65, 0.5, 0.45, 0.3, 0.2, 0.15, 0.05],
     300.0, 120.0, "10 customers, cost_missed=300, cost_offer=120"),
    ([1, 0, 0, 1, 0, 1, 0, 0, 1, 0], [0.95, 0.8, 0.7, 0.65, 0.5, 0.45, 0.3, 0.2, 0.15, 0.05],
     500.0, 10.0, "10 customers, cost_offer=10"),
]


def _customers(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"tenure": rng.integers(0, 72, n), "churn": (rng.random(n) < 0.27)
                         .astype(int)}, index=pd.Index(np.arange(1000, 1000 + n) * 3,
                                                       name="customer"))


def _psi_cases():
    reference = np.arange(100.0)
    rng = np.random.default_rng(75)
    monthly = np.round(rng.uniform(18, 119, 400), 2)
    return [
        (reference.tolist(), (reference + 50).tolist(), 10, None,
         "arange(100) against arange(100) + 50 (empty bins)"),
        (reference.tolist(), (reference + 50).tolist(), 10, 1e-3,
         "arange(100) against arange(100) + 50, epsilon=1e-3"),
        (monthly.tolist(), (monthly[:200] * 1.1).tolist(), 5, None,
         "400 monthly charges against 200 raised by 10%, bins=5"),
        (monthly.tolist(), np.clip(monthly, 40, 80).tolist(), 10, 0.01,
         "400 monthly charges against the same clipped to [40, 80], epsilon=0.01"),
        ([20.0] * 40 + [55.0] * 20 + [90.0] * 40, np.round(rng.uniform(15, 95, 300), 2).tolist(),
         5, None, "three tariffs (20, 55, 90: empty expected bins) against 300 spread charges"),
    ]


def check_issue(week, issue: int) -> None:
    """The public behaviour checks of one issue's fix."""
    if issue == 1:
        B.expect_missing(week, week.label(_telco(week), "telco_churn_raw"), "telco_churn_raw")
        B.expect_missing(week, _gaps(), "six customers with NaN, None, pd.NA, NaT, blanks, "
                         "\"N/A\"")
    elif issue == 2:
        for y, p, fraction, shown in LIFT_CASES:
            B.expect_lift(week, y, p, fraction, shown)
    elif issue == 3:
        for y, p, cost_missed, cost_offer, shown in THRESHOLD_CASES:
            B.expect_threshold(week, y, p, cost_missed, cost_offer, shown)
    elif issue == 4:
        B.expect_split(week, _customers(200, 4), 0.25, (3, 4), "200 customers, test_size=0.25")
    elif issue == 5:
        for expected, actual, bins, epsilon, shown in _psi_cases():
            B.expect_psi(week, expected, actual, bins, epsilon, shown)
        B.expect_epsilon_checked(week)


@pytest.mark.parametrize("issue", sorted(C.MODULES))
@milestone("7.1")
def test_a_claimed_fix_behaves(week, issue):
    if issue in U.claims(week).issues:
        check_issue(week, issue)
