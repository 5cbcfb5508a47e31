"""Hidden checks for 2.6: held-out customers, other prevalences and seeds, and the direction.

The direction check is the lesson itself, on seeded scores from a decent model (30,000
customers, so sampling noise stays small): as churners get rare, accuracy rises, PR-AUC falls
and ROC-AUC stays put.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week02 import ref_validation as ref
from grader.week02.test_drift import (
    expect_drift_table,
    expect_drift_values,
    expect_subsample,
    get_subsample,
    subsamples,
)

UNSEEN = "fails on unseen customers"


@milestone("2.6", category=UNSEEN)
def test_subsample_held_out_customers(week, seed):
    y = ref.churn(week.data("telco_churn_holdout_clean"))
    rng = np.random.default_rng(seed)
    prevalence = float(np.round(rng.uniform(0.03, 0.2), 3))
    first = get_subsample(week, y, prevalence, seed % 1000, label="y (held out)")
    expect_subsample(first, y, prevalence)
    other = get_subsample(week, y, prevalence, seed % 1000 + 1, label="y (held out)")
    expect(not np.array_equal(first, other), "another seed should keep other churners",
           expected=f"different positions for seed={seed % 1000} and {seed % 1000 + 1}",
           got="the same positions")


@milestone("2.6", category="fails for other prevalences or seeds")
def test_metric_drift_with_other_prevalences(week, seed):
    y, proba = ref.synthetic_scores(seed)
    prevalences = [0.15, 0.03, 0.01]
    kept = subsamples(week, y, prevalences, seed=seed % 1000)
    got = week.call("drift.metric_drift", week.label(y, f"y ({len(y):,} customers)"),
                    week.label(proba, "proba"), prevalences=prevalences, seed=seed % 1000)
    expect_drift_table(got, y, prevalences)
    expect_drift_values(got, y, proba, prevalences, kept, seed=seed % 1000)


@milestone("2.6", category="fails for other prevalences or seeds")
def test_accuracy_rises_pr_auc_falls_roc_auc_stays(week, seed):
    y, proba = ref.synthetic_scores(seed + 1)
    prevalences = [0.10, 0.05, 0.02]
    got = week.call("drift.metric_drift", week.label(y, f"y ({len(y):,} customers)"),
                    week.label(proba, "proba"), prevalences=prevalences, seed=seed % 1000)
    expect_drift_table(got, y, prevalences)
    first, rarest = got.iloc[0], got.iloc[-1]
    expect(rarest["accuracy"] > first["accuracy"], "accuracy should rise as churners get rare",
           expected=f"accuracy above {first['accuracy']:.3f} at prevalence 0.02",
           got=f"{rarest['accuracy']:.3f}")
    expect(rarest["pr_auc"] < first["pr_auc"] - 0.1, "PR-AUC should fall as churners get rare",
           expected=f"pr_auc well below {first['pr_auc']:.3f} at prevalence 0.02",
           got=f"{rarest['pr_auc']:.3f}")
    moved = (got["roc_auc"] - first["roc_auc"]).abs().max()
    expect(moved <= 0.05, "ROC-AUC should barely move: it compares churners with stayers",
           expected=f"every roc_auc within 0.05 of {first['roc_auc']:.3f}",
           got=", ".join(f"{v:.3f}" for v in got["roc_auc"]))
