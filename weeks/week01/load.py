# Starter generated from solutions/week01/load.py by `make starters`. This file is yours: edit it.
"""Milestone 1.1: load IBM's raw Telco churn file with types you chose, not types pandas guessed.

`pd.read_csv` guesses a type for every column. On this file the guesses hide problems:
SeniorCitizen becomes a number while every other flag is text, and TotalCharges becomes text
because some customers have a blank there. Loading with explicit dtypes makes those choices
visible and repeatable.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Text columns of the raw file, as IBM named them.
TEXT_COLUMNS = [
    "gender", "Partner", "Dependents", "PhoneService", "MultipleLines", "InternetService",
    "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
    "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "Churn",
]


def load_raw(path: str | Path) -> pd.DataFrame:
    """Read the raw Telco churn CSV with explicit dtypes, indexed by customer id.

    Parameters
    ----------
    path : str or Path
        The raw CSV, e.g. ``"../../data/telco_churn_raw.csv"``.

    Returns
    -------
    DataFrame of shape (n_customers, 20)
        Indexed by ``customerID``. Text columns are ``string``, ``tenure`` and
        ``SeniorCitizen`` are ``int64``, ``MonthlyCharges`` is ``float64``, and
        ``TotalCharges`` stays text (``string``): milestone 1.2 parses it. Every row is
        kept, including rows that look like duplicates: they are different customers.

    Examples
    --------
    >>> raw = load_raw("../../data/telco_churn_raw.csv")  # doctest: +SKIP
    >>> raw.shape  # doctest: +SKIP
    (5634, 20)
    """
    raise NotImplementedError("Milestone 1.1: write load_raw")
