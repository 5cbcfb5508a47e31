"""Hidden checks for 2.5: folds on labels sorted by class, held-out customers, leaked labels.

Sorted labels (every stayer first) expose folds dealt in table order or without looking at
churn. The leak check changes only the labels of one fold's test rows: a model fit on that
fold's train rows cannot notice, so its ROC-AUC on the flipped labels is exactly 1 minus the
first one; a model fit on every row learns the flipped labels and scores both versions well.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from grader.engine.checks import expect, expect_columns, expect_type, milestone
from grader.week02 import ref_validation as ref
from grader.week02.test_validation import (
    expect_partition,
    expect_scores,
    expect_stratified,
    expect_summary,
    get_folds,
    score_table,
)


def sorted_labels(seed: int) -> np.ndarray:
    """Seeded labels of another size and churn share, every stayer first."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(700, 1100))
    return np.sort(rng.random(n) < rng.uniform(0.08, 0.15))  # False sorts before True


@milestone("2.5", category="fails when the rows are sorted by churn")
def test_folds_on_labels_sorted_by_churn(week, seed):
    y = sorted_labels(seed)
    folds = get_folds(week, y, label=f"y ({len(y)} labels, every stayer first)",
                      n_splits=4, seed=seed % 1000)
    expect_partition(folds, len(y), 4)
    expect_stratified(folds, y)


@milestone("2.5", category="fails on unseen customers")
def test_folds_and_prevalence_on_held_out_customers(week, seed):
    y = ref.churn(week.data("telco_churn_holdout_clean"))
    folds = get_folds(week, y, label="y (held-out customers)", n_splits=5, seed=seed % 1000)
    expect_partition(folds, len(y), 5)
    expect_stratified(folds, y)
    judge = ref.folds(y, 4, seed=seed % 1000)
    got = week.call("validation.fold_prevalence", week.label(y, "y"),
                    week.label(judge, "folds (4)"))
    expect_type(got, np.ndarray, what="fold_prevalence")
    expected = np.array([y[test].mean() for _, test in judge])
    expect(got.shape == expected.shape and np.allclose(got, expected, rtol=1e-9),
           "fold_prevalence should be the churn share of each test fold",
           expected=", ".join(f"{v:.4f}" for v in expected),
           got=", ".join(f"{v:.4f}" for v in np.ravel(got).astype(np.float64)))


@milestone("2.5", category="fails on unseen customers")
def test_cross_validate_on_held_out_customers(week, seed):
    table = week.data("telco_churn_holdout_clean")
    X, y = ref.encode(table), ref.churn(table)
    folds = ref.folds(y, 4, seed=seed % 1000)
    got = week.call("validation.cross_validate_logistic", week.label(X, "X (held out)"),
                    week.label(y, "y"), week.label(folds, "folds (4)"))
    expect_type(got, pd.DataFrame, what="cross_validate_logistic")
    expect_scores(got, ref.fold_scores(X, y, folds), "cross_validate_logistic")


@milestone("2.5", category="lets a fold's model see its test rows")
def test_test_rows_labels_never_reach_the_fold_model(week, seed):
    table = week.data("telco_churn_holdout_clean")
    rng = np.random.default_rng(seed)
    X = np.hstack([ref.encode(table), rng.normal(size=(len(table), 30))])
    y = ref.churn(table)
    one_fold = ref.folds(y, 5, seed=seed % 1000)[:1]
    flipped = y.copy()
    flipped[one_fold[0][1]] = ~flipped[one_fold[0][1]]  # only the test rows' labels change
    scores = []
    for labels, shown in ((y, "y"), (flipped, "y with the test rows' labels flipped")):
        got = week.call("validation.cross_validate_logistic", week.label(X, "X"),
                        week.label(labels, shown), week.label(one_fold, "[one fold]"))
        expect_type(got, pd.DataFrame, what="cross_validate_logistic")
        expect_columns(got, list(ref.SCORE_COLUMNS), what="cross_validate_logistic")
        scores.append(float(got["roc_auc"].iloc[0]))
    first, second = scores
    expect(abs(first + second - 1.0) <= 0.005,
           "the fold's model changed when only its test rows' labels changed",
           expected=f"roc_auc 1 - {first:.3f} = {1 - first:.3f} on the flipped labels "
                    "(the model learns from the train rows only)",
           got=f"roc_auc {second:.3f}: the model learned from the test rows too")


@milestone("2.5", category="fails on other score tables")
def test_summarize_keeps_any_columns(week, seed):
    scores = score_table(seed, 10, ["roc_auc", "pr_auc", "log_loss"])
    got = week.call("validation.summarize", week.label(scores, "scores (10 folds, 3 columns)"))
    expect_summary(got, scores)
