"""Milestone 5.4: ScratchLogisticRegression, an estimator scikit-learn treats as its own.

First the shapes scikit-learn expects (coef_, intercept_, predict_proba's two columns), whose
failures scikit-learn's checks report less clearly; then scikit-learn's own `check_estimator`
runs on the class in the sandbox (through grader.engine.estimator_checks, shared with
week 3): failing checks are named, with what they usually mean here. Then the promises of
the docstring, against statsmodels on the same rows:
the probabilities, coef_ and intercept_ in scikit-learn's shapes, labels of any type mapped
through classes_, and tol and max_iter handed on to fit_irls.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect, milestone
from grader.engine.estimator_checks import expect_estimator_checks
from grader.week05 import ref_logistic as ref

TARGET = "estimator.ScratchLogisticRegression"
BINARY_TAG = ("tell the checks it is binary only: in __sklearn_tags__, "
              "tags.classifier_tags.multi_class = False")
HINTS = {
    "check_no_attributes_set_in_init":
        "__init__ should only store tol and max_iter; classes_, coef_... are set in fit",
    "check_classifier_not_supporting_multiclass":
        'fit should raise ValueError("Only binary classification is supported. ...") when y '
        "holds one or more than two classes",
    "check_classifiers_classes":
        "map the labels through classes_: fit on y == classes_[1], predict returns classes_[...]",
    "check_decision_proba_consistency":
        "predict_proba[:, 1] should be sigmoid(decision_function(X))",
    "check_non_transformer_estimators_n_iter": "fit should set n_iter_, the Newton steps taken",
    "check_estimators_nan_inf": "call validate_data first in fit and in every other method: "
                                "it refuses NaN and inf",
    "check_dtype_object": "validate_data(self, X, y) converts lists and object arrays",
    "check_fit2d_1sample": "fit on one row (so one class) may raise ValueError, but the "
                           "message must say why: the checks look for '1 class' or '1 sample'",
}


def special(name: str, error: str) -> str | None:
    """A hint read from the error text rather than the check's name."""
    multiclass = "check_classifier_not_supporting_multiclass"
    if "Only binary classification" in error and name != multiclass:
        return BINARY_TAG
    if "multi_class" in error or "does not support multiclass" in error:
        return HINTS["check_classifier_not_supporting_multiclass"]
    if "read-only" in error:
        return "fit or predict writes into the array it was given: work on a copy"
    return None


#: Fits the learner's class on X, y and reads everything a check compares, as data.
FIT_SNIPPET = """
import warnings
import numpy as np
from estimator import ScratchLogisticRegression

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = ScratchLogisticRegression(**params)
    before = {k: repr(v) for k, v in model.get_params().items()}
    model.fit(X, y)
    after = {k: repr(v) for k, v in model.get_params().items()}
    proba = np.asarray(model.predict_proba(X_new), dtype=float)
    decision = np.asarray(model.decision_function(X_new), dtype=float)
    predicted = model.predict(X_new)
result = {
    "proba": proba, "decision": decision,
    "predict": [v.item() if hasattr(v, "item") else v for v in np.asarray(predicted)],
    "classes": [v.item() if hasattr(v, "item") else v for v in np.asarray(model.classes_)],
    "coef": np.asarray(model.coef_, dtype=float),
    "intercept": np.asarray(model.intercept_, dtype=float),
    "n_iter": int(model.n_iter_) if hasattr(model, "n_iter_") else None,
    "warnings": sorted({w.category.__name__ for w in caught}),
    "changed": [[k, v, after.get(k)] for k, v in before.items() if after.get(k) != v],
}
"""


def fitted(week: Any, X: Any, y: Any, X_new: Any, label: str, **params: Any) -> dict[str, Any]:
    """ScratchLogisticRegression(**params).fit(X, y) and its answers on X_new.

    A parameter that fit changed fails at once: clone and grid searches rebuild the model
    from its parameters, so a changed one is a different model.
    """
    got = week.run_snippet(FIT_SNIPPET, target=TARGET, label=label, X=X, y=y, X_new=X_new,
                           params=params)
    changed = "; ".join(f"{k} from {v} to {w}" for k, v, w in got["changed"])
    expect(not changed, "fit must not change a parameter: clone() and grid searches rebuild "
           "the model from them. Store what fit learned in attributes ending in _ (n_iter_)",
           expected="get_params() the same before and after fit", got=f"changed {changed}")
    return got


def expect_shapes(got: dict[str, Any], p: int, n_new: int) -> None:
    """scikit-learn's shapes: coef_ (1, p), intercept_ (1,), predict_proba (n, 2)..."""
    expect(got["intercept"].shape == (1,), "intercept_ should have shape (1,), as in "
           "scikit-learn's LogisticRegression: an array holding one number (fit.coef[:1]), "
           "not a bare number", expected="intercept_ of shape (1,)",
           got=f"intercept_ of shape {got['intercept'].shape}")
    expect(got["coef"].shape == (1, p), "coef_ should have shape (1, n_features), as in "
           "scikit-learn's LogisticRegression: fit.coef[1:].reshape(1, -1)",
           expected=f"coef_ of shape (1, {p})", got=f"coef_ of shape {got['coef'].shape}")
    expect(got["proba"].shape == (n_new, 2), "predict_proba should give one column per class, "
           "in classes_ order: column j is the probability of classes_[j], so "
           "[1 - p, p] with p = sigmoid(decision_function(X))",
           expected=f"shape ({n_new}, 2)", got=f"shape {got['proba'].shape}")
    expect(got["decision"].shape == (n_new,), "decision_function should give one log-odds "
           "per row, a 1-D array", expected=f"shape ({n_new},)",
           got=f"shape {got['decision'].shape}")
    expect(len(got["predict"]) == n_new, "predict should give one label per row",
           expected=f"{n_new} labels", got=f"{len(got['predict'])}")


@milestone("5.4")
def test_attributes_and_outputs_have_scikit_learns_shapes(week):
    X, y = ref.classification_data(540, n=150, p=3)
    got = fitted(week, X, y.astype(int), X[:12], "ScratchLogisticRegression().fit(X, y)"
                 ": the shapes of coef_, intercept_ and of what the methods return")
    expect_shapes(got, X.shape[1], 12)


@milestone("5.4")
def test_passes_scikit_learn_estimator_checks(week):
    expect_estimator_checks(week, TARGET, HINTS, special)


def expect_like_statsmodels(got: dict[str, Any], X: np.ndarray, y01: np.ndarray,
                            X_new: np.ndarray, labels: list[Any]) -> None:
    """classes_, coef_, intercept_, predict_proba, predict as statsmodels' fit implies."""
    lib = ref.statsmodels_fit(X, y01)
    p = X.shape[1]
    expect(got["classes"] == labels, "classes_ should hold the two labels, sorted",
           expected=repr(labels), got=repr(got["classes"]))
    expect_shapes(got, p, len(X_new))
    coef = np.concatenate([got["intercept"], got["coef"].ravel()])
    expect(bool(np.allclose(coef, lib.coef, rtol=1e-6, atol=1e-6)),
           f"intercept_ and coef_ differ from statsmodels' fit with {labels[1]!r} coded 1",
           expected=str(np.round(lib.coef, 6)), got=str(np.round(coef, 6)))
    proba = ref.sigmoid(ref.eta_of(lib.coef, X_new))
    expected = np.column_stack([1.0 - proba, proba])
    off = float(np.max(np.abs(got["proba"] - expected)))
    swapped = np.allclose(got["proba"], expected[:, ::-1], atol=1e-6)
    expect(off <= 1e-6, "predict_proba differs from statsmodels' probabilities"
           + (": the columns are swapped (column j is the probability of classes_[j])"
              if swapped else ""),
           expected=f"column 1 = P({labels[1]!r}) = {np.round(proba[:3], 6)} ...",
           got=f"{np.round(got['proba'][:3, -1], 6)} ... (off by up to {off:.1e})")
    want = [labels[int(v > 0.5)] for v in proba]
    wrong = [i for i, (a, b) in enumerate(zip(got["predict"], want, strict=False)) if a != b]
    expect(len(got["predict"]) == len(want) and not wrong,
           "predict should give classes_[1] where its probability is above 0.5, else "
           "classes_[0], as labels of the type fit was given", expected=repr(want[:4]),
           got=repr(got["predict"][:4]) + (f"; {len(wrong)} rows differ" if wrong else ""))


@milestone("5.4")
def test_probabilities_and_coefficients_match_statsmodels(week):
    X, y = ref.classification_data(541, n=200, p=3)
    X_new = ref.classification_data(542, n=20, p=3)[0]
    got = fitted(week, X, y.astype(int), X_new, "ScratchLogisticRegression().fit(X, y with "
                 "labels 0 and 1).predict_proba(X_new)")
    expect_like_statsmodels(got, X, y, X_new, [0, 1])


@milestone("5.4")
def test_string_labels_are_mapped_through_classes(week):
    X, y = ref.classification_data(543, n=200, p=3)
    labels = np.where(y == 1, "stay", "leave")  # sorted: classes_ = ["leave", "stay"]
    got = fitted(week, X, labels, X[:25], 'ScratchLogisticRegression().fit(X, y of "leave" '
                 'and "stay").predict_proba(X)')
    expect_like_statsmodels(got, X, y, X[:25], ["leave", "stay"])


@milestone("5.4")
def test_tol_and_max_iter_reach_fit_irls(week):
    X, y = ref.classification_data(544, n=200, p=3)
    got = fitted(week, X, y, X[:5], "ScratchLogisticRegression(max_iter=2).fit(X, y)",
                 max_iter=2)
    judge = ref.irls(X, y, max_iter=2)
    expect_shapes(got, X.shape[1], 5)
    coef = np.concatenate([got["intercept"], got["coef"].ravel()])
    expect(got["n_iter"] == 2 and bool(np.allclose(coef, judge.coef, rtol=1e-8)),
           "ScratchLogisticRegression(max_iter=2) should stop fit_irls after 2 Newton steps: "
           "pass self.tol and self.max_iter on to fit_irls, and set n_iter_",
           expected=f"n_iter_ = 2, coefficients {np.round(judge.coef, 6)}",
           got=f"n_iter_ = {got['n_iter']}, coefficients {np.round(coef, 6)}")
    expect("ConvergenceWarning" in got["warnings"], "fit stopped after max_iter steps "
           "without fit_irls's ConvergenceWarning reaching the caller",
           expected="a ConvergenceWarning", got=", ".join(got["warnings"]) or "no warning")
    loose = fitted(week, X, y, X[:5], "ScratchLogisticRegression(tol=1e-2).fit(X, y)",
                   tol=1e-2)
    steps = ref.irls(X, y, tol=1e-2).n_iter
    expect(loose["n_iter"] is not None and abs(loose["n_iter"] - steps) <= 1,
           "ScratchLogisticRegression(tol=1e-2) should stop fit_irls early: pass self.tol on",
           expected=f"n_iter_ = {steps} (± 1)", got=f"n_iter_ = {loose['n_iter']}")
