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
    # BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    mean, std = X.mean(axis=0), X.std(axis=0)
    # Not `std == 0`: for a column of 0.1s, rounding leaves std at 1e-17, and x / 1e-17 is huge.
    constant = X.max(axis=0) == X.min(axis=0)
    # Divide by 1 where constant, so no 0 / 0 is ever computed (no warning), then write 0.0.
    return np.where(constant, 0.0, (X - mean) / np.where(constant, 1.0, std))
    # END SOLUTION


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
    # BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # never overflows: -|z| <= 0
    # For z >= 0: 1 / (1 + e^-z). For z < 0: e^z / (1 + e^z). Both use e = exp(-|z|).
    out = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return out if out.ndim else float(out)
    # END SOLUTION


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
    # BEGIN SOLUTION
    y = np.asarray(y, dtype=np.float64)
    p = np.clip(np.asarray(p, dtype=np.float64), eps, 1.0 - eps)  # log(0) would be -inf
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p)))
    # END SOLUTION


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
    # BEGIN SOLUTION
    labels = np.asarray(labels)
    if n_classes is None:
        if labels.size == 0:
            raise ValueError("cannot infer n_classes from no labels: pass n_classes")
        n_classes = int(labels.max()) + 1
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must be in 0..{n_classes - 1}, "
                         f"got {labels.min()}..{labels.max()}")
    # Row i of the identity matrix is the one-hot vector of class i.
    return np.eye(n_classes, dtype=np.float64)[labels]
    # END SOLUTION


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
    # BEGIN SOLUTION
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    # (n, 1, d) - (1, m, d) broadcasts to (n, m, d): every pair at once, no loop.
    diff = A[:, None, :] - B[None, :, :]
    return np.sqrt((diff**2).sum(axis=-1))
    # END SOLUTION


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
    # BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    if not 1 <= window <= len(x):
        raise ValueError(f"window must be between 1 and len(x) = {len(x)}, got {window}")
    # A leading 0 makes sums[i + window] - sums[i] the sum of x[i : i + window].
    sums = np.concatenate(([0.0], np.cumsum(x)))
    return (sums[window:] - sums[:-window]) / window
    # END SOLUTION
