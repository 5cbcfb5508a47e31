# Starter generated from solutions/week01/validate.py by `make starters`.
# This file is yours: edit it.
"""Milestone 1.5: check the cleaned table against rules before anyone trusts it.

A table that is wrong in three ways should say so in one run, not in three: each rule adds
what it finds to one list of problems, and a single `ValidationError` lists them all, one a
line, naming the column, how many rows break the rule and a few of their customer ids.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

#: A rule's check: the problems it finds, one line each (none when the rule holds).
Check = Callable[[], list[str]]


class ValidationError(ValueError):
    """The cleaned table breaks one or more rules; the message lists each problem on a line."""


#: The cleaned table's columns (milestone 1.4) and the kind of dtype each must have.
SCHEMA = {
    "gender": "category", "senior_citizen": "bool", "partner": "bool", "dependents": "bool",
    "tenure": "integer", "phone_service": "bool", "multiple_lines": "bool",
    "internet_service": "category", "online_security": "bool", "online_backup": "bool",
    "device_protection": "bool", "tech_support": "bool", "streaming_tv": "bool",
    "streaming_movies": "bool", "contract": "category", "paperless_billing": "bool",
    "payment_method": "category", "monthly_charges": "float", "total_charges": "float",
    "churn": "bool",
}
#: The only levels these columns may take.
LEVELS = {
    "contract": {"Month-to-month", "One year", "Two year"},
    "internet_service": {"DSL", "Fiber optic", "No"},
    "payment_method": {"Electronic check", "Mailed check", "Bank transfer (automatic)",
                       "Credit card (automatic)"},
}


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """Check the cleaned table against every rule; raise once, listing every problem.

    The rules:

    - exactly the 20 columns of `SCHEMA`, each with its kind of dtype: bool, integer
      (``tenure``), float (the money) or category (text levels; ``string`` is accepted too);
    - no missing values anywhere;
    - ``tenure >= 0``, ``0 < monthly_charges < 200`` and ``total_charges >= 0``;
    - ``contract``, ``internet_service`` and ``payment_method`` hold only the `LEVELS`;
    - one row per customer: the index has no repeated id.

    Parameters
    ----------
    df : DataFrame of shape (n_customers, 20)
        The cleaned table from milestone 1.4, indexed by ``customer_id``.

    Returns
    -------
    DataFrame
        `df` itself, unchanged, when every rule holds; so ``validate(clean(raw))`` chains.

    Raises
    ------
    ValidationError
        When any rule is broken. Its message has one line per problem, naming the column,
        how many rows break the rule and a few example ids, e.g.
        ``tenure: 2 row(s) break tenure >= 0 (e.g. 5310-FEGMO, 2741-EDZEA)``.

    Examples
    --------
    >>> table = validate(clean_table)  # doctest: +SKIP
    >>> table is clean_table  # doctest: +SKIP
    True
    >>> validate(clean_table.head(2).assign(tenure=-1))  # doctest: +SKIP
    Traceback (most recent call last):
    validate.ValidationError: tenure: 2 row(s) break tenure >= 0 (e.g. 5310-FEGMO, 2741-EDZEA)
    """
    raise NotImplementedError("Milestone 1.5: write validate")
