"""How much of a customer table is missing, column by column.

Churn tables come from billing exports, CRM dumps and spreadsheets, and each of them spells
"nothing here" its own way. `missing_report` is the first thing to run on a new table.
"""

from __future__ import annotations

import pandas as pd

#: The columns of the table `missing_report` returns, in this order.
REPORT_COLUMNS = ["n_missing", "share_missing"]


def missing_report(frame: pd.DataFrame) -> pd.DataFrame:
    """Count the missing values of each column, most missing first.

    A value is missing when pandas says so (NaN, None, NaT, ``pd.NA``) or when it is a string
    that is empty once surrounding whitespace is stripped (``""``, ``" "``): CSV exports write
    blanks where there is no value. The raw Telco export's ``TotalCharges`` holds 10 of them
    in its 5,634 rows (IBM's full file: 11 of 7,043).

    Parameters
    ----------
    frame : DataFrame of shape (n_rows, n_columns)
        Any table.

    Returns
    -------
    DataFrame of shape (n_columns, 2)
        Indexed by column name (index name ``column``). ``n_missing`` (int64) counts the
        missing values, ``share_missing`` (float64) is ``n_missing / n_rows``. Rows are sorted
        by ``n_missing``, largest first; columns with equal counts keep the frame's order.

    Examples
    --------
    >>> frame = pd.DataFrame({"tenure": [1, 2, None, 4], "TotalCharges": ["29.85", " ", "", "5"]})
    >>> report = missing_report(frame)
    >>> report["n_missing"].to_dict()
    {'TotalCharges': 2, 'tenure': 1}
    >>> report["share_missing"].tolist()
    [0.5, 0.25]
    """
    missing = frame.isna()
    counts = missing.sum().astype("int64")
    report = pd.DataFrame(
        {"n_missing": counts, "share_missing": counts / len(frame) if len(frame) else 0.0},
        columns=REPORT_COLUMNS,
    ).astype({"share_missing": "float64"})
    report.index.name = "column"
    return report.sort_values("n_missing", ascending=False, kind="stable")


def columns_above(report: pd.DataFrame, max_share: float = 0.0) -> list[str]:
    """Return the columns whose ``share_missing`` is above `max_share`, in the report's order.

    Parameters
    ----------
    report : DataFrame
        As `missing_report` returns it.
    max_share : float, default=0.0
        The largest share of missing values that is still acceptable; the default lists every
        column that misses anything.

    Examples
    --------
    >>> report = pd.DataFrame({"n_missing": [3, 1, 0], "share_missing": [0.3, 0.1, 0.0]},
    ...                       index=pd.Index(["a", "b", "c"], name="column"))
    >>> columns_above(report, 0.1)
    ['a']
    """
    return [str(name) for name in report.index[report["share_missing"] > max_share]]


def format_report(report: pd.DataFrame, decimals: int = 1) -> str:
    """Render a report as text, one line per column that misses something.

    Each line reads ``<column>: <n_missing> missing (<share as a percentage>%)``, percentages
    with `decimals` decimals. A report with nothing missing renders as ``"nothing missing"``.

    Examples
    --------
    >>> report = pd.DataFrame({"n_missing": [10, 0], "share_missing": [10 / 5634, 0.0]},
    ...                       index=pd.Index(["TotalCharges", "tenure"], name="column"))
    >>> print(format_report(report, decimals=2))
    TotalCharges: 10 missing (0.18%)
    """
    lines = [
        f"{name}: {int(row.n_missing)} missing ({100 * row.share_missing:.{decimals}f}%)"
        for name, row in report.iterrows()
        if row.n_missing > 0
    ]
    return "\n".join(lines) if lines else "nothing missing"
