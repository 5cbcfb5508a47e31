"""Hidden checks for milestone 3.5: held-out customers, four folds drawn with the grader's seed.

A comparison that loops over range(3) passes the three public folds and fails four seeded
ones; a comparison tuned to the public customers meets 1,409 it never saw.
"""

from __future__ import annotations

from grader.engine.checks import expect, milestone
from grader.week03.test_compare import compared

UNSEEN = "fails on unseen customers or other folds"
HOLDOUT = "telco_churn_holdout_clean"
#: Folds of ~350 customers: a preparation that differs a little (another scaler) moves a fold's
#: PR-AUC by up to ~0.01; a learner's own folds move it by ~0.15.
TOLERANCE = 0.025
#: Boosting fit on ~1,050 customers trails logistic regression by up to ~0.07 here; scored on
#: its own training rows it leads by ~0.15.
BOOSTING_BELOW, BOOSTING_ABOVE = 0.15, 0.06


@milestone("3.5", category=UNSEEN)
def test_held_out_customers_on_four_seeded_folds(week, seed):
    got, reference, _ = compared(week, HOLDOUT, n_folds=4, seed=seed)
    for fold in reference.index:
        for metric in ("roc_auc", "pr_auc"):
            mine = got.loc[("logistic_regression", fold), metric]
            judge = reference.loc[fold, metric]
            expect(abs(mine - judge) <= TOLERANCE,
                   f"logistic_regression's {metric} on fold {fold} differs from the judge's",
                   expected=f"{judge:.3f} (± {TOLERANCE})", got=f"{mine:.3f}")
        auc, judge = got.loc[("hist_gradient_boosting", fold), "roc_auc"], reference.loc[
            fold, "roc_auc"]
        expect(judge - BOOSTING_BELOW <= auc <= judge + BOOSTING_ABOVE,
               f"hist_gradient_boosting's ROC-AUC on fold {fold} is implausible",
               expected=f"about {judge:.2f}", got=f"{auc:.3f}")
