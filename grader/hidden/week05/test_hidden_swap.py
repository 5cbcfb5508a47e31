"""Hidden checks for milestone 5.5: held-out customers, and a pipeline of another shape.

Fitted on every public customer, the scratch pipeline meets the 1,409 held-out ones; and
with_scratch_model gets a pipeline whose steps have other names and settings (drawn from the
grader's seed), so code that assumes a step named "model" fails.
"""

from __future__ import annotations

from grader.engine.checks import expect, milestone
from grader.week05 import ref_swap as ref
from grader.week05.test_swap import expect_compared, expect_swapped, inspect, scratch_roc_auc

CLEAN, HOLDOUT = "telco_churn_clean", "telco_churn_holdout_clean"
UNSEEN = "fails on unseen customers"
SHAPE = "fails on a pipeline of another shape"


@milestone("5.5", category=UNSEEN)
def test_held_out_customers(week):
    X_train, X_test, y_train, y_test = ref.split(week, CLEAN, HOLDOUT)
    auc = scratch_roc_auc(week, ref.JUDGE_PIPELINE, X_train, y_train, X_test, y_test,
                          "scratch pipeline fitted on all public customers, held-out scored")
    judge = ref.scores(week, CLEAN, HOLDOUT)
    expect(abs(auc - judge["sklearn_roc_auc"]) <= ref.MAX_AUC_GAP,
           "the scratch pipeline ranks held-out customers unlike scikit-learn's",
           expected=f"{judge['sklearn_roc_auc']:.4f}", got=f"{auc:.4f}")


@milestone("5.5", category=UNSEEN)
def test_compare_on_held_out_customers(week):
    expect_compared(week, CLEAN, HOLDOUT, "compare_on_holdout(pipeline, public rows, "
                    "held-out rows)")


@milestone("5.5", category=SHAPE)
def test_pipeline_of_another_shape(week, seed):
    source = ref.other_pipeline_source(seed)
    expect_swapped(inspect(week, source, "with_scratch_model(another pipeline)"))
    X_train, X_test, y_train, y_test = ref.split(week, CLEAN, HOLDOUT)
    auc = scratch_roc_auc(week, source, X_train, y_train, X_test, y_test,
                          "another pipeline, scratch model, held-out customers")
    judge = ref.scores(week, CLEAN, HOLDOUT, source=source)
    expect(abs(auc - judge["scratch_roc_auc"]) <= ref.RECOMPUTED,
           "the scratch model in another pipeline ranks held-out customers unlike the judge's",
           expected=f"{judge['scratch_roc_auc']:.5f}", got=f"{auc:.5f}")
