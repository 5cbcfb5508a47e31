"""Milestone 3.3: choose C on folds of the training rows, then look at the test rows once.

Logistic regression's ``C`` says how far to trust the training rows: a small C keeps the
coefficients small and simple, a large C follows the data closely. Which C is best is a
question for data, and it is tempting to ask the test rows: fit one model per C, keep the
one with the best test ROC-AUC. But then the test rows helped choose the model, and the
score you report was picked for being high. It overstates what next month's customers will
see, and the retention team budgets on it.

The honest way: ``GridSearchCV`` tries every C on stratified folds of the *training* rows
only, keeps the best, and refits it on all training rows. Only then, once, the chosen
pipeline meets the test rows. Change the test rows, or even their labels, and the choice of
C does not move; only the test score does.

Choose C by a metric that ranks customers (ROC-AUC or PR-AUC), not by accuracy: with 26 %
churners, "nobody leaves" already scores 0.74 accuracy, and accuracy hardly moves with C.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from pipeline import build_pipeline

#: The values of C the search tries, as GridSearchCV expects them: "<step>__<parameter>".
PARAM_GRID = {"model__C": [0.01, 0.1, 1.0, 10.0]}


def tune(X_train: pd.DataFrame, y_train: pd.Series, seed: int = 0) -> GridSearchCV:
    """Search `PARAM_GRID` on stratified folds of the training rows; return the fitted search.

    Parameters
    ----------
    X_train : DataFrame of shape (n_customers, 19)
        Cleaned training customers, without ``churn``.
    y_train : Series of bool, length n_customers
        True for each training customer who left.
    seed : int, default=0
        Shuffles the rows into folds: the same seed gives the same folds and the same choice.

    Returns
    -------
    GridSearchCV (or RandomizedSearchCV), fitted
        Over ``build_pipeline()``, scored by ROC-AUC on 5 stratified folds. Its
        ``best_params_`` is the chosen C, ``best_score_`` the mean ROC-AUC of that C over the
        folds, and ``best_estimator_`` the pipeline refit with that C on all of `X_train`.

    Examples
    --------
    >>> search = tune(X_train, y_train)  # doctest: +SKIP
    >>> search.best_params_, round(search.best_score_, 3)  # doctest: +SKIP
    ({'model__C': 10.0}, 0.846)
    """
    # BEGIN SOLUTION
    # Stratified: every fold keeps the 26 % churn share, so the folds score the same problem.
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    # ROC-AUC ranks churners above stayers; accuracy would reward predicting "stays" for all.
    search = GridSearchCV(build_pipeline(), PARAM_GRID, cv=folds, scoring="roc_auc")
    return search.fit(X_train, y_train)  # the training rows only: the test rows stay unseen
    # END SOLUTION


def tune_and_test(X_train: pd.DataFrame, y_train: pd.Series, X_test: pd.DataFrame,
                  y_test: pd.Series, seed: int = 0) -> dict[str, Any]:
    """Tune on the training rows with `tune`, then score the chosen pipeline once on the test rows.

    Parameters
    ----------
    X_train, y_train : DataFrame and Series of bool
        The training customers and their churn, as for `tune`.
    X_test, y_test : DataFrame and Series of bool
        The test customers and their churn: used once, after the choice is made.
    seed : int, default=0
        Passed to `tune`.

    Returns
    -------
    dict
        ``best_params`` (dict, e.g. ``{"model__C": 10.0}``), ``cv_score`` (float, the
        search's ``best_score_``), ``test_roc_auc`` and ``test_pr_auc`` (floats: the chosen
        pipeline's ROC-AUC and average precision on the test rows). Only the two test scores
        depend on `X_test` and `y_test`.

    Examples
    --------
    >>> tune_and_test(X_train, y_train, X_test, y_test)  # doctest: +SKIP
    {'best_params': {'model__C': 10.0}, 'cv_score': 0.846, 'test_roc_auc': 0.856, ...}
    """
    # BEGIN SOLUTION
    search = tune(X_train, y_train, seed=seed)  # every choice is made before X_test is read
    proba = search.best_estimator_.predict_proba(X_test)[:, 1]
    return {"best_params": dict(search.best_params_),
            "cv_score": float(search.best_score_),
            "test_roc_auc": float(roc_auc_score(y_test, proba)),
            "test_pr_auc": float(average_precision_score(y_test, proba))}
    # END SOLUTION
