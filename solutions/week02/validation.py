"""Milestone 2.5: five scores instead of one.

Milestone 2.3 scored the model on one test set: one draw. Put other customers in the test set
and the ROC-AUC moves, and the retention team should know by how much before they trust the
second decimal. Cross-validation gives every customer one turn in a test fold: five folds,
five scores, a mean and a spread.

Two details keep those scores honest. Each fold must hold the same share of churners as the
whole table (stratified folds): a fold with few churners scores differently for no reason.
And each fold's model learns from that fold's training rows only: a model that has already
seen the rows it is scored on reports a skill it does not have.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, average_precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

#: The scores each fold reports, in this order.
SCORE_COLUMNS = ["roc_auc", "pr_auc", "accuracy", "recall"]


def stratified_folds(y, n_splits: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split row positions into `n_splits` folds with the same churn share each.

    Parameters
    ----------
    y : array-like of bool, length n_customers
        True for each customer who left (a NumPy array or the ``churn`` Series).
    n_splits : int, default=5
        How many folds; each customer is in exactly one test fold.
    seed : int, default=0
        Shuffles the rows before they are dealt into folds: the same seed gives the same
        folds, another seed other folds.

    Returns
    -------
    list of `n_splits` tuples (train, test)
        Each an array of int row positions (0 to n_customers - 1, not customer ids). In a
        fold, train and test share no position; over all folds, every position is tested
        exactly once. Each test fold's churn share is the whole table's, give or take one
        customer.

    Examples
    --------
    >>> y = np.array([True, False, False, False] * 5)
    >>> folds = stratified_folds(y, n_splits=5, seed=0)
    >>> len(folds), [int(y[test].sum()) for _, test in folds]
    (5, [1, 1, 1, 1, 1])
    """
    # BEGIN SOLUTION
    y = np.asarray(y)  # positions, not labels: a Series indexed by customer_id would mislead
    # shuffle=True: without it the folds follow the table's row order, and the seed does nothing.
    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros((len(y), 1)), y))
    # END SOLUTION


def fold_prevalence(y, folds: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Return the share of churners in each test fold.

    Parameters
    ----------
    y : array-like of bool, length n_customers
        True for each customer who left.
    folds : list of (train, test) tuples of row positions
        As `stratified_folds` returns them.

    Returns
    -------
    ndarray of float64, shape (n_folds,)
        ``y[test].mean()`` for each fold, in the order of `folds`.

    Examples
    --------
    >>> y = np.array([True, False, False, False] * 5)
    >>> fold_prevalence(y, stratified_folds(y, n_splits=5)).tolist()
    [0.25, 0.25, 0.25, 0.25, 0.25]
    """
    # BEGIN SOLUTION
    y = np.asarray(y, dtype=bool)
    return np.array([y[test].mean() for _, test in folds], dtype=np.float64)
    # END SOLUTION


def cross_validate_logistic(X, y, folds: list[tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    """Fit a logistic regression per fold on its training rows; score its test rows.

    Parameters
    ----------
    X : ndarray of float, shape (n_customers, n_features)
        Numeric features, already encoded (for instance by milestone 2.3's ``encode``).
    y : array-like of bool, length n_customers
        True for each customer who left.
    folds : list of (train, test) tuples of row positions
        As `stratified_folds` returns them.

    Returns
    -------
    DataFrame of shape (n_folds, 4)
        One row per fold, in the order of `folds`, with columns ``roc_auc``, ``pr_auc``,
        ``accuracy`` and ``recall``: scored like ``model.evaluate`` (churn is the positive
        class, threshold 0.5; ROC-AUC and PR-AUC from ``predict_proba(X)[:, 1]``) by a
        ``LogisticRegression(max_iter=1000)`` fit on that fold's training rows only.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 3))
    >>> y = X[:, 0] + rng.normal(size=200) > 1
    >>> scores = cross_validate_logistic(X, y, stratified_folds(y))
    >>> scores.shape, list(scores.columns)
    ((5, 4), ['roc_auc', 'pr_auc', 'accuracy', 'recall'])
    """
    # BEGIN SOLUTION
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=bool)
    rows = []
    for train, test in folds:
        # A new model per fold, fit on the train rows only: the test rows stay unseen.
        model = LogisticRegression(max_iter=1000).fit(X[train], y[train])
        proba = model.predict_proba(X[test])[:, 1]  # ranking metrics need scores, not 0/1
        predicted = model.predict(X[test])
        rows.append({
            "roc_auc": roc_auc_score(y[test], proba),
            "pr_auc": average_precision_score(y[test], proba),
            "accuracy": accuracy_score(y[test], predicted),
            "recall": recall_score(y[test], predicted, zero_division=0),
        })
    return pd.DataFrame(rows, columns=SCORE_COLUMNS).rename_axis("fold")
    # END SOLUTION


def summarize(scores: pd.DataFrame) -> pd.DataFrame:
    """Return the mean and the spread of each score over the folds.

    Parameters
    ----------
    scores : DataFrame of shape (n_folds, n_scores)
        One row per fold, as `cross_validate_logistic` returns it.

    Returns
    -------
    DataFrame of shape (2, n_scores)
        Rows ``"mean"`` and ``"std"`` (in that order), the columns of `scores`. The std says
        how far one fold's score may stray from the mean: report both.

    Examples
    --------
    >>> scores = pd.DataFrame({"roc_auc": [0.84, 0.86], "recall": [0.5, 0.6]})
    >>> summarize(scores).round(3).to_dict()
    {'roc_auc': {'mean': 0.85, 'std': 0.014}, 'recall': {'mean': 0.55, 'std': 0.071}}
    """
    # BEGIN SOLUTION
    return scores.agg(["mean", "std"])  # std with ddof=1: five folds are a sample of draws
    # END SOLUTION
