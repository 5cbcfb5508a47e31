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
    # BEGIN SOLUTION
    y = np.asarray(y, dtype=bool)
    stayers, churners = np.flatnonzero(~y), np.flatnonzero(y)
    # k churners among n stayers give a share k / (n + k); solved for k:
    k = round(prevalence * len(stayers) / (1 - prevalence))
    if not 0 <= k <= len(churners):
        raise ValueError(f"prevalence {prevalence} needs {k} churners; y holds {len(churners)}")
    chosen = np.random.default_rng(seed).choice(churners, size=k, replace=False)
    return np.sort(np.concatenate([stayers, chosen]))
    # END SOLUTION


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
    # BEGIN SOLUTION
    y, proba = np.asarray(y, dtype=bool), np.asarray(proba, dtype=np.float64)
    rows, index = [], []
    for prevalence in [None, *prevalences]:
        keep = (np.arange(len(y)) if prevalence is None
                else subsample_churners(y, prevalence, seed=seed))
        kept_y, kept_proba = y[keep], proba[keep]
        index.append(float(kept_y.mean()) if prevalence is None else float(prevalence))
        rows.append({
            "accuracy": accuracy_score(kept_y, kept_proba >= 0.5),
            "roc_auc": roc_auc_score(kept_y, kept_proba),
            "pr_auc": average_precision_score(kept_y, kept_proba),  # PR-AUC, not ROC-AUC
        })
    return pd.DataFrame(rows, index=pd.Index(index, name="prevalence"), columns=DRIFT_COLUMNS)
    # END SOLUTION


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
    # BEGIN SOLUTION
    fig, ax = plt.subplots(figsize=(7, 4.5))
    shares = drift.index.to_numpy(dtype=np.float64)
    for column in DRIFT_COLUMNS:
        ax.plot(shares, drift[column].to_numpy(), marker="o", label=column)
    # The bar accuracy must clear: a model that says "stays" to everybody.
    ax.plot(shares, 1 - shares, linestyle="--", color="grey", label='accuracy of "all stay"')
    ax.invert_xaxis()  # left to right: churners get rarer, as the campaign succeeds
    ax.set(title="The same model as churners get rare: accuracy rises, PR-AUC falls",
           xlabel="share of customers who leave (prevalence)", ylabel="score", ylim=(0, 1))
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
    # END SOLUTION
