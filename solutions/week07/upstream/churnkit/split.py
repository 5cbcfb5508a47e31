"""A stratified holdout split that a colleague can reproduce.

Churners are a minority (about one customer in four in the Telco data), so a purely random
test set can hold noticeably more or fewer of them than the table does. `holdout_split` draws
the test rows class by class, so both parts keep the table's churn rate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .validate import check_binary, require_columns


def holdout_split(
    frame: pd.DataFrame, target: str, test_size: float = 0.2, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split `frame` into train and test rows, stratified on `target`.

    For each value of `target`, in sorted order, ``round(test_size * n_value)`` of its rows
    are drawn for the test set without replacement, by one ``np.random.default_rng(seed)``
    shared by all values. The same `seed` always gives the same split.

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        The table, one row per customer.
    target : str
        The column to stratify on, usually the churn label.
    test_size : float, default=0.2
        The share of each class that goes to the test set, in (0, 1).
    seed : int, default=0
        Seeds the random draw.

    Returns
    -------
    train, test : DataFrame
        Every row of `frame` is in exactly one of them; both keep the frame's index, columns
        and row order.

    Raises
    ------
    KeyError
        If `target` is not a column of `frame`.
    ValueError
        If `test_size` is outside (0, 1).

    Examples
    --------
    >>> frame = pd.DataFrame({"tenure": range(10), "churn": [1, 0] * 5})
    >>> train, test = holdout_split(frame, "churn", test_size=0.4, seed=1)
    >>> len(train), len(test), int(test["churn"].sum())
    (6, 4, 2)
    """
    require_columns(frame, [target])
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    # BEGIN SOLUTION 7.1
    rng = np.random.default_rng(seed)  # seeded (#4): the same seed gives the same split
    # STARTER
    # rng = np.random.default_rng()
    # END SOLUTION
    labels = frame[target].to_numpy()
    in_test = np.zeros(len(frame), dtype=bool)
    for value in np.unique(labels):
        positions = np.flatnonzero(labels == value)
        n_test = round(test_size * len(positions))
        in_test[rng.choice(positions, size=n_test, replace=False)] = True
    return frame[~in_test], frame[in_test]


def describe_split(train: pd.DataFrame, test: pd.DataFrame, target: str) -> pd.DataFrame:
    """Row counts and churn rates of a split, to check it at a glance.

    Parameters
    ----------
    train, test : DataFrame
        The two parts, as `holdout_split` returns them.
    target : str
        A 0/1 column present in both.

    Returns
    -------
    DataFrame of shape (2, 3)
        Indexed by ``part`` (``"train"``, ``"test"``). ``n_rows`` (int64), ``share_of_rows``
        (the part's share of all rows) and ``positive_share`` (the mean of `target`).

    Examples
    --------
    >>> train = pd.DataFrame({"churn": [1, 0, 0]})
    >>> test = pd.DataFrame({"churn": [1]})
    >>> describe_split(train, test, "churn")["positive_share"].round(3).tolist()
    [0.333, 1.0]
    """
    require_columns(train, [target])
    require_columns(test, [target])
    total = len(train) + len(test)
    rows = {}
    for name, part in (("train", train), ("test", test)):
        y = check_binary(part[target].to_numpy(), f"{name}[{target!r}]")
        rows[name] = {
            "n_rows": len(part),
            "share_of_rows": len(part) / total if total else 0.0,
            "positive_share": float(y.mean()) if len(y) else float("nan"),
        }
    table = pd.DataFrame.from_dict(rows, orient="index").astype({"n_rows": "int64"})
    table.index.name = "part"
    return table
