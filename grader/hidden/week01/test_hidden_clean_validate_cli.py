"""Hidden checks for 1.4, 1.5 and 1.8: held-out customers, messy copies, unseen corruptions."""

import numpy as np
import pandas as pd

from grader.engine.checks import expect, expect_type, milestone
from grader.week01 import reference
from grader.week01.reference import CLEAN_DTYPES, TEXT_COLUMNS
from grader.week01.test_cleaner_cli import expect_success, last_line, read_written, run_cleaner
from grader.week01.test_validate import cleaned, expect_rejected, run_validate

UNSEEN = "fails on unseen customers"


def _clean(week, raw_text, label):
    got = week.call("clean.clean", week.label(reference.loaded(raw_text), label))
    expect_type(got, pd.DataFrame, what="the cleaned table")
    return got


def _expect_like_reference(got, raw_text):
    expected = reference.clean(raw_text)
    reference.expect_same_table(got, expected)
    wrong = [c for c, dtype in CLEAN_DTYPES.items() if str(got[c].dtype) != dtype]
    expect(not wrong, "the cleaned table has the wrong dtypes", expected="as on the public data",
           got=", ".join(f"{c}: {got[c].dtype}" for c in wrong))


# --- 1.4 ------------------------------------------------------------------------------------


@milestone("1.4", category=UNSEEN)
def test_clean_holdout_customers(week):
    raw = week.data("telco_churn_holdout")
    _expect_like_reference(_clean(week, raw, "load_raw(holdout)"), raw)


@milestone("1.4", category="fails on padded text or shuffled rows and columns")
def test_clean_shuffled_padded_copy(week, seed):
    """Rows and columns shuffled, spaces around every text value: the same cleaned values."""
    rng = np.random.default_rng(seed)
    raw = week.data("telco_churn_holdout").sample(frac=1.0, random_state=rng.integers(2**31))
    for column in (*TEXT_COLUMNS, "TotalCharges"):
        left = rng.choice(["", " ", "  "], size=len(raw))
        right = rng.choice(["", " ", "   "], size=len(raw))
        raw[column] = left + raw[column] + right
    order = ["customerID", *rng.permutation([c for c in raw.columns if c != "customerID"])]
    _expect_like_reference(_clean(week, raw[order], "shuffled, padded holdout"), raw)


@milestone("1.4", category="fails when a new payment method appears")
def test_clean_keeps_a_new_payment_method(week, seed):
    rng = np.random.default_rng(seed + 1)
    raw = week.data("telco_churn_holdout")
    new = rng.random(len(raw)) < 0.05
    raw.loc[new, "PaymentMethod"] = "Crypto wallet"
    _expect_like_reference(_clean(week, raw, "holdout with 'Crypto wallet'"), raw)


# --- 1.5 ------------------------------------------------------------------------------------


def _ids(table, rng, n):
    return table.index[np.sort(rng.choice(len(table), size=n, replace=False))]


@milestone("1.5", category="rejects a valid table of unseen customers")
def test_validate_accepts_holdout(week):
    outcome = run_validate(week, cleaned(week, "telco_churn_holdout"), "cleaned holdout")
    expect(outcome["raised"] is None and outcome["same"], "validate(holdout) should return df",
           expected="the table itself", got=str(outcome.get("message") or outcome["returned"]))


@milestone("1.5", category="accepts a broken table it has not seen")
def test_validate_rejects_huge_monthly_charges(week, seed):
    rng = np.random.default_rng(seed)
    table = cleaned(week).copy()
    table.loc[_ids(table, rng, int(rng.integers(1, 5))), "monthly_charges"] = 1e6
    expect_rejected(run_validate(week, table, "monthly_charges 1e6"), ["monthly_charges"],
                    "monthly_charges of 1e6")


@milestone("1.5", category="accepts a broken table it has not seen")
def test_validate_rejects_repeated_ids(week, seed):
    rng = np.random.default_rng(seed + 1)
    table = cleaned(week).copy()
    first, second = rng.choice(len(table), size=2, replace=False)
    ids = table.index.to_numpy().copy()
    ids[second] = ids[first]
    table.index = pd.Index(ids, name="customer_id")
    outcome = run_validate(week, table, "a repeated customer id")
    expect(outcome["raised"] is not None and outcome["validation_error"],
           "validate should reject two rows with the same customer id",
           expected="ValidationError", got=outcome["raised"] or "no error")


@milestone("1.5", category="accepts a broken table it has not seen")
def test_validate_rejects_yes_no_text(week, seed):
    rng = np.random.default_rng(seed + 2)
    booleans = [c for c, dtype in CLEAN_DTYPES.items() if dtype == "bool"]
    column = str(rng.choice(booleans))
    table = cleaned(week).copy()
    table[column] = np.where(table[column], "Yes", "No")
    expect_rejected(run_validate(week, table, f"{column} as 'Yes'/'No' text"), [column],
                    f"{column} as text")


@milestone("1.5", category="accepts a broken table it has not seen")
def test_validate_rejects_missing_churn(week, seed):
    rng = np.random.default_rng(seed + 3)
    table = reference.as_text(cleaned(week), "churn")
    table.loc[_ids(table, rng, int(rng.integers(1, 4))), "churn"] = np.nan
    expect_rejected(run_validate(week, table, "churn with NaN"), ["churn"], "churn with NaN")


@milestone("1.5", category="accepts a broken table it has not seen")
def test_validate_lists_several_unseen_problems(week, seed):
    rng = np.random.default_rng(seed + 4)
    table = reference.as_text(cleaned(week), "internet_service")
    table.loc[_ids(table, rng, 2), "monthly_charges"] = 0.0
    table.loc[_ids(table, rng, 3), "internet_service"] = "Satellite"
    table["internet_service"] = table["internet_service"].astype("category")
    table.loc[_ids(table, rng, 1), "total_charges"] = -5.0
    table = table.drop(columns="dependents")
    columns = ["monthly_charges", "internet_service", "total_charges", "dependents"]
    outcome = run_validate(week, table, "four problems")
    expect_rejected(outcome, columns, "four problems at once")
    expect(len(outcome["message"].strip().splitlines()) >= 4, "one line per problem",
           expected="4 lines or more", got=outcome["message"][:200])


# --- 1.8 ------------------------------------------------------------------------------------


@milestone("1.8", category=UNSEEN)
def test_cleaner_on_holdout_file(week):
    path = week.data_path("telco_churn_holdout")
    done = run_cleaner(week, "--input", path, "--output", "holdout.parquet")
    expect_success(done, "holdout.parquet")
    reference.expect_same_table(read_written(week, "holdout.parquet"),
                                reference.clean(week.data("telco_churn_holdout")),
                                what="holdout.parquet")


@milestone("1.8", category="fails on an output format it cannot write")
def test_cleaner_refuses_unknown_suffix(week):
    done = run_cleaner(week, "--input", "../../data/telco_churn_raw.csv", "--output", "out.txt")
    expect(done["returncode"] == 2, "an unknown output suffix is a usage error: exit 2",
           expected="exit 2", got=f"exit {done['returncode']}")
    expect("Traceback" not in done["stderr"] and len(done["stderr"].strip().splitlines()) == 1,
           "one line on stderr", expected="one line", got=last_line(done["stderr"]))
