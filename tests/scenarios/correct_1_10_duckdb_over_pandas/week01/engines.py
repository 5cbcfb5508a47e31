"""Milestone 1.10: one business question, answered by three data engines.

The retention team asks: *per contract and internet service, how many customers do we have,
what share of them left, and what do they pay each month?* You will answer it three times,
from the raw CSV each time: with pandas, with polars and with DuckDB's SQL. Not because the
question needs three tools, but because you will meet all three at work: pandas in most
notebooks, polars in pipelines that outgrew pandas, SQL wherever data lives in a database or a
warehouse. Writing the same answer in each shows what the tools share (group, aggregate,
name the result) and where they differ (eager or lazy, methods or SQL, who owns the index).
The three answers must agree to the last digit: that agreement is your test.

Every function returns the same table, one row per (contract, internet service) pair:

==================== ========= ================================================
column               type      meaning
==================== ========= ================================================
contract             text      ``Contract`` as written in the file
internet_service     text      ``InternetService`` as written in the file
customers            int       customers in the group (rows of the file)
churn_rate           float     share of them with ``Churn == "Yes"``, 0 to 1
mean_monthly_charges float     mean ``MonthlyCharges``, in dollars
==================== ========= ================================================

The row order is not specified: each engine groups in its own order (polars even changes it
from run to run). Sort by ``contract`` and ``internet_service`` before comparing or showing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import polars as pl

#: The columns every summary has, in this order.
SUMMARY_COLUMNS = ["contract", "internet_service", "customers", "churn_rate",
                   "mean_monthly_charges"]
#: The raw columns the question needs; reading only these is faster with every engine.
NEEDED = ["Contract", "InternetService", "Churn", "MonthlyCharges"]


def churn_summary_pandas(path: str | Path) -> pd.DataFrame:
    """Churn per (contract, internet service) pair, computed with pandas.

    pandas is the engine you will meet first in most teams: eager, in memory, with an index
    that ``groupby`` fills unless you ask it not to (``as_index=False``).

    Parameters
    ----------
    path : str or Path
        The raw Telco CSV, e.g. ``"../../data/telco_churn_raw.csv"``.

    Returns
    -------
    pandas DataFrame of shape (n_pairs, 5)
        Columns ``contract, internet_service, customers, churn_rate, mean_monthly_charges``
        (see the module docstring), one row per pair present in the file, in no particular
        order, with a plain ``RangeIndex``.

    Examples
    --------
    >>> summary = churn_summary_pandas("../../data/telco_churn_raw.csv")  # doctest: +SKIP
    >>> summary.sort_values(["contract", "internet_service"]).iloc[0, :3].tolist()  # doctest: +SKIP
    ['Month-to-month', 'DSL', 988]
    """
    raw = pd.read_csv(path)
    grouped = raw.groupby(["Contract", "InternetService"])
    summary = pd.DataFrame({
        "customers": grouped.size(),
        "churn_rate": grouped["Churn"].apply(lambda churn: (churn == "Yes").mean()),
        "mean_monthly_charges": grouped["MonthlyCharges"].mean(),
    })
    summary.index.names = ["contract", "internet_service"]
    return summary.reset_index()


def churn_summary_polars(path: str | Path) -> pl.DataFrame:
    """Churn per (contract, internet service) pair, computed with polars.

    polars answers with expressions (``pl.col("Churn") == "Yes"``) evaluated by a query
    engine, in parallel, and has no index: the group keys are ordinary columns. Its result is
    a polars DataFrame; converting it to pandas is the caller's choice, not this function's.

    Parameters
    ----------
    path : str or Path
        The raw Telco CSV.

    Returns
    -------
    polars DataFrame of shape (n_pairs, 5)
        The same columns and values as `churn_summary_pandas`, with ``customers`` as
        ``Int64``; the row order is not specified (polars' group order varies between runs).

    Examples
    --------
    >>> summary = churn_summary_polars("../../data/telco_churn_raw.csv")  # doctest: +SKIP
    >>> summary.sort("contract", "internet_service").row(0)[:3]  # doctest: +SKIP
    ('Month-to-month', 'DSL', 988)
    """
    raw = pl.read_csv(path, columns=NEEDED)
    summary = raw.group_by("Contract", "InternetService").agg(
        customers=pl.len().cast(pl.Int64),  # pl.len() counts as UInt32; the others say Int64
        churn_rate=(pl.col("Churn") == "Yes").mean(),
        mean_monthly_charges=pl.col("MonthlyCharges").mean(),
    )
    summary = summary.rename({"Contract": "contract", "InternetService": "internet_service"})
    return summary.select(SUMMARY_COLUMNS)


def churn_summary_duckdb(path: str | Path) -> pd.DataFrame:
    """Churn per (contract, internet service) pair, computed with DuckDB's SQL.

    SQL is how most company data is queried. DuckDB runs it in process, straight over the CSV
    (``read_csv``), with no database server to set up; ``.df()`` hands the result to pandas.

    Parameters
    ----------
    path : str or Path
        The raw Telco CSV.

    Returns
    -------
    pandas DataFrame of shape (n_pairs, 5)
        The same columns and values as `churn_summary_pandas`; the row order is not
        specified (SQL promises an order only with ``ORDER BY``).

    Examples
    --------
    >>> summary = churn_summary_duckdb("../../data/telco_churn_raw.csv")  # doctest: +SKIP
    >>> list(summary.columns)  # doctest: +SKIP
    ['contract', 'internet_service', 'customers', 'churn_rate', 'mean_monthly_charges']
    """
    customers = pd.read_csv(path)  # duckdb finds this frame by its name in the query
    return duckdb.query("""
        SELECT Contract AS contract,
               InternetService AS internet_service,
               count(*) AS customers,
               count_if(Churn = 'Yes') / count(*) AS churn_rate,
               mean(MonthlyCharges) AS mean_monthly_charges
        FROM customers
        GROUP BY ALL
        ORDER BY churn_rate DESC
    """).df()
