"""Hidden checks for 2.1: features must not depend on churn, and must work on new customers.

A feature built from churn (say, the churn rate of the customer's contract type, computed on
the table it is given) passes every public check: it is a finite number. It changes, though,
when only churn is shuffled, and it cannot be computed when churn is not there yet.
"""

import numpy as np
import pandas as pd

from grader.engine.checks import expect, expect_equal, expect_type, milestone
from grader.week02 import ref_features
from grader.week02.ref_features import REQUIRED
from grader.week02.test_features import (
    expect_extra_features_finite,
    expect_same_rows,
    features_of,
)

LEAK = "uses whether the customer left"
UNLABELLED = "fails on customers whose churn is not known yet"
UNSEEN = "fails on unseen customers"
HOLDOUT = "telco_churn_holdout_clean"


def features_again(week, table, label):
    got = week.call("features.add_features", week.label(table, label))
    expect_type(got, pd.DataFrame, what="add_features(customers)")
    expect_same_rows(got, table)
    return got


def expect_same_features(got, original, change):
    """Every column `original` has, with identical values: only churn differed."""
    expect(list(got.columns) == list(original.columns),
           f"add_features returned other columns when {change}",
           expected=f"{list(original.columns)[-4:]} at the end", got=f"{list(got.columns)[-4:]}")
    differ = [c for c in original.columns if not got[c].equals(original[c])]
    if differ:
        first = differ[0]
        changed = got[first].ne(original[first]).to_numpy()
        expect(False, f"add_features gave other values in {', '.join(differ[:4])} when {change}: "
               "a feature built from churn leaks the answer (it is unknown when you score)",
               expected="the same features: churn must not feed any of them",
               got=f"{int(changed.sum())} of {len(changed)} values of {first} changed, e.g. "
                   f"{_short(original[first][changed])} -> {_short(got[first][changed])}")


def _short(values):
    return "[" + ", ".join(f"{v:.4g}" if isinstance(v, float) else repr(v)
                           for v in values.head(2).tolist()) + "]"


@milestone("2.1", category=LEAK)
def test_features_unchanged_when_churn_is_shuffled(week, seed):
    table, original = features_of(week)
    shuffled = table.copy()
    shuffled["churn"] = np.random.default_rng(seed).permutation(table["churn"].to_numpy())
    got = features_again(week, shuffled, "customers with churn shuffled")
    expect_same_features(got, original, "only churn was shuffled")


@milestone("2.1", category=UNLABELLED)
def test_features_unchanged_without_churn_column(week):
    table, original = features_of(week)
    got = features_again(week, table.drop(columns="churn"), "customers without churn")
    expect_same_features(got, original, "churn was not in the table")


def expect_required_features(got, table):
    expected = ref_features.expected_features(table)
    missing = [c for c in REQUIRED if c not in got.columns]
    expect(not missing, "add_features should return the three features",
           expected=", ".join(REQUIRED), got=f"no column {', '.join(missing)}")
    expect("churn" not in got.columns, "drop churn", expected="no churn column",
           got="a churn column")
    got = got[REQUIRED].astype({"tenure_band": "object", "n_services": "int64"})
    expect_equal(got, expected.astype({"tenure_band": "object"}), what="the three features")


@milestone("2.1", category=UNSEEN)
def test_features_of_holdout_customers(week):
    table = week.data(HOLDOUT)
    got = features_again(week, table, HOLDOUT)
    expect_required_features(got, table)
    expect_extra_features_finite(got, table)


@milestone("2.1", category=UNSEEN)
def test_features_with_new_payment_method_and_other_column_order(week, seed):
    """Next month's customers: a payment method never seen before, columns in another order."""
    rng = np.random.default_rng(seed)
    table = week.data(HOLDOUT)
    new = rng.random(len(table)) < 0.05
    method = table["payment_method"].cat.add_categories(["Crypto wallet"])
    table["payment_method"] = method.where(~new, "Crypto wallet")
    table = table[list(rng.permutation(table.columns))]
    got = features_again(week, table, "holdout customers, a new payment method, columns shuffled")
    expect_required_features(got, table)
    expect_equal(got["payment_method"].astype(str), table["payment_method"].astype(str),
                 what="payment_method (a level never seen before must survive)")
    expect_extra_features_finite(got, table)
