# Starter generated from solutions/week01/arrays.py by `make starters`.
# This file is yours: edit it.
"""Milestone 1.6: NumPy fluency. Write each formula once, for the whole array.

These six functions come back in weeks 2 to 6: `standardize` scales features before gradient
descent, `sigmoid` and `log_loss` are logistic regression, `one_hot` encodes the contract
type, `pairwise_distances` is nearest neighbours, and `moving_average` smooths weekly churn.
A Python loop over elements does the same arithmetic 10 to 100 times slower, and naive
formulas overflow where a customer's score is extreme. So no loops over elements here, and
no warnings either.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def standardize(X: ArrayLike) -> np.ndarray:
    """Scale each column to mean 0 and standard deviation 1.

    Uses the population standard deviation (``ddof=0``), like scikit-learn's
    ``StandardScaler``. A constant column carries no information: it becomes 0.0, with no
    NaN and no warning.

    Parameters
    ----------
    X : array_like of shape (n_rows, n_columns)
        Numbers, float or int.

    Returns
    -------
    ndarray of float64, shape (n_rows, n_columns)
        ``(X - mean) / std`` column by column; 0.0 in constant columns.

    Examples
    --------
    >>> standardize([[1, 10], [3, 10]])
    array([[-1.,  0.],
           [ 1.,  0.]])
    """
    raise NotImplementedError("Milestone 1.6: write standardize")


def sigmoid(z: ArrayLike) -> np.ndarray | float:
    """The logistic function ``1 / (1 + exp(-z))``, without overflow.

    ``np.exp(1000)`` overflows to ``inf`` (with a RuntimeWarning), so the formula is
    evaluated with ``exp(-|z|)`` only, which lies in (0, 1].

    Parameters
    ----------
    z : float or array_like of any shape
        Scores (log-odds).

    Returns
    -------
    float or ndarray of the same shape as `z`
        Values in [0, 1]: ``sigmoid(1000) == 1.0``, ``sigmoid(-1000) == 0.0``.

    Examples
    --------
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    raise NotImplementedError("Milestone 1.6: write sigmoid")


def log_loss(y: ArrayLike, p: ArrayLike, eps: float = 1e-15) -> float:
    """Mean binary cross-entropy of predicted probabilities `p` for labels `y`.

    ``-mean(y * log(p) + (1 - y) * log(1 - p))``, with `p` clipped to ``[eps, 1 - eps]``
    first, so a confident wrong prediction (p exactly 0 or 1) costs a lot but stays finite.

    Parameters
    ----------
    y : array_like of shape (n,)
        Labels, 0 or 1 (1 = the customer churned).
    p : array_like of shape (n,)
        Predicted probabilities of churn.
    eps : float, default=1e-15
        How far from 0 and 1 the probabilities are clipped.

    Returns
    -------
    float
        The mean loss over the n customers (0.0 for perfect predictions).

    Examples
    --------
    >>> round(log_loss([1, 0], [0.9, 0.1]), 4)
    0.1054
    """
    raise NotImplementedError("Milestone 1.6: write log_loss")


def one_hot(labels: ArrayLike, n_classes: int | None = None) -> np.ndarray:
    """Encode integer class labels as rows of 0.0 and 1.0.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Class numbers in ``0 .. n_classes - 1`` (e.g. 0 = month-to-month, 1 = one year,
        2 = two year).
    n_classes : int, optional
        Number of columns; defaults to ``max(labels) + 1``.

    Returns
    -------
    ndarray of float64, shape (n, n_classes)
        Row i has a single 1.0, in column ``labels[i]``. Floats, because the matrix goes
        straight into matrix products in later weeks.

    Raises
    ------
    ValueError
        If a label is negative or not below `n_classes`: NumPy would quietly read
        ``eye[-1]`` as the last class.

    Examples
    --------
    >>> one_hot(np.array([0, 2, 1]))
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    """
    raise NotImplementedError("Milestone 1.6: write one_hot")


def pairwise_distances(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Euclidean distance between every row of `A` and every row of `B`.

    Parameters
    ----------
    A : array_like of shape (n, d)
        n points (customers) with d features.
    B : array_like of shape (m, d)
        m points with the same d features.

    Returns
    -------
    ndarray of float64, shape (n, m)
        Entry (i, j) is ``||A[i] - B[j]||``: never negative, never NaN, 0 for equal rows.

    Examples
    --------
    >>> pairwise_distances([[0, 0], [3, 4]], [[0, 0]])
    array([[0.],
           [5.]])
    """
    raise NotImplementedError("Milestone 1.6: write pairwise_distances")


def moving_average(x: ArrayLike, window: int) -> np.ndarray:
    """Trailing mean of every `window` consecutive values, computed with a cumulative sum.

    Like ``np.convolve(x, np.ones(window) / window, "valid")``, in O(n) whatever the window.

    Parameters
    ----------
    x : array_like of shape (n,)
        A series, e.g. customers lost per week.
    window : int
        How many values each mean covers, from 1 to n.

    Returns
    -------
    ndarray of float64, shape (n - window + 1,)
        Element i is the mean of ``x[i : i + window]``.

    Raises
    ------
    ValueError
        If `window` is below 1 or above ``len(x)``.

    Examples
    --------
    >>> moving_average(np.array([1, 2, 3, 4]), 2)
    array([1.5, 2.5, 3.5])
    """
    raise NotImplementedError("Milestone 1.6: write moving_average")
