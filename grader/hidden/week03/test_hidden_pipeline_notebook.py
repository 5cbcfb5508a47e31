"""Hidden checks for 3.6: the notebook run on held-out customers gives their numbers.

The notebook reads its usual ``../../data/telco_churn_clean.parquet`` but gets the 1,409
held-out customers: scores typed in by hand, or computed elsewhere, do not follow.
"""

from __future__ import annotations

import pandas as pd

from grader.engine.checks import expect, milestone
from grader.week03.test_pipeline_notebook import (
    defines,
    expect_comparison,
    expect_score_is_its_own,
    public,
    run,
)

CATEGORY = "gives numbers that do not follow the data (typed in by hand?)"
HOLDOUT = {"telco_churn_clean": "telco_churn_holdout_clean"}


def holdout_run(week) -> dict:
    before = public(week)  # read the public run's numbers first: the hidden run replaces them
    run(week, data=HOLDOUT)
    return before


@milestone("3.6", category=CATEGORY)
def test_scores_follow_the_held_out_customers(week):
    before = holdout_run(week)
    for name in ("test_roc_auc", "test_pr_auc"):
        expect_score_is_its_own(week, name)
        got = week.eval(name)
        expect(before[name] is None or abs(got - before[name]) > 1e-12,
               f"{name} should change when the customers change",
               expected="a score computed from the data the notebook read",
               got=f"{got!r} on both the public and the held-out customers")
    if defines(week, "y_test"):
        y_test = week.eval("y_test")
        ids = set(week.data("telco_churn_holdout_clean").index)
        index = list(y_test.index) if isinstance(y_test, pd.Series) else []
        expect(not index or set(index) <= ids, "y_test should hold customers of the file read",
               expected="customer ids of ../../data/telco_churn_clean.parquet",
               got=f"ids such as {index[:3]} that the file does not hold")


@milestone("3.6", category=CATEGORY)
def test_comparison_follows_the_held_out_customers(week):
    before = holdout_run(week)
    got = expect_comparison(week)
    mean = float(got["roc_auc"].mean())
    expect(before["comparison_roc_auc"] is None
           or abs(mean - before["comparison_roc_auc"]) > 1e-12,
           "comparison should be computed from the customers the notebook read",
           expected="other scores for other customers",
           got=f"the same mean roc_auc ({mean:.4f}) as on the public customers")
