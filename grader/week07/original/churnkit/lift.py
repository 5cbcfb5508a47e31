"""How much better than random a churn model finds churners: lift and gains.

A retention team calls the customers the model ranks highest. Lift answers "among the top
10 % we call, how many more churners do we reach than a random 10 % would hold?"; the gains
table answers it for every decile at once.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .validate import check_binary, check_probabilities, check_same_length

#: The columns of the table `gains_table` returns, in this order.
GAINS_COLUMNS = ["n_customers", "n_churners", "churn_rate", "cumulative_share", "lift"]


def lift_at(y_true, proba, fraction: float = 0.1) -> float:
    """Churn rate among the `fraction` of customers with the highest probability, over the base.

    Parameters
    ----------
    y_true : array-like of 0/1, length n_customers
        1 for customers who left.
    proba : array-like of float, length n_customers
        The model's churn probabilities.
    fraction : float, default=0.1
        The share of customers called, in (0, 1]. The top ``ceil(fraction * n_customers)``
        customers are taken, highest probability first; customers with equal probabilities
        keep their input order.

    Returns
    -------
    float
        ``churn rate in the top fraction / churn rate of everyone``: 1 is no better than
        random, 3 means the calls reach three times as many churners as random calls would.

    Raises
    ------
    ValueError
        If `fraction` is outside (0, 1], if nobody churned, or if the inputs are invalid.

    Examples
    --------
    >>> lift_at([1, 0, 0, 1, 0, 0, 0, 0, 0, 0], [0.9, 0.1, 0.2, 0.8, 0.3, 0.1, 0.2, 0.1, 0.4, 0.3],
    ...         fraction=0.2)
    5.0
    """
    y = check_binary(y_true, "y_true")
    p = check_probabilities(proba)
    n = check_same_length(y_true=y, proba=p)
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], got {fraction}")
    if y.sum() == 0:
        raise ValueError("y_true holds no churner: lift is undefined")
    n_top = math.ceil(fraction * n)
    order = np.argsort(p, kind="stable")
    return float(y[order[:n_top]].mean() / y.mean())


def gains_table(y_true, proba, groups: int = 10) -> pd.DataFrame:
    """Split customers into `groups` equal groups by falling probability and describe each.

    Parameters
    ----------
    y_true : array-like of 0/1, length n_customers
        1 for customers who left.
    proba : array-like of float, length n_customers
        The model's churn probabilities.
    groups : int, default=10
        How many groups (10: deciles). Groups differ in size by at most one customer, larger
        groups first, as ``np.array_split`` cuts them; ties keep their input order.

    Returns
    -------
    DataFrame of shape (groups, 5)
        Indexed by ``group``, 1 (highest probabilities) to `groups`. ``n_customers``,
        ``n_churners`` (int64); ``churn_rate`` of the group; ``cumulative_share``, the share
        of all churners found in this group and the ones above it (1.0 in the last group);
        ``lift``, the group's churn rate over everyone's.

    Raises
    ------
    ValueError
        If `groups` is below 1 or above n_customers, if nobody churned, or if the inputs are
        invalid.

    Examples
    --------
    >>> table = gains_table([1, 0, 1, 0], [0.9, 0.1, 0.6, 0.4], groups=2)
    >>> table["n_churners"].tolist(), table["lift"].tolist()
    ([2, 0], [2.0, 0.0])
    """
    y = check_binary(y_true, "y_true")
    p = check_probabilities(proba)
    n = check_same_length(y_true=y, proba=p)
    if not 1 <= groups <= n:
        raise ValueError(f"groups must be between 1 and {n} (the customers), got {groups}")
    if y.sum() == 0:
        raise ValueError("y_true holds no churner: gains are undefined")
    order = np.argsort(-p, kind="stable")
    parts = np.array_split(y[order], groups)
    n_customers = np.array([len(part) for part in parts], dtype=np.int64)
    n_churners = np.array([part.sum() for part in parts], dtype=np.int64)
    churn_rate = n_churners / n_customers
    table = pd.DataFrame(
        {
            "n_customers": n_customers,
            "n_churners": n_churners,
            "churn_rate": churn_rate,
            "cumulative_share": np.cumsum(n_churners) / y.sum(),
            "lift": churn_rate / y.mean(),
        },
        index=pd.RangeIndex(1, groups + 1, name="group"),
    )
    return table[GAINS_COLUMNS]
