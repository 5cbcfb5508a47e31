"""What 7.1 and 7.2 share: the learner's churnkit repository, its test run, and their claims.

    own_run(week)    # their suite on their upstream/, once per grading run (a ref_runs.Suite)
    claims(week)     # which issues they claim, from CHANGELOG.md's Unreleased and gh<N> tests

A suite pytest cannot collect is the first problem of 7.1 and 7.2: no test ran, so nothing
else can be judged. A learner who claims no issue has not started 7.1 and 7.2: every check of
both says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.engine.outcomes import CheckFailed, LearnerFault, current
from grader.engine.protocol import Reason
from grader.week07 import ref_changelog as C
from grader.week07 import ref_runs as runs

CHANGELOG = f"{runs.UPSTREAM}/CHANGELOG.md"
#: A learner fixes at least this many issues.
MIN_ISSUES = 2


def shown(week: Any, rel: str = "") -> str:
    """``weeks/week07/upstream/<rel>``, as the learner finds it."""
    return f"{week.shown_as}/{runs.UPSTREAM}" + (f"/{rel}" if rel else "")


def case_place(case: runs.Case) -> str:
    """``tests/test_lift.py::test_ties_gh2``: a test, as a place the learner can open.

    A message about failing tests names the first one in its header, not the tests/ folder:
    a folder does not say which file to open.
    """
    file = case.file or case.nodeid.split("::", 1)[0]
    return f"{file}::{case.test_path}" if "::" in case.nodeid else file


def regression_file(issue: int) -> str:
    """The test file an issue's regression tests belong in: tests/test_<module>.py."""
    return f"tests/test_{C.MODULES[issue]}.py"


def module_file(issue: int) -> str:
    return f"churnkit/{C.MODULES[issue]}.py"


def batch_timeout(week: Any) -> float:
    """How long one batch of pytest runs may take (each run takes a second or two)."""
    return max(45.0, 1.5 * week.time_limit_s)


def own_run(week: Any) -> runs.Suite:
    """``python -m pytest`` in (a copy of) the learner's upstream/, once per grading run."""
    return week.once("7 own suite", lambda: _own_run(week))


def _own_run(week: Any) -> runs.Suite:
    source = week.sandbox.root / runs.UPSTREAM
    current.where, current.checking = shown(week), "python -m pytest (in upstream/)"
    if not (source / "tests").is_dir():
        return runs.Suite(output=f"{shown(week, 'tests')}/ does not exist")
    return runs.run(week, [runs.Job("own", source)], batch_timeout(week))["own"]


def issues_md() -> dict[int, C.Issue]:
    """The tracker as the project wrote it (the grader's original copy, not the learner's)."""
    return C.issues((runs.ORIGINAL / "ISSUES.md").read_text(encoding="utf-8"))


def changelog_text(week: Any) -> str | None:
    content = week.read_file(CHANGELOG)
    return None if content is None else content.decode("utf-8", errors="replace")


@dataclass
class Claims:
    """Which issues the learner says they fixed, and where they said so."""

    unreleased: C.Unreleased
    changelog_exists: bool
    gh_tests: dict[int, list[runs.Case]]  # issue -> tests named gh<issue> (any file)
    issues: set[int]  # claimed issues of the tracker, by the changelog or by a test

    def named_by(self, issue: int) -> str:
        where = []
        if issue in self.unreleased.issues():
            where.append("CHANGELOG.md")
        if issue in self.gh_tests:
            where.append(f"test {self.gh_tests[issue][0].name}")
        return " and ".join(where)


def accepted() -> str:
    """The tracker's issues open for a pull request, as ``#1–#5`` (or ``#1, #3``)."""
    ready = sorted(n for n, issue in issues_md().items() if issue.ready)
    if len(ready) > 2 and ready == list(range(ready[0], ready[-1] + 1)):
        return f"#{ready[0]}–#{ready[-1]}"
    return ", ".join(f"#{n}" for n in ready)


def start() -> str:
    """How to start 7.1 and 7.2, when no issue is claimed yet."""
    return (f"pick two of the accepted issues ({accepted()}) in upstream/ISSUES.md; for each, "
            "fix it, add a test named gh<N> to tests/test_<module>.py and a bullet naming (#N) "
            "under ## [Unreleased] in CHANGELOG.md")


def claims(week: Any, where: str = "CHANGELOG.md") -> Claims:
    """The learner's claims (once per run), or "not started" when they claim none.

    A collection error in their suite comes first: until pytest can import every test file,
    no test runs and no claim can be checked. `where` is the file a "not started" message
    points at (7.2 points at tests/).
    """
    _expect_collected(week)
    found = week.once("7 claims", lambda: _claims(week))
    if not found.issues:
        raise LearnerFault(Reason.NOT_STARTED, "NotStarted", start(), where=shown(week, where),
                           checking="the issues named under ## [Unreleased] in CHANGELOG.md, "
                                    "and tests named gh<N>")
    return found


def _expect_collected(week: Any) -> None:
    """Fail (the first problem of 7.1 and 7.2) when pytest could not import a test file."""
    suite = own_run(week)
    errors = suite.collection_errors
    if not errors:
        return
    error = errors[0]
    module = runs.module_path(error.name)
    said = error.where() or (error.text.strip().splitlines() or [""])[-1][:100]
    brief = said.splitlines()[-1].strip().split(" (upstream/")[0]
    brief = brief if len(brief) <= 70 else brief[:67] + "..."
    others = [runs.module_path(e.name) for e in errors[1:]]
    raise CheckFailed(
        f"pytest stopped at a collection error in {module} ({brief}), so "
        f"{'no test ran' if not suite.tests else 'its tests did not run'}: fix that first, "
        "then run `python -m pytest` in upstream/",
        expected="test files pytest can import", got=said,
        where=shown(week, module), checking="python -m pytest (from upstream/)",
        lines=[f"Note      {len(others)} more test file{'s' if len(others) > 1 else ''} could "
               f"not be collected: {', '.join(others[:3])}" + (", ..." if len(others) > 3
                                                              else "")] if others else [])


def _claims(week: Any) -> Claims:
    text = changelog_text(week)
    unreleased = C.unreleased(text or "")
    gh: dict[int, list[runs.Case]] = {}
    for case in own_run(week).tests:
        for issue in C.gh_issues(case.test_path):
            gh.setdefault(issue, []).append(case)
    claimed = (unreleased.issues() | set(gh)) & set(C.MODULES)
    return Claims(unreleased, text is not None, gh, claimed)
