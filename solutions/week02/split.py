"""Milestone 2.2: set customers aside before the model sees anyone.

A score only means something on customers the model never saw, so some customers go into a
test set now and stay there. Two details make the score trustworthy. Stratify on ``churn``:
about one customer in four leaves, and a plain random draw can put noticeably more or fewer
churners in the test set, which moves every metric for no reason. Fix the seed: the same
seed must give the same split, so a result can be reproduced next week.
"""

from __future__ import annotations

import pandas as pd
from sklearn.model_selection import train_test_split


def split_customers(table: pd.DataFrame, test_size: float = 0.2,
                    seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split customers into a training and a test table with the same churn share.

    Parameters
    ----------
    table : DataFrame of shape (n_customers, n_columns)
        Customers indexed by ``customer_id``, with a bool ``churn`` column (the cleaned
        table, or milestone 2.1's features plus ``churn``).
    test_size : float, default=0.2
        The share of customers set aside for testing.
    seed : int, default=42
        Fixes the random draw: the same seed gives the same split.

    Returns
    -------
    train, test : tuple of two DataFrames
        Both with `table`'s columns and ``customer_id`` index. Every customer is in exactly
        one of them; ``test`` holds about ``test_size * n_customers`` of them, and each
        side's churn share matches the whole table's.

    Examples
    --------
    >>> table = pd.read_parquet("../../data/telco_churn_clean.parquet")  # doctest: +SKIP
    >>> train, test = split_customers(table)  # doctest: +SKIP
    >>> len(train), len(test)  # doctest: +SKIP
    (4507, 1127)
    """
    # BEGIN SOLUTION
    # stratify= keeps the churn share equal on both sides; random_state= makes it repeatable.
    train, test = train_test_split(table, test_size=test_size, stratify=table["churn"],
                                   random_state=seed)
    return train, test
    # END SOLUTION
