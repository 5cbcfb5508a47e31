"""Milestone 2.1: features known on the day a customer is scored, never churn itself.

The expected features are computed here, in the judge (grader/week02/ref_features.py). The
band edges are checked on real customers whose tenure the judge sets to each edge; whether
add_features leaves its input alone is observed in the sandbox, where the call happens.
"""

import numpy as np
import pandas as pd

from grader.engine.checks import (
    expect,
    expect_dtype,
    expect_dtypes,
    expect_equal,
    expect_type,
    milestone,
)
from grader.week02 import ref_features
from grader.week02.ref_features import REQUIRED, TENURE_BANDS

DATA = "telco_churn_clean"


def features_of(week, name=DATA):
    """The input table and the learner's features of it, computed once for all checks."""
    table = week.label(week.data(name), name)
    got = week.once(f"add_features({name})", lambda: week.call("features.add_features", table))
    expect_type(got, pd.DataFrame, what="add_features(customers)")
    expect_same_rows(got, table)
    return table, got


def expect_same_rows(got, table):
    """One row per customer, same ids in the same order: what every value check relies on."""
    expect(len(got) == len(table), "add_features should keep one row per customer",
           expected=f"{len(table)} rows", got=f"{len(got)} rows")
    expect(got.index.equals(table.index),
           "add_features should keep the customers' ids (the index), in the order they came",
           expected=f"index customer_id: {list(table.index[:3])} ...",
           got=f"index {got.index.name}: {list(got.index[:3])} ...")


def expect_has(got, columns, why):
    missing = [c for c in columns if c not in got.columns]
    expect(not missing, f"add_features should return {why}",
           expected=f"columns including {', '.join(missing)}",
           got=f"no column {', '.join(missing)}; the last of {len(got.columns)}: "
               f"..., {', '.join(map(str, got.columns[-4:]))}")


@milestone("2.1")
def test_one_row_per_customer_in_the_same_order(week):
    features_of(week)  # rows and ids are checked on the way


@milestone("2.1")
def test_churn_is_not_a_feature(week):
    _, got = features_of(week)
    expect("churn" not in got.columns,
           "drop churn: it is what the model predicts, unknown on the day you score a customer",
           expected="no churn column", got="a churn column among the features")


@milestone("2.1")
def test_input_columns_kept_with_their_dtypes(week):
    table, got = features_of(week)
    kept = [c for c in table.columns if c != "churn"]
    expect_has(got, kept, "every column it was given (except churn)")
    expect_dtypes(got, {c: str(table[c].dtype) for c in kept}, what="add_features(customers)")
    expect_equal(got[kept], table[kept], what="the input columns in add_features' result",
                 explain="the input columns exactly as they came: only add new columns")


@milestone("2.1")
def test_tenure_band_is_an_ordered_category(week):
    _, got = features_of(week)
    expect_has(got, ["tenure_band"], "a tenure_band column")
    band = got["tenure_band"]
    expect_dtype(band, "category", what="tenure_band")
    levels = [str(level) for level in band.cat.categories]
    expect(levels == TENURE_BANDS, "tenure_band should have exactly the levels of TENURE_BANDS, "
           "in that order", expected=str(TENURE_BANDS), got=str(levels))
    expect(band.cat.ordered, "tenure_band should be an ordered category (0-12 < 13-24 < ...)",
           expected="ordered=True (pd.cut with labels= does this)", got="ordered=False")


@milestone("2.1")
def test_tenure_band_edges(week):
    table = ref_features.with_tenures(week.data(DATA), ref_features.EDGE_TENURES)
    shown = ", ".join(map(str, ref_features.EDGE_TENURES))
    got = week.call("features.add_features", week.label(table, f"customers with tenure {shown}"))
    expect_type(got, pd.DataFrame, what="add_features(customers)")
    expect_same_rows(got, table)
    expect_has(got, ["tenure_band"], "a tenure_band column")
    want = [ref_features.tenure_band(t) for t in ref_features.EDGE_TENURES]
    have = [None if pd.isna(b) else str(b) for b in got["tenure_band"].astype(object)]
    wrong = [f"tenure {t}: expected {w!r}, got {'NaN' if h is None else repr(h)}"
             for t, w, h in zip(ref_features.EDGE_TENURES, want, have, strict=True) if w != h]
    why = ("pd.cut's bands are (left, right]: an edge at 0 leaves tenure 0 out (NaN); "
           "start at -1" if have[0] is None else
           "each edge belongs to the band below it: 12 is '0-12', 13 is '13-24'")
    expect(not wrong,
           f"tenure_band puts {len(wrong)} of {len(want)} edge tenures in the wrong band",
           expected="tenure <= 12: '0-12', <= 24: '13-24', <= 48: '25-48', else '49+'",
           got="\n".join(wrong[:5]) + f"\n{why}")


@milestone("2.1")
def test_n_services_counts_the_eight_services(week):
    table, got = features_of(week)
    expect_has(got, ["n_services"], "an n_services column")
    expect_dtype(got["n_services"], ("int64", "Int64"), what="n_services (a count)")
    expected = ref_features.expected_features(table)["n_services"]
    extra = got["n_services"].astype("int64") - expected
    why = "how many of the 8 SERVICE_COLUMNS are True"
    if (extra == (table["internet_service"] != "No").astype("int64")).all():
        why += "; internet_service has levels (DSL, Fiber optic, No), it is not in the list"
    elif (extra == table["churn"].astype("int64")).all():
        why += "; churn is not a service (and never a feature)"
    expect_equal(got["n_services"].astype("int64"), expected, what="n_services", explain=why)


@milestone("2.1")
def test_charges_per_month_at_tenure_zero(week):
    table, got = features_of(week)
    expect_has(got, ["charges_per_month"], "a charges_per_month column")
    expect_dtype(got["charges_per_month"], "float64", what="charges_per_month")
    new = table.index[table["tenure"] == 0]
    values = got.loc[new, "charges_per_month"]
    expect(bool(np.isfinite(values).all()),
           f"charges_per_month is not a number for the {len(new)} customers with tenure 0",
           expected="monthly_charges for them (total_charges / 0 is inf or NaN)",
           got=f"{values.tolist()[:3]} ...")
    expect_equal(values, table.loc[new, "monthly_charges"].rename("charges_per_month"),
                 what="charges_per_month at tenure 0",
                 explain="monthly_charges: not billed yet, they pay one month's price")


@milestone("2.1")
def test_charges_per_month_is_total_over_tenure(week):
    table, got = features_of(week)
    expect_has(got, ["charges_per_month"], "a charges_per_month column")
    expected = ref_features.expected_features(table)["charges_per_month"]
    expect_equal(got["charges_per_month"], expected, what="charges_per_month", rtol=1e-9,
                 explain="total_charges / tenure (monthly_charges where tenure is 0)")


def expect_extra_features_finite(got, table):
    """Columns beyond the input and the three required ones: numbers, bools or categories,
    with a finite value for every customer."""
    extra = [c for c in got.columns if c not in table.columns and c not in REQUIRED]
    for column in extra:
        values = got[column]
        kind = values.dtype.kind
        expect(kind in "biuf" or isinstance(values.dtype, pd.CategoricalDtype),
               f"your extra feature {column!r} should be a number, a bool or a category",
               expected="a column a model can use", got=f"dtype {values.dtype}")
        if kind in "biuf":
            bad = ~np.isfinite(values.to_numpy(dtype=float, na_value=np.nan))
            rows = table.loc[bad].head(3)
            at = ", ".join(f"{i} (tenure {t})" for i, t in rows["tenure"].items())
            expect(not bad.any(), f"your extra feature {column!r} has {int(bad.sum())} values "
                   "that are NaN or inf", expected="finite numbers for every customer",
                   got=f"NaN or inf, e.g. for {at}")
        else:
            expect(not values.isna().any(), f"your extra feature {column!r} is missing for "
                   f"{int(values.isna().sum())} customers", expected="a value for every customer",
                   got="NaN")


@milestone("2.1")
def test_extra_features_are_finite_numbers(week):
    table, got = features_of(week)
    expect_extra_features_finite(got, table)


NOT_MODIFIED = """
import features
before = customers.copy(deep=True)
features.add_features(customers)
result = {
    "removed": [c for c in before.columns if c not in customers.columns],
    "added": [c for c in customers.columns if c not in before.columns],
    "changed": [c for c in before.columns
                if c in customers.columns and not customers[c].equals(before[c])],
}
"""


@milestone("2.1")
def test_input_table_is_not_modified(week):
    customers = week.data(DATA).head(200)
    changes = week.run_snippet(NOT_MODIFIED, label="add_features(customers), then customers "
                               "compared with a copy taken before", target="features.add_features",
                               customers=customers)
    found = [f"{what}: {', '.join(columns)}" for what, columns in changes.items() if columns]
    expect(not found, "add_features changed the table it was given: the caller's customers "
           "must stay as they were", expected="customers unchanged (work on a copy, or "
           "drop(columns=...) without inplace=True)", got="\n".join(found))
