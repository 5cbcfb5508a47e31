"""Hidden checks for week 1: held-out customers and perturbed copies the learner never saw."""

import numpy as np
import pandas as pd

from grader.engine.checks import (
    expect,
    expect_dtypes,
    expect_equal,
    expect_index,
    expect_type,
    milestone,
)
from grader.week01 import reference
from grader.week01.reference import LOAD_DTYPES

UNSEEN = "fails on unseen customers"


@milestone("1.1", category=UNSEEN)
def test_load_holdout_customers(week):
    got = week.call("load.load_raw", week.data_path("telco_churn_holdout"))
    raw = week.data("telco_churn_holdout")
    expect_index(got, "customerID")
    expect(len(got) == len(raw), "load every held-out customer", expected=len(raw), got=len(got))
    expect_dtypes(got, LOAD_DTYPES)
    expect_equal(got["TotalCharges"].astype(str), raw.set_index("customerID")["TotalCharges"],
                 what="TotalCharges")


@milestone("1.2", category=UNSEEN)
def test_charges_on_holdout(week):
    raw = week.data("telco_churn_holdout")
    got = week.call("clean.total_charges_as_float", reference.indexed(raw))
    expect_type(got, pd.Series, what="TotalCharges")
    expect_equal(got.rename("TotalCharges"), reference.total_charges(raw), what="TotalCharges")


@milestone("1.1", category="fails on a file without blank charges")
def test_load_holdout_without_blanks(week):
    path = week.put_file("holdout_no_blanks.csv",
                         reference.without_blanks(week.data("telco_churn_holdout")))
    expect_dtypes(week.call("load.load_raw", path), LOAD_DTYPES)


@milestone("1.2", category="fails when blanks or row order change")
def test_charges_on_shuffled_padded_copy(week, seed):
    """Blanks written as several spaces or an empty field, rows shuffled: same money."""
    rng = np.random.default_rng(seed)
    raw = week.data("telco_churn_holdout").sample(frac=1.0, random_state=rng.integers(2**31))
    blank = raw["TotalCharges"].str.strip() == ""
    raw.loc[blank, "TotalCharges"] = rng.choice(["", "   ", "\t"], size=int(blank.sum()))
    raw["TotalCharges"] = raw["TotalCharges"].where(blank, " " + raw["TotalCharges"] + " ")
    got = week.call("clean.total_charges_as_float", reference.indexed(raw))
    expect_type(got, pd.Series, what="TotalCharges")
    expect_equal(got.rename("TotalCharges"), reference.total_charges(raw), what="TotalCharges")


@milestone("1.3", category="gives answers that do not follow the data (typed in by hand?)")
def test_first_look_on_held_out_customers(week):
    """The same notebook, fed held-out customers under the usual file name."""
    week.run_notebook("first_look.ipynb", data={"telco_churn_raw": "telco_churn_holdout"})
    raw = week.data("telco_churn_holdout")
    expect_equal(week.eval("n_customers"), len(raw), what="n_customers")
    expect_equal(week.eval("churn_rate"), float((raw["Churn"] == "Yes").mean()),
                 what="churn_rate")
    expect_equal(week.eval("unbilled"), int((raw["tenure"] == "0").sum()), what="unbilled")
