"""Milestone 1.1: load the raw file with explicit dtypes, indexed by customer id."""

import pandas as pd

from grader.engine.checks import (
    expect,
    expect_columns,
    expect_dtypes,
    expect_equal,
    expect_index,
    expect_type,
    milestone,
)
from grader.week01.reference import LOAD_DTYPES, duplicated_customers, without_blanks


def _load(week):
    """The learner's table, loaded once and inspected by each check below."""

    def load():
        path = week.label(week.data_path("telco_churn_raw"), "'../../data/telco_churn_raw.csv'")
        return week.call("load.load_raw", path)

    got = week.once("load_raw(telco_churn_raw)", load)
    expect_type(got, pd.DataFrame)
    return got


@milestone("1.1")
def test_indexed_by_customer_id(week):
    expect_index(_load(week), "customerID")


@milestone("1.1")
def test_every_customer_kept(week):
    got = _load(week)
    raw = week.data("telco_churn_raw")
    twins = duplicated_customers(raw)
    expect(len(got) == len(raw), "every row of the file is a customer: keep them all",
           expected=f"{len(raw)} rows ({twins} look like duplicates but are different customers)",
           got=f"{len(got)} rows")


@milestone("1.1")
def test_columns_and_explicit_dtypes(week):
    got = _load(week)
    expect_columns(got, LOAD_DTYPES)
    expect_dtypes(got, LOAD_DTYPES)


@milestone("1.1")
def test_dtypes_do_not_depend_on_the_rows(week):
    """A month with no new customers has no blanks: read_csv's guess for TotalCharges changes."""
    path = week.put_file("telco_no_blanks.csv", without_blanks(week.data("telco_churn_raw")))
    got = week.call("load.load_raw", week.label(path, "'telco_no_blanks.csv'"))
    expect_type(got, pd.DataFrame)
    expect_dtypes(got, LOAD_DTYPES, what="the table from a file without blank TotalCharges "
                  "(did you choose the dtypes, or let read_csv guess?)")


@milestone("1.1")
def test_values_read_as_written(week):
    got = _load(week)
    raw = week.data("telco_churn_raw").set_index("customerID")
    expect_equal(got["TotalCharges"].astype(str), raw["TotalCharges"],
                 what="TotalCharges (kept as text, blanks included)")
    expect_equal(got["MonthlyCharges"].astype(float), pd.to_numeric(raw["MonthlyCharges"]),
                 what="MonthlyCharges")
    expect_equal(got["Contract"].astype(str), raw["Contract"], what="Contract")
