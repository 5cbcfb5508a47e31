# Starter generated from solutions/week02/drift.py by `make starters`. This file is yours: edit it.
"""Milestone 2.6: watch accuracy lie when churners get rare.

About one customer in four left this telco last year. Suppose the retention campaign works
and next year only one in fifty leaves. The model is the same, its scores for each customer
are the same, but the metrics on the report move: accuracy climbs, because a model that says
"stays" to everybody is now right 98 % of the time, while precision-recall AUC falls, because
the few churners hide among many more stayers. ROC-AUC barely moves: it only asks whether a
churner is ranked above a stayer, whatever their shares.

We simulate that future by keeping every customer who stayed and only some who left, then
score the same probabilities again. The table shows which metric to put on a slide.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from sklearn.metrics import accuracy_score, average_precision_score, roc_auc_score

#: The metrics `metric_drift` reports, in this order.
DRIFT_COLUMNS = ["accuracy", "roc_auc", "pr_auc"]


def subsample_churners(y, prevalence: float, seed: int = 0) -> np.ndarray:
    """Return row positions that keep every stayer and just enough churners for `prevalence`.

    Parameters
    ----------
    y : array-like of bool, length n_customers
        True for each customer who left.
    prevalence : float
        The churn share wanted in the subsample, between 0 and the share in `y`.
    seed : int, default=0
        Which churners are kept: the same seed keeps the same ones.

    Returns
    -------
    ndarray of int, sorted
        Positions into `y`: every customer who stayed, plus
        ``round(prevalence * n_stay / (1 - prevalence))`` churners drawn at random without
        replacement, so that ``y[positions].mean()`` is `prevalence` to within one customer.

    Raises
    ------
    ValueError
        If `prevalence` needs more churners than `y` holds.

    Examples
    --------
    >>> y = np.array([True] * 30 + [False] * 90)
    >>> keep = subsample_churners(y, 0.10, seed=0)
    >>> len(keep), int(y[keep].sum()), float(y[keep].mean())
    (100, 10, 0.1)
    """
    raise NotImplementedError("Milestone 2.6: write subsample_churners")


def metric_drift(y, proba, prevalences=(0.10, 0.05, 0.02), seed: int = 0) -> pd.DataFrame:
    """Score the same probabilities as churners get rarer.

    Parameters
    ----------
    y : array-like of bool, length n_customers
        True for each customer who left.
    proba : array-like of float, length n_customers
        The model's churn probability for each customer (``predict_proba(X)[:, 1]``).
    prevalences : sequence of float, default=(0.10, 0.05, 0.02)
        The churn shares to simulate, each below the share in `y`.
    seed : int, default=0
        Passed to `subsample_churners` for every prevalence.

    Returns
    -------
    DataFrame of shape (1 + len(prevalences), 3)
        Indexed by ``prevalence``: first the share in `y` (all customers), then each of
        `prevalences` in order. Columns ``accuracy`` (churn predicted when proba >= 0.5),
        ``roc_auc`` and ``pr_auc``, each scored on the rows
        ``subsample_churners(y, prevalence, seed)`` keeps.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = rng.random(2000) < 0.3
    >>> proba = np.clip(0.3 + 0.4 * y + rng.normal(0, 0.2, 2000), 0, 1)
    >>> drift = metric_drift(y, proba)
    >>> drift.index.round(2).tolist(), list(drift.columns)
    ([0.3, 0.1, 0.05, 0.02], ['accuracy', 'roc_auc', 'pr_auc'])
    """
    raise NotImplementedError("Milestone 2.6: write metric_drift")


def plot_metric_drift(drift: pd.DataFrame) -> Figure:
    """Draw each metric against the churn share: one line per metric.

    Parameters
    ----------
    drift : DataFrame
        As `metric_drift` returns it: indexed by prevalence, columns ``accuracy``,
        ``roc_auc`` and ``pr_auc``.

    Returns
    -------
    matplotlib Figure
        One axes with a line per metric (labelled, with a legend), the churn share on the x
        axis (rarest churn on the right), the score on the y axis, and a title. A dashed
        line shows the accuracy of saying "stays" to everybody: 1 - prevalence.

    Examples
    --------
    >>> drift = pd.DataFrame({"accuracy": [0.81, 0.88], "roc_auc": [0.85, 0.85],
    ...                       "pr_auc": [0.66, 0.38]},
    ...                      index=pd.Index([0.265, 0.10], name="prevalence"))
    >>> fig = plot_metric_drift(drift)
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:3]
    ['accuracy', 'roc_auc', 'pr_auc']
    """
    raise NotImplementedError("Milestone 2.6: write plot_metric_drift")
