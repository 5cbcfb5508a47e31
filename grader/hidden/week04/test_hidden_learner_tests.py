"""Hidden 4.6: the learner's tests still pass when the service serves a model they never saw.

A test that compares with the loaded pipeline (``client.app.state.model``) keeps passing; one
that types in a probability, a version or a decision from a local run does not. The model is
the judge's pipeline fitted on a seeded 70 % of the customers, with a seeded threshold.
"""

from __future__ import annotations

from grader.engine.checks import CheckFailed, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.week04 import ref_broken as B
from grader.week04 import ref_serve as R
from grader.week04.test_learner_tests import listed, own_run, where

UNSEEN = "fails with a model you have not seen"


@milestone("4.6", category=UNSEEN)
def test_your_tests_pass_with_another_model(week, seed):
    own_run(week)  # the starter is "not started" here too
    folder = R.unseen_model_dir(week, seed)
    xml = week.sandbox.io / "learner_tests_unseen.xml"
    B.ini_for(xml).write_text("[pytest]\n", encoding="utf-8")
    try:
        done = week.run_module(*B.pytest_args(xml)[1:], env={R.MODEL_DIR_VARIABLE: folder})
    except LearnerFault as fault:
        fault.where = where(week)
        raise
    suite = B.read_suite(xml, done["returncode"], done["stdout"] + done["stderr"], False, 0.0)
    current.where = where(week)
    current.checking = f"python -m pytest {B.TEST_FILE} (with a model you have not seen)"
    if not suite.xml or suite.collection_errors or suite.failed or not suite.passed:
        raise CheckFailed("your tests should pass with any good model in CHURN_MODEL_DIR: "
                          "compare with client.app.state.model, never with numbers typed in "
                          "from a run", expected="every test passes",
                          got=f"{len(suite.failed)} of {len(suite.cases)} failed:\n"
                              f"{listed(suite.failed)}" if suite.failed else
                              f"exit {suite.returncode}: {suite.tail()[-200:]}")
