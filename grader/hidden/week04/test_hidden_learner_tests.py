"""Hidden 4.6: the learner's tests still pass when the service serves a model they never saw.

A test that compares with the loaded pipeline (``client.app.state.model``) keeps passing; one
that types in a probability, a version or a decision from a local run does not. The model is
the judge's pipeline fitted on a seeded 70 % of the customers, with a seeded threshold.
"""

from __future__ import annotations

from grader.engine.checks import CheckFailed, milestone
from grader.week04 import ref_serve as R
from grader.week04.test_learner_tests import listed, own_run, run_tests

UNSEEN = "fails with a model you have not seen"


@milestone("4.6", category=UNSEEN)
def test_your_tests_pass_with_another_model(week, seed):
    own_run(week)  # the starter is "not started" here too
    suite = run_tests(week, R.unseen_model_dir(week, seed), "learner_tests_unseen.xml",
                      "with a model you have not seen")
    if not suite.xml or suite.collection_errors or suite.failed or not suite.passed:
        raise CheckFailed("your tests should pass with any good model in CHURN_MODEL_DIR: "
                          "compare with client.app.state.model, never with numbers typed in "
                          "from a run", expected="every test passes",
                          got=f"{len(suite.failed)} of {len(suite.cases)} failed:\n"
                              f"{listed(suite.failed)}" if suite.failed else
                              f"exit {suite.returncode}: {suite.tail()[-200:]}")
