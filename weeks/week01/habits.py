# Starter generated from solutions/week01/habits.py by `make starters`.
# This file is yours: edit it.
"""Milestone 1.7: Python habits that matter once your code runs every night on a server.

A dict comprehension answers "churn by contract" in one readable line; `Series.apply` turns a
business rule into a column; a context manager times a step even when it fails; and logging,
unlike print, can be switched to DEBUG when something goes wrong, without editing the code.
All messages go to the logger named ``"telco"``: whoever runs the pipeline decides where they
end up and how much detail they want.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

logger = logging.getLogger("telco")


def churn_rate_by(df: pd.DataFrame, column: str) -> dict[str, float]:
    """Share of customers who churned, for each level of `column`.

    Parameters
    ----------
    df : DataFrame of shape (n_customers, n_columns)
        The raw Telco table (every column text, as read with ``dtype=str``) or the table from
        `load.load_raw`; ``Churn`` holds ``"Yes"`` or ``"No"``.
    column : str
        The column to group by, e.g. ``"Contract"``.

    Returns
    -------
    dict of str to float
        One entry per level of `column` (the level as text), with the share of churners in
        that group as a Python float between 0 and 1 (not a percentage, not a count).

    Examples
    --------
    >>> df = pd.DataFrame({"Contract": ["One year", "One year", "Two year"],
    ...                    "Churn": ["Yes", "No", "No"]})
    >>> churn_rate_by(df, "Contract")
    {'One year': 0.5, 'Two year': 0.0}
    """
    raise NotImplementedError("Milestone 1.7: write churn_rate_by")


def tenure_band(df: pd.DataFrame) -> pd.Series:
    """The tenure band of each customer: ``"0-12"``, ``"13-24"``, ``"25-48"`` or ``"49+"``.

    Months 1 to 12 are the first year, so a customer with tenure 12 is still in ``"0-12"``;
    new customers (tenure 0) are there too.

    Parameters
    ----------
    df : DataFrame of shape (n_customers, n_columns)
        A table with an integer ``tenure`` column (months with the telco).

    Returns
    -------
    Series of str, indexed like `df`, named ``"tenure_band"``

    Examples
    --------
    >>> df = pd.DataFrame({"tenure": [0, 12, 13, 48, 49]})
    >>> tenure_band(df).tolist()
    ['0-12', '0-12', '13-24', '25-48', '49+']
    """
    raise NotImplementedError("Milestone 1.7: write tenure_band")


@contextmanager
def timed(step: str) -> Iterator[None]:
    """Log how long the block took, on logger ``"telco"`` at INFO, even when it raises.

    Parameters
    ----------
    step : str
        A name for the block, shown in the message.

    Yields
    ------
    None
        The block runs; afterwards ``"<step> took <seconds> s"`` is logged. If the block
        raises, the time is logged all the same and the exception goes on unchanged.

    Examples
    --------
    >>> with timed("load"):  # logs "load took 0.000 s"
    ...     rows = 5634
    """
    raise NotImplementedError("Milestone 1.7: write timed")


def log_summary(df: pd.DataFrame) -> None:
    """Log the customer count and churn rate (INFO), and churn by contract (DEBUG).

    Nothing is printed: the logging configuration decides where messages go and whether the
    DEBUG detail is shown.

    Parameters
    ----------
    df : DataFrame of shape (n_customers, n_columns)
        The raw Telco table, as for `churn_rate_by`.

    Examples
    --------
    >>> df = pd.DataFrame({"Contract": ["One year", "Two year"], "Churn": ["Yes", "No"]})
    >>> log_summary(df)  # INFO on "telco": "2 customers, 50.0% churned"
    """
    raise NotImplementedError("Milestone 1.7: write log_summary")
