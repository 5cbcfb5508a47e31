"""Milestone 1.4: the cleaned table: snake_case names, booleans, categories and money."""

import numpy as np
import pandas as pd

from grader.engine.checks import CheckFailed, expect, expect_type, milestone
from grader.week01 import reference
from grader.week01.reference import CLEAN_DTYPES, INTERNET_ADD_ONS

#: Dtypes that hold the right values but also allow missing ones (pd.NA).
NULLABLE = {"bool": ("boolean", "bool[pyarrow]"), "float64": ("Float64", "double[pyarrow]"),
            "int64": ("Int64", "int64[pyarrow]")}


def _clean(week, name="telco_churn_raw"):
    """The learner's cleaned table, from the table 1.1 describes (built here, not by load_raw)."""
    raw = week.label(reference.loaded(week.data(name)), f"load_raw({name!r})")
    got = week.once(f"clean({name})", lambda: week.call("clean.clean", raw))
    expect_type(got, pd.DataFrame, what="the cleaned table")
    return got


@milestone("1.4")
def test_columns_are_snake_case(week):
    reference.expect_snake_case_columns(_clean(week), list(CLEAN_DTYPES))


@milestone("1.4")
def test_every_customer_kept(week):
    got, raw = _clean(week), week.data("telco_churn_raw")
    twins = reference.duplicated_customers(raw)
    expect(len(got) == len(raw), "every row is a customer: keep them all",
           expected=f"{len(raw)} rows ({twins} look like duplicates but are different customers)",
           got=f"{len(got)} rows")


@milestone("1.4")
def test_indexed_by_customer_id_in_order(week):
    got, raw = _clean(week), week.data("telco_churn_raw")
    expect(got.index.name == "customer_id", "name the index customer_id, like the columns",
           expected="index 'customer_id'", got=f"index {got.index.name!r}")
    same = got.index.equals(pd.Index(raw["customerID"]))
    expect(same, "keep the same customer ids, in the order of the file",
           expected=f"ids {raw['customerID'].head(3).tolist()} ...",
           got=f"ids {got.index[:3].tolist()} ... ({len(got)} rows)")


@milestone("1.4")
def test_dtypes_say_what_values_mean(week):
    got = _clean(week)
    reference.expect_snake_case_columns(got, list(CLEAN_DTYPES))
    wrong = [column for column, dtype in CLEAN_DTYPES.items() if str(got[column].dtype) != dtype]
    shown = [f"{c}: {got[c].dtype} (want {CLEAN_DTYPES[c]}), values {_levels(got[c])}"
             for c in wrong[:6]]
    try:
        expect(not wrong, f"the cleaned table has {len(wrong)} column(s) with the wrong dtype",
               expected="bool for yes/no answers, category for named levels, int64 tenure, "
                        "float64 money", got="\n".join(shown) + (" ..." if len(wrong) > 6 else ""))
    except CheckFailed as failed:
        nullable = [c for c in wrong if str(got[c].dtype) in NULLABLE.get(CLEAN_DTYPES[c], ())]
        if nullable:
            c = nullable[0]
            failed.lines.append(f"Tip       {got[c].dtype} also allows missing values, and this "
                                f"table has none: .astype({CLEAN_DTYPES[c]!r})")
        raise


@milestone("1.4")
def test_no_service_means_false(week):
    """'No internet service' is a no: internet_service already says who has no internet."""
    got = _clean(week)
    reference.expect_snake_case_columns(got, list(CLEAN_DTYPES))
    expected = reference.clean(week.data("telco_churn_raw"))
    offline = expected.index[expected["internet_service"] == "No"]
    no_phone = expected.index[~expected["phone_service"]]
    expect(got.index.is_unique and offline.isin(got.index).all() and no_phone.isin(got.index).all(),
           "keep every customer, one row each, indexed by customer_id",
           expected=f"all {len(expected)} customer ids", got=f"{len(got)} rows")
    questions = [(column, offline, "without internet", "No internet service")
                 for column in INTERNET_ADD_ONS]
    questions.append(("multiple_lines", no_phone, "without a phone line", "No phone service"))
    for column, customers, who, answer in questions:
        values = got.loc[customers, column]
        ok = values.map(lambda v: isinstance(v, (bool, np.bool_)) and not v).astype(bool)
        expect(bool(ok.all()), f"{column} should be False for the {len(customers)} customers {who}",
               expected=f"False (a bool) for every one: {answer!r} means no",
               got=f"{int((~ok).sum())} other values, e.g. {_levels(values[~ok])}")


@milestone("1.4")
def test_values_match_the_raw_file(week):
    got = _clean(week)
    reference.expect_same_table(got, reference.clean(week.data("telco_churn_raw")))


def _levels(values: pd.Series) -> str:
    """A few distinct values as the learner's code left them: ['No', 'No internet service']."""
    distinct = pd.unique(values.astype(object).to_numpy())
    shown = sorted(map(repr, distinct[:8]))[:4]
    return "[" + ", ".join(shown) + (", ...]" if len(distinct) > 4 else "]")
