"""Tests for churnkit.missing."""

import numpy as np
import pandas as pd
import pytest

from churnkit.missing import columns_above, format_report, missing_report


@pytest.fixture
def customers():
    """Five customers with gaps: `tenure` misses 1, `MonthlyCharges` 2, `Contract` none."""
    return pd.DataFrame(
        {
            "tenure": [1.0, np.nan, 34.0, 2.0, 45.0],
            "Contract": ["Month-to-month", "One year", "Month-to-month", "Two year", "One year"],
            "MonthlyCharges": [29.85, 56.95, None, np.nan, 42.30],
        }
    )


def test_missing_report_counts_nan_and_none(customers):
    report = missing_report(customers)
    assert report.loc["tenure", "n_missing"] == 1
    assert report.loc["MonthlyCharges", "n_missing"] == 2
    assert report.loc["Contract", "n_missing"] == 0


def test_missing_report_share_is_count_over_rows(customers):
    report = missing_report(customers)
    assert report.loc["MonthlyCharges", "share_missing"] == pytest.approx(2 / 5)
    assert report.loc["tenure", "share_missing"] == pytest.approx(1 / 5)
    assert report.loc["Contract", "share_missing"] == 0.0


def test_missing_report_columns_index_and_dtypes(customers):
    report = missing_report(customers)
    assert list(report.columns) == ["n_missing", "share_missing"]
    assert report.index.name == "column"
    assert report["n_missing"].dtype == np.int64
    assert report["share_missing"].dtype == np.float64


def test_missing_report_sorts_by_count_keeping_ties_in_frame_order():
    frame = pd.DataFrame(
        {"a": [1, 2, 3], "b": [None, 2, None], "c": [None, 2, 3], "d": [1, None, 3]}
    )
    report = missing_report(frame)
    assert list(report.index) == ["b", "c", "d", "a"]
    assert report["n_missing"].tolist() == [2, 1, 1, 0]


def test_missing_report_counts_pandas_na_and_nat():
    frame = pd.DataFrame(
        {
            "SeniorCitizen": pd.array([1, pd.NA, 0], dtype="Int64"),
            "signup": pd.to_datetime(["2024-01-05", None, "2024-03-01"]),
        }
    )
    assert missing_report(frame)["n_missing"].to_dict() == {"SeniorCitizen": 1, "signup": 1}


def test_missing_report_nothing_missing():
    report = missing_report(pd.DataFrame({"x": [1, 2], "y": ["a", "b"]}))
    assert report["n_missing"].tolist() == [0, 0]
    assert report["share_missing"].tolist() == [0.0, 0.0]


def test_columns_above_lists_every_column_missing_something(customers):
    assert columns_above(missing_report(customers)) == ["MonthlyCharges", "tenure"]


def test_columns_above_is_strict(customers):
    report = missing_report(customers)
    assert columns_above(report, max_share=0.2) == ["MonthlyCharges"]
    assert columns_above(report, max_share=0.4) == []


def test_format_report_one_line_per_missing_column(customers):
    text = format_report(missing_report(customers))
    assert text == "MonthlyCharges: 2 missing (40.0%)\ntenure: 1 missing (20.0%)"


def test_format_report_decimals():
    report = missing_report(pd.DataFrame({"TotalCharges": [None] + [1.0] * 7042}))
    assert format_report(report, decimals=3) == "TotalCharges: 1 missing (0.014%)"


def test_format_report_nothing_missing():
    assert format_report(missing_report(pd.DataFrame({"x": [1]}))) == "nothing missing"


# BEGIN SOLUTION 7.2
def test_missing_report_counts_blank_strings_gh1():
    # The Telco export writes " " where TotalCharges has no value (new customers).
    frame = pd.DataFrame({"TotalCharges": ["29.85", " ", "", "1889.5", "\t"]})
    report = missing_report(frame)
    assert report.loc["TotalCharges", "n_missing"] == 3
    assert report.loc["TotalCharges", "share_missing"] == pytest.approx(3 / 5)
# STARTER
# END SOLUTION


# BEGIN SOLUTION 7.2
def test_missing_report_blank_strings_change_the_order_gh1():
    frame = pd.DataFrame(
        {
            "tenure": [1.0, np.nan, 3.0, 4.0],
            "TotalCharges": ["29.85", " ", "  ", "108.15"],
            "Contract": ["One year", "Two year", "Month-to-month", "Two year"],
        }
    )
    report = missing_report(frame)
    assert report["n_missing"].to_dict() == {"TotalCharges": 2, "tenure": 1, "Contract": 0}
    assert columns_above(report) == ["TotalCharges", "tenure"]
# STARTER
# END SOLUTION
