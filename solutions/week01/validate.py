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
    # BEGIN SOLUTION
    kinds = {  # the dtypes each kind of column may have
        "bool": pd.api.types.is_bool_dtype,
        "integer": pd.api.types.is_integer_dtype,
        "float": pd.api.types.is_float_dtype,
        "category": lambda d: isinstance(d, pd.CategoricalDtype) or pd.api.types.is_string_dtype(d),
    }
    # Value rules look only at columns that exist with the right kind of dtype: the column and
    # dtype rules report the others, and `"Yes" >= 0` would only raise a TypeError.
    usable = {c for c, kind in SCHEMA.items() if c in df.columns and kinds[kind](df[c].dtype)}

    def rows(column: str, bad: pd.Series | list[bool], rule: str) -> list[str]:
        """One problem line if some rows break `rule`, with a few of their ids; else none."""
        ids = df.index[list(bad)]
        if len(ids) == 0:
            return []
        examples = ", ".join(map(str, ids[:3])) + (", ..." if len(ids) > 3 else "")
        return [f"{column}: {len(ids)} row(s) break {rule} (e.g. {examples})"]

    def values(column: str, ok: Callable[[pd.Series], pd.Series], rule: str) -> Check:
        """A rule on one column: `ok(values)` is True where a row follows it."""
        def check() -> list[str]:
            if column not in usable:
                return []
            known = df[column].notna()  # missing values have a rule of their own
            return rows(column, known & ~ok(df[column]).fillna(False).astype(bool), rule)
        return check

    def columns() -> list[str]:
        missing = [c for c in SCHEMA if c not in df.columns]
        extra = [c for c in df.columns if c not in SCHEMA]
        return ([f"columns: missing {missing}"] if missing else []) + (
            [f"columns: unexpected {extra}"] if extra else [])

    def dtypes() -> list[str]:
        return [f"{c}: dtype {df[c].dtype}, expected {kind}" for c, kind in SCHEMA.items()
                if c in df.columns and c not in usable]

    def complete() -> list[str]:
        return [line for c in df.columns for line in rows(c, df[c].isna(), "no missing values")]

    def unique_ids() -> list[str]:
        return rows("index", df.index.duplicated(keep=False), "one row per customer id")

    rules: list[tuple[str, Check]] = [  # (name, check); a check returns its problems
        ("the 20 columns", columns),
        ("dtypes", dtypes),
        ("no missing values", complete),
        ("tenure >= 0", values("tenure", lambda s: s >= 0, "tenure >= 0")),
        ("0 < monthly_charges < 200", values("monthly_charges", lambda s: (s > 0) & (s < 200),
                                             "0 < monthly_charges < 200")),
        ("total_charges >= 0", values("total_charges", lambda s: s >= 0, "total_charges >= 0")),
        *[(f"known {c} levels", values(c, lambda s, c=c: s.isin(LEVELS[c]),
                                       f"{c} in {sorted(LEVELS[c])}")) for c in LEVELS],
        ("one row per customer", unique_ids),
    ]
    # Every rule runs, whatever the others found: one error then lists every problem.
    problems = [problem for _, check in rules for problem in check()]
    if problems:
        raise ValidationError("\n".join(problems))
    return df
    # END SOLUTION
