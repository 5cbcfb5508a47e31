# Starter generated from solutions/week01/clean.py by `make starters`. This file is yours: edit it.
"""Milestone 1.2: turn TotalCharges from text into money.

The raw file writes TotalCharges as text, and 11 customers have a single space there. Before
choosing what a blank becomes, find out who those customers are: all of them joined this
month (tenure 0), so nobody has billed them yet. Their total is 0.0: not missing, not the mean.
"""

from __future__ import annotations

import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    """Return TotalCharges as floats, one per customer.

    Parameters
    ----------
    raw : DataFrame
        The raw Telco table from milestone 1.1 (TotalCharges as text, indexed by customerID).

    Returns
    -------
    Series of float64, indexed like `raw`, named ``"TotalCharges"``
        Blanks become 0.0: those customers have tenure 0 and were not billed yet.

    Examples
    --------
    >>> raw = pd.DataFrame({"TotalCharges": ["29.85", " "], "tenure": [1, 0]})
    >>> total_charges_as_float(raw).tolist()
    [29.85, 0.0]
    """
    raise NotImplementedError("Milestone 1.2: write total_charges_as_float")
