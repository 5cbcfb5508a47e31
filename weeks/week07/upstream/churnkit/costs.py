"""What a retention campaign costs, and the threshold that makes it cost least.

Customers whose churn probability is at or above a threshold get a retention offer. A churner
without an offer is lost (`cost_missed`); every offer costs money, kept customer or not
(`cost_offer`). The defaults are the ones the Telco retention team uses: a lost customer costs
500, an offer 50.
"""

from __future__ import annotations

import numpy as np

from .validate import check_binary, check_probabilities, check_same_length

#: What a churner we did not try to keep costs: the margin we lose.
COST_MISSED = 500.0
#: What one retention offer costs, whether or not the customer would have left.
COST_OFFER = 50.0


def expected_cost(
    y_true,
    proba,
    threshold: float,
    cost_missed: float = COST_MISSED,
    cost_offer: float = COST_OFFER,
) -> float:
    """The cost of offering a discount to every customer with ``proba >= threshold``.

    Parameters
    ----------
    y_true : array-like of 0/1, length n_customers
        1 for customers who left.
    proba : array-like of float, length n_customers
        The model's churn probabilities.
    threshold : float
        Customers with ``proba >= threshold`` get an offer.
    cost_missed : float, default=500.0
        The cost of each churner who gets no offer.
    cost_offer : float, default=50.0
        The cost of each offer.

    Returns
    -------
    float
        ``cost_missed * (churners without an offer) + cost_offer * (offers made)``.

    Examples
    --------
    >>> expected_cost([1, 1, 0], [0.9, 0.2, 0.6], threshold=0.5)
    600.0
    """
    y = check_binary(y_true, "y_true")
    p = check_probabilities(proba)
    check_same_length(y_true=y, proba=p)
    offered = p >= threshold
    missed = int(np.sum((y == 1) & ~offered))
    return float(cost_missed * missed + cost_offer * int(np.sum(offered)))


def best_threshold(
    y_true,
    proba,
    cost_missed: float = COST_MISSED,
    cost_offer: float = COST_OFFER,
) -> float:
    """The threshold whose `expected_cost` is lowest on these customers.

    Every distinct probability is tried as a threshold (between two of them no decision
    changes). When several cost the same, the highest wins: it makes the fewest offers.

    Parameters
    ----------
    y_true : array-like of 0/1, length n_customers
        1 for customers who left.
    proba : array-like of float, length n_customers
        The model's churn probabilities.
    cost_missed, cost_offer : float, default=500.0 and 50.0
        Passed to `expected_cost`.

    Returns
    -------
    float
        One of the values of `proba`.

    Examples
    --------
    >>> best_threshold([0, 1, 1], [0.9, 0.5, 0.4])
    0.4
    >>> best_threshold([0, 1, 1], [0.9, 0.5, 0.4], cost_offer=600)
    0.9
    """
    y = check_binary(y_true, "y_true")
    p = check_probabilities(proba)
    check_same_length(y_true=y, proba=p)
    candidates = np.unique(p)[::-1]  # high to low: argmin keeps the first, highest, of ties
    costs = [expected_cost(y, p, t, cost_missed, COST_OFFER) for t in candidates]
    return float(candidates[int(np.argmin(costs))])


def savings(
    y_true,
    proba,
    threshold: float,
    cost_missed: float = COST_MISSED,
    cost_offer: float = COST_OFFER,
) -> float:
    """What the campaign at `threshold` saves against making no offer at all.

    Making no offer loses every churner: ``cost_missed * n_churners``. The saving is that
    minus `expected_cost`; it is negative when the campaign costs more than it keeps.

    Examples
    --------
    >>> savings([1, 1, 0], [0.9, 0.2, 0.6], threshold=0.5)
    400.0
    """
    y = check_binary(y_true, "y_true")
    nothing = cost_missed * int(y.sum())
    return float(nothing - expected_cost(y, proba, threshold, cost_missed, cost_offer))
