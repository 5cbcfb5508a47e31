"""Milestone 1.10: pandas, polars and DuckDB give the same churn summary of the raw file.

Each engine's function reads the CSV itself; its table is compared, order-insensitively, with
a pandas computation made here from the raw text: one row per (contract, internet service)
pair, customers exact, shares and means within a relative 1e-9.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import (
    CheckFailed,
    Handle,
    expect,
    expect_columns,
    expect_equal,
    expect_type,
    milestone,
)

COLUMNS = ["contract", "internet_service", "customers", "churn_rate", "mean_monthly_charges"]
KEYS = ["contract", "internet_service"]
#: Engine name -> the learner function that uses it.
ENGINES = {"pandas": "engines.churn_summary_pandas",
           "polars": "engines.churn_summary_polars",
           "duckdb": "engines.churn_summary_duckdb"}


def expected_summary(raw_text: pd.DataFrame) -> pd.DataFrame:
    """The judge's answer: per (Contract, InternetService), sorted by the two keys."""
    frame = pd.DataFrame({
        "contract": raw_text["Contract"],
        "internet_service": raw_text["InternetService"],
        "churned": raw_text["Churn"] == "Yes",
        "charges": pd.to_numeric(raw_text["MonthlyCharges"]).astype("float64"),
    })
    summary = frame.groupby(KEYS).agg(customers=("churned", "size"),
                                      churn_rate=("churned", "mean"),
                                      mean_monthly_charges=("charges", "mean"))
    return _plain(summary.reset_index().sort_values(KEYS, ignore_index=True))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Keys as Python text, numbers as float64/int64: dtypes the engines need not share."""
    out = pd.DataFrame({key: frame[key].astype(object).map(str) for key in KEYS})
    out["customers"] = frame["customers"].astype("int64")
    for column in ("churn_rate", "mean_monthly_charges"):
        out[column] = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    return out


def _required_type(engine: str) -> type:
    if engine == "polars":
        import polars as pl

        return pl.DataFrame
    return pd.DataFrame


def as_checked_table(got: Any, engine: str) -> pd.DataFrame:
    """The engine's result after the type, column and dtype checks, as a sorted pandas table."""
    what = f"churn_summary_{engine}(...)"
    if isinstance(got, Handle) and got.type_name.endswith("LazyFrame"):
        raise CheckFailed(f"{what} returned a LazyFrame: a query plan, not its result",
                          expected="polars DataFrame",
                          got="polars LazyFrame (end the query with .collect())")
    if engine == "polars" and isinstance(got, pd.DataFrame):
        failed = CheckFailed(f"{what} should be a polars DataFrame", expected="polars DataFrame",
                             got=f"pandas DataFrame of shape {got.shape}")
        failed.lines.append("Tip       return the polars result itself: the caller converts "
                            "(drop .to_pandas())")
        raise failed
    expect_type(got, _required_type(engine), what=what)
    table = got.to_pandas() if engine == "polars" else got
    expect_columns(table, COLUMNS, what=what)
    kind = table["customers"].dtype.kind
    expect(kind in "iu", f"{what}: customers should be whole numbers",
           expected="an integer column (a count of rows)",
           got=f"{table['customers'].dtype}, first values {table['customers'].tolist()[:3]}")
    rates = table["churn_rate"]
    expect(rates.dtype.kind == "f" and bool(((rates >= 0) & (rates <= 1)).all()),
           f"{what}: churn_rate should be a share between 0 and 1 (churners / customers)",
           expected="floats from 0 to 1, e.g. 0.553",
           got=f"{rates.dtype} values {rates.tolist()[:4]} (a count of 'Yes'? a percentage?)")
    pairs = table[KEYS].astype(str)
    repeated = pairs[pairs.duplicated()].drop_duplicates()
    expect(repeated.empty, f"{what} should have one row per (contract, internet_service) pair",
           expected="each pair once (group by exactly these two columns)",
           got=f"{len(table)} rows; repeated pairs, e.g. "
               f"{[tuple(row) for row in repeated.head(3).itertuples(index=False)]}")
    return _plain(table.sort_values(KEYS, ignore_index=True))


def check_summary(got: Any, engine: str, raw_text: pd.DataFrame) -> pd.DataFrame:
    """The engine's table equals the judge's, in any row order; returns it sorted."""
    table = as_checked_table(got, engine)
    expected = expected_summary(raw_text)
    found = set(map(tuple, table[KEYS].to_numpy().tolist()))
    wanted = set(map(tuple, expected[KEYS].to_numpy().tolist()))
    expect(found == wanted, f"churn_summary_{engine}(...) should have a row for each "
           "(contract, internet_service) pair in the file",
           expected=f"{len(wanted)} pairs", got=f"{len(found)} pairs; missing "
           f"{sorted(wanted - found)[:3]}; unexpected {sorted(found - wanted)[:3]}")
    expect_equal(table, expected, what=f"churn_summary_{engine}(...), sorted by contract and "
                 "internet_service", rtol=1e-9)
    return table


def _summary(week, engine: str) -> Any:
    """The engine's answer on the learner file, computed once for the checks below."""
    def run():
        path = week.label(week.data_path("telco_churn_raw"), "'../../data/telco_churn_raw.csv'")
        return week.call(ENGINES[engine], path)

    return week.once(f"{ENGINES[engine]}(telco_churn_raw)", run)


@milestone("1.10")
def test_pandas_summary_matches(week):
    check_summary(_summary(week, "pandas"), "pandas", week.data("telco_churn_raw"))


@milestone("1.10")
def test_polars_summary_matches(week):
    check_summary(_summary(week, "polars"), "polars", week.data("telco_churn_raw"))


@milestone("1.10")
def test_duckdb_summary_matches(week):
    check_summary(_summary(week, "duckdb"), "duckdb", week.data("telco_churn_raw"))


@milestone("1.10")
def test_three_engines_agree(week):
    tables = {engine: as_checked_table(_summary(week, engine), engine) for engine in ENGINES}
    for engine in ("polars", "duckdb"):
        expect_equal(tables[engine], tables["pandas"], rtol=1e-9,
                     what=f"churn_summary_{engine} compared with churn_summary_pandas")
