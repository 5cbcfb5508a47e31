"""Hidden checks for 2.3: the learner's encode and fit_logistic, fit on every public customer
and scored on held-out customers the learner never saw."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect, expect_type, milestone
from grader.week02 import ref_model as ref
from grader.week02.ref_model import expect_matrices

UNSEEN = "fails on unseen customers"
#: A plain sensible logistic regression scores 0.835-0.842 here; above the top, suspect a leak.
AUC_LOW, AUC_HIGH = 0.83, 0.87


def held_out_model(week: Any) -> tuple[Any, np.ndarray, np.ndarray]:
    """The learner's model fit on all public customers, X and y of the held-out ones."""
    public = week.label(week.data("telco_churn_clean"), "telco_churn_clean")
    holdout = week.label(week.data("telco_churn_holdout_clean"), "held_out_customers")
    got = week.once("encode(public, holdout)",
                    lambda: week.call("model.encode", public, holdout))
    X_public, X_holdout = expect_matrices(got, len(public), len(holdout),
                                          "encode(telco_churn_clean, held_out_customers)")
    model = week.once("fit_logistic(public)", lambda: week.call(
        "model.fit_logistic", week.label(X_public, "X_public"),
        week.label(ref.labels(public), "y_public")))
    return (week.label(model, "model"), week.label(X_holdout, "X_held_out"),
            ref.labels(holdout))


@milestone("2.3", category=UNSEEN)
def test_logistic_on_held_out_customers(week):
    from sklearn.metrics import roc_auc_score

    model, X_holdout, y_holdout = held_out_model(week)
    shown = "fit_logistic(X_public, y_public).predict_proba(X_held_out)"
    proba = ref.call_method(week, model, "predict_proba", X_holdout, shown)
    expect_type(proba, np.ndarray, shown)
    expect(proba.shape == (len(y_holdout), 2), "predict_proba should give one row per customer "
           "and a column per class", expected=f"shape ({len(y_holdout)}, 2)",
           got=f"shape {proba.shape}")
    auc = float(roc_auc_score(y_holdout, proba[:, 1]))
    expect(auc >= AUC_LOW, "fit on every public customer, the model ranks held-out customers "
           "too poorly", expected=f"ROC-AUC at least {AUC_LOW}", got=f"ROC-AUC {auc:.3f}")
    expect(auc <= AUC_HIGH, "ROC-AUC on held-out customers is higher than a logistic regression "
           "on these features reaches: suspect leakage (churn, or something built from it, "
           "among the features)", expected=f"ROC-AUC between {AUC_LOW} and {AUC_HIGH}",
           got=f"ROC-AUC {auc:.3f}")


@milestone("2.3", category=UNSEEN)
def test_evaluate_on_held_out_customers(week):
    model, X_holdout, y_holdout = held_out_model(week)
    proba = model.predict_proba(X_holdout)[:, 1]
    decided = np.asarray(model.predict(X_holdout), dtype=bool)
    got = week.call("model.evaluate", model, X_holdout, week.label(y_holdout, "y_held_out"))
    expect_type(got, dict, "evaluate(...)")
    for name, value in ref.metrics(y_holdout, proba, decided).items():
        mine = got.get(name)
        ok = isinstance(mine, (int, float, np.floating)) and abs(float(mine) - value) <= 1e-9
        expect(ok, f"{name} on held-out customers differs from scikit-learn's",
               expected=f"{value:.6f}", got=repr(mine)[:60])
