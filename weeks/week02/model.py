# Starter generated from solutions/week02/model.py by `make starters`. This file is yours: edit it.
"""Milestone 2.3: a baseline, then a first real model.

The retention team wants to know which customers are about to leave. Before any model, ask
what doing nothing scores: a "model" that says every customer stays is right for about
three customers in four, because about three in four stay. That is the bar. A logistic
regression earns its place only if it does better than that on customers it has not seen.

Two rules make the score mean something. Everything the encoding learns (the mean and spread
of each number, the levels of each category) comes from the training rows only: the test rows
stand for next month's customers, who do not exist yet when the model is built. And accuracy
alone is not enough when churners are the minority, so `evaluate` also reports how well the
model ranks customers (ROC-AUC, PR-AUC) and how many churners its alerts catch.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.preprocessing import OneHotEncoder, StandardScaler

#: The answer column: known for past customers, never an input of the model.
TARGET = "churn"


def encode(train: pd.DataFrame, test: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Turn customers into numbers a model can use, learning only from `train`.

    Numbers (int and float columns) are standardised with the training rows' mean and
    standard deviation, bools become 0.0/1.0, and every other column (categories, text) is
    one-hot encoded with the levels seen in the training rows. A level the training rows never
    saw (a payment method launched last week) gets all zeros. ``churn`` is ignored if present.

    Parameters
    ----------
    train : DataFrame of shape (n_train, n_columns)
        Cleaned customers (as in ``data/telco_churn_clean.parquet``, optionally with week 2's
        extra features), with or without ``churn``.
    test : DataFrame of shape (n_test, n_columns)
        Customers to encode with what was learned from `train`: same columns.

    Returns
    -------
    X_train : ndarray of float64, shape (n_train, n_features)
    X_test : ndarray of float64, shape (n_test, n_features)
        Same columns in the same order. A test row is encoded the same way whether it comes
        alone or with other test rows.

    Examples
    --------
    >>> train = pd.DataFrame({"tenure": [1, 3], "partner": [True, False],
    ...                       "contract": pd.Categorical(["One year", "Two year"])})
    >>> test = pd.DataFrame({"tenure": [2], "partner": [True],
    ...                      "contract": pd.Categorical(["Month-to-month"])})
    >>> X_train, X_test = encode(train, test)
    >>> X_train.tolist(), X_test.tolist()
    ([[-1.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.0, 1.0]], [[0.0, 1.0, 0.0, 0.0]])
    """
    raise NotImplementedError("Milestone 2.3: write encode")


def fit_baseline(X: np.ndarray, y: np.ndarray) -> DummyClassifier:
    """Fit the do-nothing model: it predicts the most frequent class for everyone.

    Parameters
    ----------
    X : ndarray of shape (n_customers, n_features)
        Encoded customers (ignored by the baseline, kept so every model fits the same way).
    y : array of bool, length n_customers
        True for customers who left.

    Returns
    -------
    DummyClassifier
        Fitted with ``strategy="most_frequent"``: it says "stays" for every customer.

    Examples
    --------
    >>> fit_baseline(np.zeros((3, 1)), np.array([False, False, True])).predict(np.zeros((1, 1)))
    array([False])
    """
    raise NotImplementedError("Milestone 2.3: write fit_baseline")


def fit_logistic(X: np.ndarray, y: np.ndarray, seed: int = 0) -> LogisticRegression:
    """Fit a logistic regression on encoded customers.

    Parameters
    ----------
    X : ndarray of shape (n_customers, n_features)
        Encoded training customers (from `encode`).
    y : array of bool, length n_customers
        True for customers who left.
    seed : int, default=0
        ``random_state`` of the model, so a refit gives the same coefficients.

    Returns
    -------
    LogisticRegression
        Fitted, with ``max_iter=1000`` so the solver converges on our thirty-odd columns.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> fit_logistic(X, np.array([False, False, True, True])).predict(X).tolist()
    [False, False, True, True]
    """
    raise NotImplementedError("Milestone 2.3: write fit_logistic")


def evaluate(model: ClassifierMixin, X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Score a fitted model on customers it did not learn from.

    Parameters
    ----------
    model : fitted classifier with ``predict`` and ``predict_proba``
        A model from `fit_baseline` or `fit_logistic`.
    X : ndarray of shape (n_customers, n_features)
        Encoded customers the model did not see while fitting.
    y : array of bool, length n_customers
        True for customers who left.

    Returns
    -------
    dict of str to float
        ``accuracy``, ``precision`` and ``recall`` (for the churn class, ``zero_division=0``)
        of ``model.predict(X)``, the threshold-0.5 decisions; ``roc_auc`` and ``pr_auc``
        (average precision) of ``model.predict_proba(X)[:, 1]``, the churn probabilities:
        they judge the ranking, not one threshold.

    Examples
    --------
    >>> X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([False, True, False, True])
    >>> sorted(evaluate(fit_baseline(X, y), X, y))
    ['accuracy', 'pr_auc', 'precision', 'recall', 'roc_auc']
    """
    raise NotImplementedError("Milestone 2.3: write evaluate")
