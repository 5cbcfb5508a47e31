# Starter generated from solutions/week02/features.py by `make starters`.
# This file is yours: edit it.
"""Milestone 2.1: features from what a customer looks like today.

The retention team will score customers who are still with us, so every feature must be
known on the day of scoring: how long they have been a customer, how many services they
pay for, what a month costs them on average. Whether they left (``churn``) is exactly what
we are trying to predict; a feature built from it makes a model look brilliant in the
notebook and useless on Monday morning. So the feature table drops ``churn`` and never
looks at it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The yes/no services a customer can pay for (internet_service has levels, not yes/no).
SERVICE_COLUMNS = [
    "phone_service", "multiple_lines", "online_security", "online_backup",
    "device_protection", "tech_support", "streaming_tv", "streaming_movies",
]  # fmt: skip
#: Tenure bands, in months: the first year, the second, years three and four, the rest.
TENURE_BANDS = ["0-12", "13-24", "25-48", "49+"]


def add_features(customers: pd.DataFrame) -> pd.DataFrame:
    """Return the customers with three new features, and without ``churn``.

    Parameters
    ----------
    customers : DataFrame of shape (n_customers, 19 or 20)
        The cleaned table of ``data/telco_churn_clean.parquet`` (milestone 1.4's columns),
        indexed by ``customer_id``, with or without ``churn``. It is not modified.

    Returns
    -------
    DataFrame of shape (n_customers, n_columns)
        A new frame, same index in the same order: every input column except ``churn``
        (dtypes unchanged), plus

        - ``tenure_band``: ordered category of `TENURE_BANDS` (tenure 0-12 months, 13-24,
          25-48, 49 and more);
        - ``n_services``: int64, how many of `SERVICE_COLUMNS` are True;
        - ``charges_per_month``: float64, ``total_charges / tenure``, and
          ``monthly_charges`` for customers with tenure 0 (nothing billed yet).

    Examples
    --------
    >>> customers = pd.read_parquet("../../data/telco_churn_clean.parquet")  # doctest: +SKIP
    >>> features = add_features(customers)  # doctest: +SKIP
    >>> "churn" in features, features["tenure_band"].cat.categories.tolist()  # doctest: +SKIP
    (False, ['0-12', '13-24', '25-48', '49+'])
    """
    raise NotImplementedError("Milestone 2.1: write add_features")
