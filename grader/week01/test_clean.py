"""Milestone 1.2: TotalCharges as money; blanks are customers not billed yet."""

from grader.engine.checks import expect, expect_dtype, expect_equal, milestone
from grader.week01 import reference


def _charges(week, name="telco_churn_raw"):
    """The input table and the learner's parsed column, computed once for all checks."""
    raw = week.label(reference.indexed(week.data(name)), name)
    return raw, week.once(f"total_charges({name})",
                          lambda: week.call("clean.total_charges_as_float", raw))


@milestone("1.2")
def test_charges_are_float64(week):
    _, got = _charges(week)
    expect_dtype(got, "float64", what="TotalCharges")


@milestone("1.2")
def test_blank_charges_become_zero(week):
    raw, got = _charges(week)
    expect_dtype(got, "float64", what="TotalCharges")
    new = raw.index[raw["tenure"] == 0]
    expect(got.index.equals(raw.index), "keep one value per customer, indexed like raw",
           expected=f"{len(raw)} values indexed by customerID", got=f"{len(got)} values")
    expect_equal(got.loc[new], reference.total_charges(week.data("telco_churn_raw")).loc[new],
                 what="TotalCharges of customers with tenure 0")


@milestone("1.2")
def test_billed_charges_parsed_exactly(week):
    _raw, got = _charges(week)
    expect_dtype(got, "float64", what="TotalCharges")
    expected = reference.total_charges(week.data("telco_churn_raw"))
    expect_equal(got.rename("TotalCharges"), expected, what="TotalCharges")
