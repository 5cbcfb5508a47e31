"""Milestone 4.6: the learner's own tests pass on their app and fail on broken copies of it.

A test suite is worth what it catches. The grader runs ``pytest test_app.py`` in the sandbox
copy of the week, with its own model in ``CHURN_MODEL_DIR`` (every test must pass), then in
four copies whose app breaks one thing a customer would notice (`ref_broken.KINDS`): each copy
must make at least one test fail. A control copy, wrapped the same way with nothing broken,
must pass: else the failures prove nothing. pytest writes JUnit XML; the judge reads only that.
The four copies and the control run at once (`ref_broken.run_broken`).
"""

from __future__ import annotations

from typing import Any

from grader.engine.checks import CheckFailed, expect, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week04 import ref_broken as B
from grader.week04 import ref_serve as R

#: Fewer tests than this cannot cover a health check, a prediction and a refusal.
MIN_TESTS = 3
#: How many failing tests a message lists (each takes two lines).
SHOWN = 3

#: What Starlette says when a test's client never ran the lifespan (no ``with``).
NO_LIFESPAN = "'State' object has no attribute"
#: For each broken copy: what the learner's tests should check to catch it.
ADVICE = {
    "dead_health": "add a test that asks GET /health and checks the status is 200 and "
                   "model_loaded is true",
    "predict_500": "add a test that sends a customer (EXAMPLE_CUSTOMER) to POST /predict and "
                   "checks the status is 200",
    "wrong_probability": "add a test that compares POST /predict's churn_probability with "
                         "the loaded pipeline's predict_proba for that customer (to 1e-9): "
                         "a check that it is between 0 and 1 cannot see a wrong number",
    "no_validation": "add a test that sends a bad field (tenure -1, Contract \"Weekly\") and "
                     "checks the 422 and the field named in errors",
}


def env(week: Any) -> dict[str, str]:
    """The judge's model, where the learner's ``create_app()`` looks for one."""
    return {R.MODEL_DIR_VARIABLE: R.model_dir(week)}


def where(week: Any) -> str:
    return f"{week.shown_as}/{B.TEST_FILE}"


def own_run(week: Any) -> B.Suite:
    """``pytest test_app.py`` on the learner's own app, once per grading run."""
    return week.once("4.6 own tests", lambda: _own_run(week))


def _own_run(week: Any) -> B.Suite:
    suite = run_tests(week, R.model_dir(week), "learner_tests.xml", "with the grader's model")
    _raise_if_not_started(week, suite)
    return suite


def run_tests(week: Any, folder: str, xml_name: str, model: str) -> B.Suite:
    """``pytest test_app.py`` in the sandbox with CHURN_MODEL_DIR = `folder`; its results."""
    xml = week.sandbox.io / xml_name
    B.ini_for(xml).write_text("[pytest]\n", encoding="utf-8")
    try:
        done = week.run_module(*B.pytest_args(xml)[1:], env={R.MODEL_DIR_VARIABLE: folder})
    except LearnerFault as fault:  # a time limit: the tests, not a module named pytest
        fault.where = where(week)
        raise
    suite = B.read_suite(xml, done["returncode"], done["stdout"] + done["stderr"], False, 0.0)
    current.where = where(week)
    current.checking = f"python -m pytest {B.TEST_FILE} ({model})"
    return suite


def _raise_if_not_started(week: Any, suite: B.Suite) -> None:
    """The starter: tests raising NotImplementedError, or an app.py that does at import."""
    marker = "NotImplementedError: Milestone"
    stuck = [c for c in suite.failed if marker in c.message or marker in c.text]
    if stuck and len(stuck) == len(suite.failed) and not suite.passed:
        text = next(line for line in (stuck[0].message + "\n" + stuck[0].text).splitlines()
                    if marker in line)
        raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError",
                           text[text.index(marker) + len("NotImplementedError: "):].strip(),
                           where=current.where, checking=current.checking)


def listed(cases: list[B.Case]) -> str:
    """The first failing tests, each with its line and what pytest said."""
    shown = [f"{case.name}: {case.where()}" for case in cases[:SHOWN]]
    more = len(cases) - SHOWN
    return "\n".join(shown + ([f"... and {more} more"] if more > 0 else []))


def passing_suite(week: Any) -> B.Suite:
    """The learner's run, failing the check unless it has enough tests and all pass."""
    suite = own_run(week)
    current.where = where(week)
    current.checking = f"python -m pytest {B.TEST_FILE} (with the grader's model)"
    if not suite.xml:
        raise CheckFailed("pytest could not run your tests", expected=f"pytest {B.TEST_FILE} "
                          "runs and reports each test", got=f"exit {suite.returncode}; output "
                          f"ends:\n{suite.tail()}")
    if suite.collection_errors:
        error = suite.collection_errors[0]
        raise CheckFailed(f"pytest could not import {B.TEST_FILE}: fix the error, then run "
                          f"`python -m pytest {B.TEST_FILE}`", expected="a module pytest can "
                          "collect", got=error.where() or error.text.strip()[-300:])
    return suite


@milestone("4.6")
def test_your_tests_pass_against_your_app(week):
    suite = passing_suite(week)
    if suite.failed:
        failed = CheckFailed("your tests should all pass against your own app (with the "
                             "grader's model in CHURN_MODEL_DIR)", expected="every test passes",
                             got=f"{len(suite.failed)} of {len(suite.cases)} failed:\n"
                                 f"{listed(suite.failed)}")
        if any(NO_LIFESPAN in case.text for case in suite.failed):
            failed.lines.append("Tip       no model on app.state: `with TestClient(create_app()) "
                                "as client:` runs the lifespan that loads it")
        raise failed
    expect(len(suite.passed) >= MIN_TESTS, f"write at least {MIN_TESTS} tests: one for GET "
           "/health, one for POST /predict, one for bad input",
           expected=f"{MIN_TESTS} or more passing tests",
           got=(f"{len(suite.passed)} passed ({', '.join(c.name for c in suite.passed)})"
                if suite.passed else "no test ran: pytest collects functions named test_*")
               + (f", {len(suite.cases) - len(suite.passed)} skipped"
                  if len(suite.cases) > len(suite.passed) else ""))


def broken_runs(week: Any) -> dict[str, B.Suite]:
    """The learner's tests against every broken copy (only once they pass on the real app)."""
    suite = passing_suite(week)
    expect(not suite.failed and len(suite.passed) >= MIN_TESTS,
           "first make your tests pass against your own app (see the check above)",
           expected=f"{MIN_TESTS} or more tests, all passing",
           got=f"{len(suite.passed)} passed, {len(suite.failed)} failed")
    return week.once("4.6 broken apps", lambda: B.run_broken(
        week, [B.CONTROL, *B.KINDS], env(week), timeout=2 * week.time_limit_s))


def expect_caught(week: Any, kind: str) -> None:
    runs = broken_runs(week)
    suite, control = runs[kind], runs[B.CONTROL]
    current.where = where(week)
    current.checking = f"python -m pytest {B.TEST_FILE} with app.py importing your app " \
                       "(_learner_app.py) and breaking nothing"
    expect(not control.caught(), "your tests fail when app.py wraps your app without changing "
           "it, so a failure against a broken copy proves nothing: do they read app.py's file "
           "or module name, or reload it?", expected="every test passes, as on your own app",
           got=f"{len(control.failed)} failed:\n{listed(control.failed)}" if control.failed
           else f"exit {control.returncode}" + (" (time limit)" if control.timeout else ""))
    current.checking = f"python -m pytest {B.TEST_FILE} on a broken copy of your app ({kind})"
    names = ", ".join(case.name for case in suite.passed[:4])
    more = f" (+{len(suite.passed) - 4})" if len(suite.passed) > 4 else ""
    expect(suite.caught(), f"your tests all passed against an app whose {B.KINDS[kind]}: "
           f"{ADVICE[kind]}", expected="at least one failing test",
           got=f"{len(suite.passed)} passed: {names}{more}")


@milestone("4.6")
def test_a_dead_health_fails_a_test(week):
    expect_caught(week, "dead_health")


@milestone("4.6")
def test_a_500_on_predict_fails_a_test(week):
    expect_caught(week, "predict_500")


@milestone("4.6")
def test_a_wrong_probability_fails_a_test(week):
    expect_caught(week, "wrong_probability")


@milestone("4.6")
def test_accepting_bad_input_fails_a_test(week):
    expect_caught(week, "no_validation")
