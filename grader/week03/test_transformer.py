"""Milestone 3.2: QuantileClipper, a transformer scikit-learn treats as its own.

First scikit-learn's own `check_estimator` runs on the class, in the sandbox; its failing
checks are reported by name. Then each promise of the docstring is checked on its own: the
quantiles `fit` learns (computed here with np.nanquantile), the clipping `transform` applies,
that `transform` changes nothing, `clone`, feature names and pandas output, and a Pipeline
in which a typo of 10,000 in monthly_charges no longer decides the churn probability.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import expect, expect_equal, milestone
from grader.engine.estimator_checks import expect_estimator_checks

TARGET = "transformer.QuantileClipper"
#: Quantiles the functional checks ask for (not the defaults: they must be used, not assumed).
LOWER, UPPER = 0.05, 0.9
#: What a failing scikit-learn check usually means, in this milestone's words (over the
#: hints every estimator shares, grader.engine.estimator_checks.COMMON_HINTS).
CHECK_HINTS = {
    "check_no_attributes_set_in_init": "__init__ should only store lower and upper as given",
    "check_do_not_raise_errors_in_init_or_set_params":
        "validate lower and upper in fit, not in __init__ (set_params skips __init__)",
    "check_dont_overwrite_parameters":
        "fit may only add attributes whose names end in _ (lower_, upper_)",
    "check_dict_unchanged": "transform must not store anything on self",
    "check_estimators_nan_inf":
        "keep the starter's __sklearn_tags__: it tells the checks that NaN is allowed",
    "check_n_features_in": "call validate_data(self, X) in fit",
    "check_n_features_in_after_fitting":
        "validate_data(self, X) in fit, validate_data(self, X, reset=False) in transform",
    "check_transformer_general": "fit_transform(X) should equal fit(X).transform(X)",
    "check_methods_subset_invariance":
        "transform should clip each row on its own, with the bounds fit learned",
}


def read_only_hint(name: str, error: str) -> str | None:
    """Clipping into X itself: the checks pass read-only arrays."""
    if "read-only" in error:
        return "transform writes into the array it was given: return a new array instead"
    return None


@milestone("3.2")
def test_passes_scikit_learn_estimator_checks(week):
    expect_estimator_checks(week, TARGET, CHECK_HINTS, special=read_only_hint)


# -- judge-side data and reference -----------------------------------------------------------


def numbers(week, start: int, stop: int) -> pd.DataFrame:
    """Rows start:stop of the cleaned customers' three amounts, as float64, a few NaN."""
    table = week.data("telco_churn_clean")
    frame = table[["tenure", "monthly_charges", "total_charges"]].iloc[start:stop]
    frame = frame.astype("float64")
    frame.iloc[::37, 1] = np.nan  # a customer may arrive without a bill
    return frame


def with_outliers(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with values far outside any training range: a typo, a negative charge."""
    frame = frame.copy()
    frame.iloc[0, 1] = 10_000.0  # 100.00 typed without its decimal point
    frame.iloc[1, 1] = -5.0
    frame.iloc[2, 0] = 1_000.0
    frame.iloc[3, 2] = 0.0
    return frame


def reference_bounds(X: Any, lower: float, upper: float) -> tuple[np.ndarray, np.ndarray]:
    """Each column's quantiles, NaN ignored, numpy's default (linear) interpolation."""
    lo, hi = np.nanquantile(np.asarray(X, dtype=float), [lower, upper], axis=0)
    return lo, hi


FIT_TRANSFORM_SNIPPET = """
import numpy as np
from transformer import QuantileClipper

clipper = QuantileClipper(lower=lower, upper=upper).fit(X_train)
result = {name: (np.asarray(getattr(clipper, name), dtype=float)
                 if hasattr(clipper, name) else None) for name in ("lower_", "upper_")}
if X_new is not None:
    result["out"] = np.asarray(clipper.transform(X_new), dtype=float)
"""


def fit_transform(week, X_train: Any, X_new: Any = None, *, lower: float = LOWER,
                  upper: float = UPPER, label: str = "") -> dict[str, Any]:
    """lower_, upper_ after QuantileClipper(lower, upper).fit(X_train), and transform(X_new)."""
    label = label or (f"QuantileClipper(lower={lower}, upper={upper}).fit(X_train)"
                      + (".transform(X_new)" if X_new is not None else ""))
    return week.run_snippet(FIT_TRANSFORM_SNIPPET, target=TARGET, label=label,
                            X_train=X_train, X_new=X_new, lower=lower, upper=upper)


def expect_bounds(got: dict[str, Any], X_train: Any, lower: float, upper: float) -> None:
    """lower_ and upper_ exist, one per column, equal to the judge's nanquantiles."""
    lo, hi = reference_bounds(X_train, lower, upper)
    for name, expected in (("lower_", lo), ("upper_", hi)):
        value = got[name]
        expect(value is not None, f"after fit, the clipper should have an attribute {name}",
               expected=f"{name}: one bound per column (the trailing _ marks what fit learned)",
               got=f"no attribute {name}")
        expect_equal(value.ravel() if value.size == expected.size else value, expected,
                     what=name, rtol=1e-9,
                     explain=f"np.nanquantile(X_train, {lower if name == 'lower_' else upper}, "
                             f"axis=0): {np.round(expected, 3).tolist()}")


def expect_clipped(got: np.ndarray, X_train: Any, X_new: Any, lower: float, upper: float,
                   what: str) -> None:
    """transform(X_new) is X_new clipped to the TRAINING quantiles, NaN kept."""
    lo, hi = reference_bounds(X_train, lower, upper)
    expected = np.clip(np.asarray(X_new, dtype=float), lo, hi)
    with warnings.catch_warnings():  # a column of X_new may be all NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        own = np.clip(np.asarray(X_new, dtype=float), *reference_bounds(X_new, lower, upper))
    if got.shape == expected.shape and np.allclose(got, own, equal_nan=True):
        explain = ("clipped to the quantiles fit learned from X_train; these values are "
                   "clipped to X_new's own quantiles: transform must not learn")
    else:
        explain = f"X_new clipped to lower_ and upper_ from fit ({lower}, {upper} quantiles)"
    expect_equal(got, expected, what=what, rtol=1e-9, explain=explain)


# -- the promises of the docstring -----------------------------------------------------------


@milestone("3.2")
def test_fit_learns_each_columns_quantiles(week):
    X_train = week.label(numbers(week, 0, 400), "X_train (400 customers, a few NaN)")
    got = fit_transform(week, X_train)
    expect_bounds(got, X_train, LOWER, UPPER)


@milestone("3.2")
def test_transform_clips_to_the_range_learned_in_fit(week):
    X_train = week.label(numbers(week, 0, 400), "X_train")
    X_new = week.label(with_outliers(numbers(week, 400, 450)), "X_new")
    got = fit_transform(week, X_train, X_new)
    expect_clipped(got["out"], X_train, X_new, LOWER, UPPER, "transform(X_new)")


@milestone("3.2")
def test_missing_values_stay_missing(week):
    X_train = week.label(numbers(week, 0, 400), "X_train")
    X_new = numbers(week, 400, 450)
    X_new.iloc[5:8, 0] = np.nan
    got = fit_transform(week, X_train, week.label(X_new, "X_new with NaN"))["out"]
    missing = np.isnan(np.asarray(X_new, dtype=float))
    expect(got.shape == missing.shape, "transform should return one row per input row",
           expected=f"shape {missing.shape}", got=f"shape {got.shape}")
    expect(np.array_equal(np.isnan(got), missing), "transform should keep NaN as NaN: an imputer "
           "later in the pipeline decides what a missing value becomes",
           expected=f"NaN at the same {int(missing.sum())} places",
           got=f"NaN at {int(np.isnan(got).sum())} places, "
               f"{int((missing & ~np.isnan(got)).sum())} of the missing ones filled")


UNCHANGED_SNIPPET = """
import joblib
import numpy as np
from transformer import QuantileClipper

clipper = QuantileClipper(lower=lower, upper=upper).fit(X_train)
state = {k: joblib.hash(v) for k, v in vars(clipper).items()}
given = joblib.hash(X_new)
clipper.transform(X_new)
clipper.transform(X_new[:3])
after = {k: joblib.hash(v) for k, v in vars(clipper).items()}
result = {"added": sorted(set(after) - set(state)),
          "changed": sorted(k for k in state if k in after and after[k] != state[k]),
          "removed": sorted(set(state) - set(after)),
          "input_changed": joblib.hash(X_new) != given}
"""


@milestone("3.2")
def test_transform_changes_nothing(week):
    X_train = numbers(week, 0, 400).to_numpy()
    X_new = with_outliers(numbers(week, 400, 450)).to_numpy()
    got = week.run_snippet(UNCHANGED_SNIPPET, target=TARGET,
                           label="clipper.fit(X_train); clipper.transform(X_new) twice",
                           X_train=X_train, X_new=X_new, lower=LOWER, upper=UPPER)
    touched = [f"{kind} {', '.join(got[kind])}" for kind in ("added", "changed", "removed")
               if got[kind]]
    expect(not touched, "transform changed the fitted clipper: it must only apply what fit "
           "learned, so that scoring one customer never changes how the next is scored",
           expected="vars(clipper) identical before and after transform",
           got="attributes " + "; ".join(touched))
    expect(not got["input_changed"], "transform modified the array it was given (clipped in "
           "place?): return a new array and leave the caller's data alone",
           expected="X_new unchanged", got="X_new's values changed")


CLONE_SNIPPET = """
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted
from transformer import QuantileClipper

def attempt(thunk):
    try:
        return thunk(), None
    except NotImplementedError:
        raise
    except Exception as exc:
        return None, f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:160]

result = {}
result["defaults"], result["defaults_error"] = attempt(lambda: QuantileClipper().get_params())
fitted = QuantileClipper(lower=lower, upper=upper).fit(X)
copy, result["clone_error"] = attempt(lambda: clone(fitted))
if copy is not None:
    result["params"] = copy.get_params()
    try:
        check_is_fitted(copy)
        result["copy_fitted"] = True
    except NotFittedError:
        result["copy_fitted"] = False
    try:
        copy.transform(X)
        result["unfitted_transform"] = "returned a result"
    except NotFittedError:
        result["unfitted_transform"] = None
    except Exception as exc:
        result["unfitted_transform"] = f"raised {type(exc).__name__}: {exc}"[:160]
"""


@milestone("3.2")
def test_clone_gives_an_unfitted_copy_with_the_same_params(week):
    X = numbers(week, 0, 400).to_numpy()
    got = week.run_snippet(CLONE_SNIPPET, target=TARGET, X=X, lower=LOWER, upper=UPPER,
                           label=f"clone(QuantileClipper(lower={LOWER}, upper={UPPER}).fit(X))")
    store = "__init__ should store each argument unchanged, under its own name"
    expect(got["defaults_error"] is None, f"QuantileClipper().get_params() failed: {store}",
           expected="{'lower': 0.01, 'upper': 0.99}", got=got["defaults_error"])
    expect(got["defaults"] == {"lower": 0.01, "upper": 0.99},
           "QuantileClipper() should default to lower=0.01, upper=0.99",
           expected="{'lower': 0.01, 'upper': 0.99}", got=repr(got["defaults"]))
    expect(got["clone_error"] is None, f"clone() failed: {store}", expected="a copy",
           got=got["clone_error"])
    expect(got["params"] == {"lower": LOWER, "upper": UPPER},
           f"clone() should keep the parameters: {store}",
           expected=repr({"lower": LOWER, "upper": UPPER}), got=repr(got["params"]))
    expect(not got["copy_fitted"], "clone() should give an unfitted copy: only attributes "
           "ending in _ may hold what fit learned", expected="check_is_fitted raises",
           got="the copy looks fitted")
    expect(got["unfitted_transform"] is None, "transform before fit should raise "
           "NotFittedError: call check_is_fitted(self) first", expected="NotFittedError",
           got=got["unfitted_transform"])


NAMES_SNIPPET = """
import numpy as np
from transformer import QuantileClipper

def attempt(thunk):
    try:
        return thunk(), None
    except NotImplementedError:
        raise
    except Exception as exc:
        return None, f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:160]

result = {}
names, result["names_error"] = attempt(
    lambda: QuantileClipper().fit(X).get_feature_names_out())
result["names"] = None if names is None else [str(n) for n in names]
out, result["pandas_error"] = attempt(
    lambda: QuantileClipper().set_output(transform="pandas").fit(X).transform(X))
result["pandas_type"] = type(out).__name__
if hasattr(out, "columns"):
    result["columns"] = [str(c) for c in out.columns]
    result["same_index"] = bool(out.index.equals(X.index))
"""


@milestone("3.2")
def test_feature_names_and_pandas_output(week):
    X = week.label(numbers(week, 0, 400), "X (a DataFrame)")
    got = week.run_snippet(NAMES_SNIPPET, target=TARGET, X=X,
                           label='QuantileClipper().set_output(transform="pandas")'
                                 ".fit(X).transform(X)")
    columns = list(X.columns)
    expect(got["names_error"] is None and got["names"] == columns,
           "get_feature_names_out() should return the input's column names: "
           "OneToOneFeatureMixin provides it once fit has called validate_data",
           expected=repr(columns), got=got["names_error"] or repr(got["names"]))
    expect(got["pandas_error"] is None and got["pandas_type"] == "DataFrame",
           'with set_output(transform="pandas"), transform should return a DataFrame',
           expected="a pandas DataFrame", got=got["pandas_error"] or got["pandas_type"])
    expect(got["columns"] == columns and got["same_index"],
           "the DataFrame should keep the input's column names and index",
           expected=f"columns {columns}, the input's index",
           got=f"columns {got['columns']}, same index: {got['same_index']}")


PIPELINE_SNIPPET = """
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from transformer import QuantileClipper

pipe = make_pipeline(QuantileClipper(), SimpleImputer(strategy="median"), StandardScaler(),
                     LogisticRegression(max_iter=1000))
pipe.set_params(quantileclipper__lower=lower, quantileclipper__upper=upper)
pipe.fit(X_train, y_train)
result = pipe.predict_proba(X_new)[:, 1]
"""


class _ReferenceClipper:
    """The judge's clipper, for the judge's own pipeline (fit/transform only)."""

    def fit(self, X, y=None):
        self.lo, self.hi = reference_bounds(X, LOWER, UPPER)
        return self

    def transform(self, X):
        return np.clip(np.asarray(X, dtype=float), self.lo, self.hi)

    def fit_transform(self, X, y=None):
        return self.fit(X).transform(X)


@milestone("3.2")
def test_in_a_pipeline_a_typo_is_clipped(week):
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    table = week.data("telco_churn_clean")
    X = table[["tenure", "monthly_charges", "total_charges"]]
    X_train, y_train = X.iloc[:4000], table["churn"].iloc[:4000]
    X_new = with_outliers(X.iloc[4000:4050].astype("float64"))
    got = week.run_snippet(PIPELINE_SNIPPET, target=TARGET, X_train=X_train, y_train=y_train,
                           X_new=X_new, lower=LOWER, upper=UPPER,
                           label="make_pipeline(QuantileClipper(), SimpleImputer(), "
                                 "StandardScaler(), LogisticRegression()).fit(X_train, y_train)")
    steps = [_ReferenceClipper(), SimpleImputer(strategy="median"), StandardScaler()]
    Z = X_train.to_numpy(dtype=float)
    for step in steps:
        Z = step.fit_transform(Z)
    model = LogisticRegression(max_iter=1000).fit(Z, y_train)
    Z = X_new.to_numpy(dtype=float)
    for step in steps:
        Z = step.transform(Z)
    expected = model.predict_proba(Z)[:, 1]
    expect_equal(np.asarray(got, dtype=float), expected, what="churn probabilities of X_new",
                 rtol=1e-5, atol=1e-7,
                 explain="the probabilities of a pipeline that clips X_new to the training "
                         "quantiles: a monthly_charges of 10,000 counts as the 90th percentile")
