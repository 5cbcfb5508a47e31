"""Milestone 2.3: a leak-free encoding, a majority baseline, a logistic regression, its metrics.

The judge splits the cleaned customers itself (stratified, its own seed), so these checks do
not depend on the learner's 2.2. `encode` is probed for leaks from the outside: the training
matrix must not move when only the test rows change, and a test row must encode the same alone
as with the others. The models are fitted in the sandbox by the learner's own code and scored
here, with scikit-learn's metrics, on customers they did not see. `evaluate` is graded on a
model the grader fits itself, so a weak `fit_logistic` does not hide a correct `evaluate`.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from grader.engine.checks import expect, expect_type, milestone
from grader.week02 import ref_model as ref
from grader.week02.ref_model import expect_matrices, expect_same_matrix

#: ROC-AUC a sensible logistic regression clears on the judge's split; above the second,
#: something that knows the answer reached the features.
AUC_BAR, AUC_SUSPECT = 0.82, 0.92
TRAIN_ONLY = ("the same X_train whatever the test rows are: fit the scaler and the one-hot "
              "encoder on train, then only transform test")


def split(week: Any) -> tuple[Any, Any]:
    """The judge's train/test split of the cleaned customers, labelled for messages."""
    train, test = ref.judge_split(week.data("telco_churn_clean"))
    return week.label(train, "train"), week.label(test, "test")


def encoded(week: Any) -> tuple[np.ndarray, np.ndarray]:
    """The learner's encode(train, test) on the judge's split, called once per kernel."""
    train, test = split(week)
    got = week.once("encode(train, test)", lambda: week.call("model.encode", train, test))
    return expect_matrices(got, len(train), len(test))


def judge_matrices(week: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """X_train, X_test, y_train, y_test encoded by the judge (for checks of the models)."""
    train, test = split(week)
    X_train, X_test = ref.encode(train, test)
    return (week.label(X_train, "X_train"), week.label(X_test, "X_test"),
            week.label(ref.labels(train), "y_train"), week.label(ref.labels(test), "y_test"))


def next_month(test: Any) -> Any:
    """Other test rows: every second one, with longer tenure and bigger bills."""
    rows = test.iloc[::2].copy()
    rows["tenure"] = rows["tenure"] + 12
    rows["monthly_charges"] = rows["monthly_charges"] * 1.5
    rows["total_charges"] = rows["total_charges"] * 2.0
    return rows


# -- encode ----------------------------------------------------------------------------------


@milestone("2.3")
def test_encode_gives_float_matrices_with_the_same_columns(week):
    X_train, _ = encoded(week)
    expect(X_train.shape[1] >= 20, "encode should keep every input column (one-hot the "
           "categories, 0/1 the bools, scale the numbers)",
           expected="at least one column per input column (19 besides churn)",
           got=f"{X_train.shape[1]} columns")


@milestone("2.3")
def test_encode_ignores_churn(week):
    X_train, X_test = encoded(week)
    train, test = split(week)
    got = week.call("model.encode", week.label(train.drop(columns="churn"), "train_features"),
                    week.label(test.drop(columns="churn"), "test_features"))
    X_train2, X_test2 = expect_matrices(got, len(train), len(test),
                                        "encode(train_features, test_features)")
    expect(X_train.shape[1] == X_train2.shape[1],
           "churn must not become a feature: nobody knows it on the day a customer is scored",
           expected="the same columns with or without churn in the input (drop it if present)",
           got=f"{X_train.shape[1]} columns with churn, {X_train2.shape[1]} without")
    expect_same_matrix(X_test2, X_test, "encode gives other test rows when churn is dropped "
                       "first", expected_text="churn ignored: the same matrices either way")


@milestone("2.3")
def test_encode_train_rows_do_not_depend_on_test_rows(week):
    X_train, _ = encoded(week)
    train, test = split(week)
    other = week.label(next_month(test), "other_test_rows")
    got = week.call("model.encode", train, other)
    X_train2, _ = expect_matrices(got, len(train), len(other), "encode(train, other_test_rows)")
    expect_same_matrix(X_train2, X_train, "X_train changed when only the test rows changed: the "
                       "encoding learned from the test rows (scaled or encoded train and test "
                       "together?)", expected_text=TRAIN_ONLY)


@milestone("2.3")
def test_encode_test_row_alone_as_with_the_others(week):
    _, X_test = encoded(week)
    train, test = split(week)
    for position in (0, len(test) - 1):
        shown = f"test.iloc[[{position}]]"
        row = week.label(test.iloc[[position]], shown)
        got = week.call("model.encode", train, row)
        _, X_row = expect_matrices(got, len(train), 1, f"encode(train, {shown})")
        expect_same_matrix(
            X_row[0], X_test[position], f"test row {position} is encoded differently alone "
            "than with the other test rows: the test rows were scaled or encoded with their "
            "own statistics (fit_transform on test?)",
            expected_text="the same row either way: transform test with what train taught")


NEW_LEVEL_SNIPPET = """
import model
result = model.encode(train, test)
"""


@milestone("2.3")
def test_encode_new_category_level_is_all_zeros(week):
    X_train, _ = encoded(week)
    train, test = split(week)
    rows = test.iloc[[0, 0]].copy()
    rows.index = rows.index[:1].append(rows.index[:1] + "-NEW")
    rows["payment_method"] = rows["payment_method"].cat.add_categories([ref.NEW_PAYMENT_METHOD])
    rows.iloc[1, rows.columns.get_loc("payment_method")] = ref.NEW_PAYMENT_METHOD
    out = week.run_snippet(NEW_LEVEL_SNIPPET, capture=True, target="model.encode",
                           label=f"encode(train, test) where a test customer pays by "
                                 f"{ref.NEW_PAYMENT_METHOD!r}, a method no training customer "
                                 "uses", train=train, test=rows)
    error = out["error"]
    expect(error is None, "encode must score a customer whose category level the training rows "
           "never saw (a payment method launched after training)",
           expected='that level encoded as all zeros: OneHotEncoder(handle_unknown="ignore")',
           got=f"raised {error['type']}: {error['message'][:160]}" if error else "")
    X_train2, X_rows = expect_matrices(out["result"], len(train), 2, "encode(train, new_level)")
    expect_same_matrix(X_train2, X_train, "X_train changed when a test customer brought a new "
                       "payment method: the levels came from the test rows too",
                       expected_text=TRAIN_ONLY)
    changed = np.flatnonzero(~np.isclose(X_rows[1], X_rows[0]))
    only_one_off = len(changed) <= 1 and all(X_rows[0][c] == 1 and X_rows[1][c] == 0
                                             for c in changed)
    expect(only_one_off, f"the new level {ref.NEW_PAYMENT_METHOD!r} should be all zeros: the "
           "customer's old payment column switches off and nothing else changes",
           expected="at most one column differs, from 1 to 0",
           got=f"columns {changed[:6].tolist()} differ: "
               f"{X_rows[0][changed[:6]].round(3).tolist()} -> "
               f"{X_rows[1][changed[:6]].round(3).tolist()}")


@milestone("2.3")
def test_encode_standardises_numbers_with_train_statistics(week):
    X_train, _ = encoded(week)
    flags = np.all((X_train == 0) | (X_train == 1), axis=0)
    scaled = X_train[:, ~flags]
    expect(scaled.shape[1] >= 3, "the numbers (tenure, monthly_charges, total_charges) should "
           "be standardised columns of X_train",
           expected="at least 3 columns that are not 0/1",
           got=f"{scaled.shape[1]} such columns")
    means, stds = scaled.mean(axis=0), scaled.std(axis=0)
    bad = np.flatnonzero((np.abs(means) > 1e-6) | (np.abs(stds - 1.0) > 0.01))
    first = int(np.flatnonzero(~flags)[bad[0]]) if bad.size else 0
    expect(not bad.size, "numbers should be standardised with the training rows' mean and "
           "standard deviation (StandardScaler fit on train)",
           expected="every number column of X_train with mean 0 and standard deviation 1",
           got=f"{bad.size} number column(s) are not; column {first} has mean "
               f"{X_train[:, first].mean():.4g}, std {X_train[:, first].std():.4g}")


# -- the models ------------------------------------------------------------------------------


@milestone("2.3")
def test_baseline_predicts_the_majority_class(week):
    X_train, X_test, y_train, y_test = judge_matrices(week)
    baseline = week.once("fit_baseline", lambda: week.call("model.fit_baseline", X_train,
                                                           y_train))
    predicted = ref.call_method(week, baseline, "predict", X_test, "baseline.predict(X_test)")
    expect_type(predicted, np.ndarray, "baseline.predict(X_test)")
    majority = bool(y_train.mean() > 0.5)
    share = float((y_test == majority).mean())
    wrong = int((np.asarray(predicted).astype(bool) != majority).sum())
    expect(predicted.shape == y_test.shape and wrong == 0,
           "the baseline should predict the majority class for every customer: \"stays\" "
           "(DummyClassifier(strategy=\"most_frequent\"))",
           expected=f"{majority} for all {len(y_test)} customers: accuracy {share:.3f}, the "
                    "share of stayers",
           got=f"{wrong} of {len(predicted)} predictions differ (accuracy "
               f"{float((np.asarray(predicted) == y_test).mean()):.3f})")


@milestone("2.3")
def test_logistic_regression_ranks_unseen_customers(week):
    train, test = split(week)
    X_train, X_test = encoded(week)
    y_train, y_test = ref.labels(train), ref.labels(test)
    model = week.once("fit_logistic", lambda: week.call(
        "model.fit_logistic", week.label(X_train, "X_train"), week.label(y_train, "y_train")))
    shown = "fit_logistic(X_train, y_train).predict_proba(X_test)"
    proba = ref.call_method(week, model, "predict_proba", X_test, shown)
    expect_type(proba, np.ndarray, shown)
    expect(proba.shape == (len(y_test), 2), "predict_proba should give one row per customer "
           "and a column per class", expected=f"shape ({len(y_test)}, 2)",
           got=f"shape {proba.shape}")
    from sklearn.metrics import roc_auc_score

    auc = float(roc_auc_score(y_test, proba[:, 1]))
    expect(auc >= AUC_BAR, "the model, fit on the training rows by your encode and "
           "fit_logistic, ranks the test customers too poorly",
           expected=f"ROC-AUC at least {AUC_BAR} on the judge's test rows (baseline: 0.5)",
           got=f"ROC-AUC {auc:.3f}")
    expect(auc <= AUC_SUSPECT, "ROC-AUC is suspiciously high: does churn, or something "
           "computed from it, reach the features?",
           expected=f"ROC-AUC between {AUC_BAR} and {AUC_SUSPECT}", got=f"ROC-AUC {auc:.3f}")


# -- evaluate --------------------------------------------------------------------------------

REFERENCE_MODEL = """
from sklearn.linear_model import LogisticRegression
result = LogisticRegression(max_iter=1000).fit(X, y)
"""


def evaluated(week: Any) -> tuple[dict[str, Any], np.ndarray, np.ndarray, np.ndarray]:
    """evaluate(model, X_test, y_test) for a model the grader fits, with its proba and decisions."""
    X_train, X_test, y_train, y_test = judge_matrices(week)
    model = week.once("reference model", lambda: week.label(week.run_snippet(
        REFERENCE_MODEL, label="a LogisticRegression the grader fits", X=X_train, y=y_train),
        "fitted_model"))
    proba = model.predict_proba(X_test)[:, 1]
    decided = np.asarray(model.predict(X_test), dtype=bool)
    got = week.once("evaluate", lambda: week.call("model.evaluate", model, X_test, y_test))
    return got, y_test, proba, decided


@milestone("2.3")
def test_evaluate_returns_the_five_metrics(week):
    got, *_ = evaluated(week)
    expect_type(got, dict, "evaluate(...)")
    missing = [name for name in ref.METRICS if name not in got]
    expect(not missing, "evaluate should report all five metrics: accuracy alone says little "
           "when three customers in four stay", expected=f"keys {ref.METRICS}",
           got=f"keys {list(got)[:8]}; missing {missing}")
    not_numbers = [name for name in ref.METRICS
                   if not isinstance(got[name], numbers.Real) or isinstance(got[name], bool)]
    expect(not not_numbers, "each metric should be a number (float)",
           expected="float values", got=", ".join(f"{n}: {got[n]!r}"[:60] for n in not_numbers))


@milestone("2.3")
def test_evaluate_matches_scikit_learn(week):
    got, y, proba, decided = evaluated(week)
    expect_type(got, dict, "evaluate(...)")
    expected = ref.metrics(y, proba, decided)
    mistakes = ref.likely_mistakes(y, proba, decided)
    for name, value in expected.items():
        mine = got.get(name)
        if not isinstance(mine, numbers.Real) or abs(float(mine) - value) <= 1e-9:
            continue  # missing keys and non-numbers are the check above
        why = next((text for text, wrong in mistakes.get(name, {}).items()
                    if abs(float(mine) - wrong) <= 1e-9), None)
        source = ("from predict_proba(X)[:, 1]" if name.endswith("auc")
                  else "from predict(X), churn as the positive class")
        expect(False, f"{name} differs from scikit-learn's" + (f": {why}" if why else ""),
               expected=f"{value:.6f} ({source})", got=f"{float(mine):.6f}")
