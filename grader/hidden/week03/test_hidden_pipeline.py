"""Hidden checks for milestone 3.1: fitted on every public customer, scored on the held-out ones.

The held-out customers were never in the learner's data. A sensible pipeline ranks them with a
ROC-AUC of about 0.84; far above that, something the model saw knew the answer.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week03 import ref_pipeline as ref


def fitted_on_all_public_rows(week):
    """build_pipeline() fitted on the 5,634 public customers (once per kernel)."""
    X, y = ref.features_and_target(week.data("telco_churn_clean"))

    def fit():
        pipe = week.call("pipeline.build_pipeline")
        return pipe.fit(week.label(X, "X (all public customers)"), week.label(y, "y"))

    return week.once("build_pipeline().fit(X, y)", fit)


def holdout(week):
    X, y = ref.features_and_target(week.data("telco_churn_holdout_clean"))
    return week.label(X, "X_holdout"), y


@milestone("3.1", category="fails on unseen customers")
def test_ranks_held_out_customers(week):
    from sklearn.metrics import roc_auc_score

    pipe = fitted_on_all_public_rows(week)
    X, y = holdout(week)
    scored = ref.score(week, pipe, X, "build_pipeline().fit(X, y).predict_proba(X_holdout)")
    auc = roc_auc_score(y, ref.expect_scored(scored, len(X), "held-out customers", ""))
    expect(auc >= ref.HOLDOUT_MIN_ROC_AUC, "the pipeline ranks held-out customers poorly: "
           "does it use every column, numbers included?",
           expected=f"ROC-AUC >= {ref.HOLDOUT_MIN_ROC_AUC}", got=f"ROC-AUC {auc:.3f}")
    expect(auc <= ref.HOLDOUT_MAX_ROC_AUC, "the pipeline scores held-out customers suspiciously "
           "well: does a feature leak the answer?",
           expected=f"ROC-AUC <= {ref.HOLDOUT_MAX_ROC_AUC}", got=f"ROC-AUC {auc:.3f}")


@milestone("3.1", category="breaks on a new category level")
def test_new_levels_in_every_category_column(week, seed):
    """Every category column gets a level fit never saw, on random held-out customers."""
    rng = np.random.default_rng(seed)
    pipe = fitted_on_all_public_rows(week)
    X, _ = holdout(week)
    before = ref.expect_scored(ref.score(week, pipe, X, "predict_proba(X_holdout)"), len(X),
                               "held-out customers", "")
    X_new, touched = X, np.zeros(len(X), dtype=bool)
    for column in X.select_dtypes("category").columns:
        rows = rng.choice(len(X), size=25, replace=False)
        X_new = ref.with_new_level(X_new, column, f"new {column} level", rows)
        touched[rows] = True
    scored = ref.score(week, pipe, X_new, "predict_proba(X_holdout) with a new level in "
                       "every category column")
    after = ref.expect_scored(scored, len(X), "new levels in every category column",
                              'OneHotEncoder(handle_unknown="ignore") scores them as zeros')
    moved = int((~np.isclose(after[~touched], before[~touched])).sum())
    expect(moved == 0, "customers without a new level got other probabilities",
           expected="unchanged predictions for untouched customers",
           got=f"{moved} of {int((~touched).sum())} changed")


@milestone("3.1", category="breaks when columns arrive in another order")
def test_shuffled_columns_give_the_same_predictions(week, seed):
    rng = np.random.default_rng(seed)
    pipe = fitted_on_all_public_rows(week)
    X, _ = holdout(week)
    before = ref.expect_scored(ref.score(week, pipe, X, "predict_proba(X_holdout)"), len(X),
                               "held-out customers", "")
    shuffled = X[list(rng.permutation(X.columns))]
    scored = ref.score(week, pipe, shuffled, "predict_proba(X_holdout) with shuffled columns")
    after = ref.expect_scored(scored, len(X), "shuffled columns", "Select columns by name")
    changed = int((~np.isclose(after, before, rtol=1e-9, atol=1e-12)).sum())
    expect(changed == 0, "the same customers got other probabilities when their columns came "
           "in another order", expected="identical predictions",
           got=f"{changed} of {len(X)} probabilities changed")
