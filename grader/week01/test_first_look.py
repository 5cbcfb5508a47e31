"""Milestone 1.3: the first_look notebook runs top to bottom and states the churn rate."""

import numbers

from grader.engine.checks import expect, expect_equal, expect_type, milestone

NOTEBOOK = "first_look.ipynb"


def _raw(week):
    return week.data("telco_churn_raw")


@milestone("1.3")
def test_counts_every_customer(week):
    got = week.eval("n_customers", notebook=NOTEBOOK)
    expect_type(got, numbers.Integral, what="n_customers")
    expect_equal(got, len(_raw(week)),
                 what="n_customers (every row is a customer, duplicate-looking rows included)")


@milestone("1.3")
def test_churn_rate_is_a_share(week):
    got = week.eval("churn_rate", notebook=NOTEBOOK)
    expect_type(got, float, what="churn_rate (a share: churners / customers)")
    expect(0.0 <= got <= 1.0, "churn_rate should be a share between 0 and 1, not a percentage",
           expected="a float between 0 and 1", got=repr(got))
    expected = float((_raw(week)["Churn"] == "Yes").mean())
    expect_equal(got, expected, what="churn_rate", rtol=1e-9)


@milestone("1.3")
def test_unbilled_customers(week):
    got = week.eval("unbilled", notebook=NOTEBOOK)
    expect_type(got, numbers.Integral, what="unbilled")
    expect_equal(got, int((_raw(week)["tenure"] == "0").sum()),
                 what="unbilled (customers with tenure 0; their TotalCharges is ' ', not NaN)")
