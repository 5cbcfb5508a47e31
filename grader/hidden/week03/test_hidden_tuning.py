"""Hidden checks for milestone 3.3: change only the test rows, and the choice must not move.

tune_and_test is called again with the same training rows and (a) the test labels flipped,
(b) held-out customers as the test rows. A search that saw the test rows (fit on train + test)
or a C picked by its test score gives another best_params or cv_score; an honest one gives
the same, and only its test scores change. (b) also checks the test scores on customers
nobody has seen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from grader.engine.checks import expect, expect_equal, milestone
from grader.week03 import ref_pipeline, ref_tuning
from grader.week03.test_tuning import TUNE, expect_contract, reported, split, tuned

PEEKS = "lets the test rows choose the model"
UNSEEN = "fails on unseen customers"


def expect_same_choice(week, got, where: str) -> None:
    """best_params and cv_score equal the public call's: only the test rows changed."""
    baseline = reported(week)
    expect(got["best_params"] == baseline["best_params"],
           f"best_params changed when only the test rows changed ({where}): the test rows "
           "helped choose C", expected=repr(baseline["best_params"]),
           got=repr(got["best_params"]))
    expect_equal(float(got["cv_score"]), float(baseline["cv_score"]), what="cv_score",
                 rtol=1e-9, explain=f"{baseline['cv_score']:.4f}, as with the original test "
                 f"rows: cv_score changed when only the test rows changed ({where})")


@milestone("3.3", category=PEEKS)
def test_flipped_test_labels_leave_the_choice_unchanged(week):
    X_train, X_test, y_train, y_test = split(week)
    flipped = week.label(~y_test, "~y_test")
    got = week.call("tuning.tune_and_test", X_train, y_train, X_test, flipped, seed=0)
    expect_contract(got)
    expect_same_choice(week, got, "the test labels flipped")


@milestone("3.3", category=UNSEEN)
def test_held_out_customers_as_test_rows(week):
    X_train, _, y_train, _ = split(week)
    holdout = week.data("telco_churn_holdout_clean")
    X_new, y_new = ref_pipeline.features_and_target(holdout)
    week.label(X_new, "X_holdout")
    week.label(y_new, "y_holdout")
    got = week.call("tuning.tune_and_test", X_train, y_train, X_new, y_new, seed=0)
    expect_contract(got)
    expect_same_choice(week, got, "held-out customers as the test rows")
    search, _, _ = tuned(week)
    proba = np.asarray(search.best_estimator_.predict_proba(X_new), dtype=float)[:, 1]
    for key, value in ref_tuning.scores_of(pd.Series(y_new), proba).items():
        expect_equal(float(got[key]), value, what=f"{key} on held-out customers", rtol=1e-6,
                     explain=f"{value:.4f}: {TUNE}.best_estimator_ scored on those customers")
