"""Input checks shared by churnkit's functions.

Every public function checks its inputs with these helpers first, so that a wrong column name
or a probability of 1.2 fails at once with a message naming the problem, not three calls later
with a NumPy broadcasting error.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def require_columns(frame: pd.DataFrame, columns: Iterable[str]) -> None:
    """Raise KeyError naming every column of `columns` that `frame` lacks.

    Parameters
    ----------
    frame : DataFrame
        The table to check.
    columns : iterable of str
        The columns the caller needs.

    Raises
    ------
    KeyError
        If any column is missing. The message names all of them, in the order given.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"tenure": [1]}), ["tenure", "Churn"])
    Traceback (most recent call last):
    ...
    KeyError: 'missing columns: Churn'
    """
    absent = [str(name) for name in columns if name not in frame.columns]
    if absent:
        raise KeyError(f"missing columns: {', '.join(absent)}")


def check_binary(y: Iterable, name: str = "y") -> np.ndarray:
    """Return `y` as a 1-D int array of 0 and 1; raise ValueError for anything else.

    Parameters
    ----------
    y : array-like of bool or int, length n_customers
        1 (or True) for customers who left.
    name : str, default="y"
        How error messages call `y`.

    Returns
    -------
    ndarray of int64, shape (n_customers,)

    Raises
    ------
    ValueError
        If `y` is not one-dimensional, or holds a value other than 0 and 1 (NaN included).

    Examples
    --------
    >>> check_binary([True, False, True])
    array([1, 0, 1])
    """
    values = np.asarray(y)
    if values.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {values.shape}")
    if values.dtype == bool:
        return values.astype(np.int64)
    try:
        numbers = values.astype(np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold 0 and 1 only, got dtype {values.dtype}") from None
    bad = ~np.isin(numbers, (0.0, 1.0))
    if bad.any():
        raise ValueError(f"{name} must hold 0 and 1 only, got {values[bad][0]!r}")
    return numbers.astype(np.int64)


def check_probabilities(proba: Iterable, name: str = "proba") -> np.ndarray:
    """Return `proba` as a 1-D float array; raise ValueError unless every value is in [0, 1].

    Parameters
    ----------
    proba : array-like of float, length n_customers
        Churn probabilities, ``predict_proba(X)[:, 1]``.
    name : str, default="proba"
        How error messages call `proba`.

    Returns
    -------
    ndarray of float64, shape (n_customers,)

    Raises
    ------
    ValueError
        If `proba` is not one-dimensional or a value is NaN, below 0 or above 1.

    Examples
    --------
    >>> check_probabilities([0.25, 1])
    array([0.25, 1.  ])
    """
    values = np.asarray(proba, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {values.shape}")
    bad = ~((values >= 0.0) & (values <= 1.0))  # NaN fails both comparisons
    if bad.any():
        raise ValueError(f"{name} must be probabilities in [0, 1], got {values[bad][0]!r}")
    return values


def check_same_length(**arrays: np.ndarray) -> int:
    """Return the common length of the keyword arrays; raise ValueError if they differ.

    Examples
    --------
    >>> check_same_length(y=np.zeros(3), proba=np.ones(3))
    3
    """
    lengths = {name: len(values) for name, values in arrays.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"lengths differ: {described}")
    return next(iter(lengths.values()), 0)
