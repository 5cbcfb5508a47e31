"""Milestone 2.4: the confusion matrix, and the threshold a business would choose.

A churn probability is not a decision. The retention team turns it into one: customers at or
above a threshold get a retention offer. Each decision lands in one of four cells. A customer
who stays and gets no offer costs nothing (true negative). A churner we miss costs the
revenue we lose: 500 (false negative). Every offer costs 50, whether the customer would have
left (true positive, kept) or not (false positive, a discount given away).

With those prices, 0.5 is a poor threshold: one missed churner costs as much as ten offers,
so it pays to offer more widely. The best threshold is the one that costs least on customers
the model did not learn from.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from sklearn.metrics import confusion_matrix

#: What a churner we did not try to keep costs: the revenue we lose.
COST_MISSED_CHURNER = 500
#: What one retention offer costs, whether or not the customer would have left.
COST_OFFER = 50
#: The four cells of the confusion matrix, in the order ``confusion_matrix(...).ravel()``
#: gives them: rows are what happened (stayed, left), columns what we predicted.
CELLS = ["true_negative", "false_positive", "false_negative", "true_positive"]


def confusion_cells(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, int]:
    """Count the customers in each cell of the confusion matrix (churn is the positive class).

    Parameters
    ----------
    y_true : array of bool, length n_customers
        True for customers who left.
    y_pred : array of bool, length n_customers
        True for customers we predicted would leave (those who get an offer).

    Returns
    -------
    dict of str to int
        ``true_negative``, ``false_positive``, ``false_negative`` and ``true_positive``;
        they add up to n_customers, even when a class is absent.

    Examples
    --------
    >>> confusion_cells(np.array([True, True, False]), np.array([True, False, False]))
    {'true_negative': 1, 'false_positive': 0, 'false_negative': 1, 'true_positive': 1}
    """
    # BEGIN SOLUTION
    y_true, y_pred = np.asarray(y_true, dtype=bool), np.asarray(y_pred, dtype=bool)
    # labels= keeps the matrix 2 x 2 even when nobody churns; ravel() reads row by row.
    counts = confusion_matrix(y_true, y_pred, labels=[False, True]).ravel()
    return {name: int(count) for name, count in zip(CELLS, counts, strict=True)}
    # END SOLUTION


def expected_cost(y_true: np.ndarray, proba: np.ndarray, threshold: float) -> float:
    """What the retention campaign costs if customers at or above `threshold` get an offer.

    Parameters
    ----------
    y_true : array of bool, length n_customers
        True for customers who left.
    proba : array of float, length n_customers
        Churn probabilities (``predict_proba(X)[:, 1]``).
    threshold : float
        Customers with ``proba >= threshold`` get an offer.

    Returns
    -------
    float
        ``COST_MISSED_CHURNER * FN + COST_OFFER * (TP + FP)``.

    Examples
    --------
    >>> expected_cost(np.array([True, True, False]), np.array([0.9, 0.2, 0.6]), 0.5)
    600.0
    """
    # BEGIN SOLUTION
    cells = confusion_cells(y_true, np.asarray(proba) >= threshold)
    offers = cells["true_positive"] + cells["false_positive"]  # every offer costs, kept or not
    return float(COST_MISSED_CHURNER * cells["false_negative"] + COST_OFFER * offers)
    # END SOLUTION


def choose_threshold(y_true: np.ndarray, proba: np.ndarray) -> float:
    """The threshold that makes `expected_cost` smallest on these customers.

    Parameters
    ----------
    y_true : array of bool, length n_customers
        True for customers who left.
    proba : array of float, length n_customers
        Churn probabilities for the same customers.

    Returns
    -------
    float
        A threshold between 0 and 1 whose cost no other threshold beats.

    Examples
    --------
    >>> choose_threshold(np.array([True, False, False]), np.array([0.3, 0.2, 0.1]))
    0.3
    """
    # BEGIN SOLUTION
    # Only the distinct probabilities change a decision; 1.0 stands for "offer nobody".
    candidates = np.append(np.unique(proba), 1.0)
    costs = [expected_cost(y_true, proba, t) for t in candidates]
    return float(candidates[int(np.argmin(costs))])
    # END SOLUTION


def plot_confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray) -> Figure:
    """Draw the confusion matrix with each cell's name and count, for the retention team.

    Parameters
    ----------
    y_true : array of bool, length n_customers
        True for customers who left.
    y_pred : array of bool, length n_customers
        True for customers who get an offer.

    Returns
    -------
    matplotlib Figure
        One heat map: predicted on the x axis, actual on the y axis, a title, and in each of
        the four cells its name ("false negative", ...) and its count.

    Examples
    --------
    >>> fig = plot_confusion_matrix(np.array([True, False]), np.array([True, True]))
    >>> fig.axes[0].get_xlabel()
    'predicted'
    """
    # BEGIN SOLUTION
    cells = confusion_cells(y_true, y_pred)
    grid = np.array([[cells["true_negative"], cells["false_positive"]],
                     [cells["false_negative"], cells["true_positive"]]])
    names = [["true negative", "false positive"], ["false negative", "true positive"]]
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    ax.imshow(grid, cmap="Blues")
    for row in range(2):
        for col in range(2):
            dark = grid[row, col] > grid.max() / 2  # white text on dark cells
            ax.text(col, row, f"{names[row][col]}\n{grid[row, col]}", ha="center",
                    va="center", color="white" if dark else "black")
    ax.set_xticks([0, 1], labels=["stays", "churns"])
    ax.set_yticks([0, 1], labels=["stayed", "churned"])
    ax.set_xlabel("predicted")
    ax.set_ylabel("actual")
    ax.set_title("Who gets an offer, and who we miss")
    fig.tight_layout()
    return fig
    # END SOLUTION
