"""Milestone 1.2: TotalCharges as money; blanks are customers not billed yet."""

import pandas as pd

from grader.engine.checks import expect, expect_dtype, expect_equal, expect_type, milestone
from grader.week01 import reference

NOT_BILLED = "0.0 for customers with tenure 0: they have not been billed yet"


def _charges(week, name="telco_churn_raw"):
    """The input table and the learner's parsed column, computed once for all checks."""
    raw = week.label(reference.indexed(week.data(name)), name)
    got = week.once(f"total_charges({name})",
                    lambda: week.call("clean.total_charges_as_float", raw))
    expect_type(got, pd.Series, what="TotalCharges")
    return raw, got


@milestone("1.2")
def test_charges_are_float64_named_total_charges(week):
    _, got = _charges(week)
    expect_dtype(got, "float64", what="TotalCharges")
    expect(got.name == "TotalCharges", "name the Series after its column",
           expected="name 'TotalCharges'", got=f"name {got.name!r}")


@milestone("1.2")
def test_blank_charges_become_zero(week):
    raw, got = _charges(week)
    expect(got.index.equals(raw.index), "keep one value per customer, indexed like raw",
           expected=f"{len(raw)} values indexed by customerID", got=f"{len(got)} values")
    new = raw.index[raw["tenure"] == 0]
    expected = reference.total_charges(week.data("telco_churn_raw")).loc[new]
    expect_equal(got.loc[new].rename("TotalCharges"), expected,
                 what="TotalCharges of customers with tenure 0", explain=NOT_BILLED)


@milestone("1.2")
def test_billed_charges_parsed_exactly(week):
    _, got = _charges(week)
    expect_dtype(got, "float64", what="TotalCharges")
    expected = reference.total_charges(week.data("telco_churn_raw"))
    expect_equal(got.rename("TotalCharges"), expected, what="TotalCharges")
