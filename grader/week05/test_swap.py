"""Milestone 5.5: the learner's estimator inside week 3's churn pipeline.

The judge builds week 3's reference pipeline in the sandbox (the same source text judge-side),
hands it to ``swap.with_scratch_model`` and reads what came back: a new, unfitted Pipeline
whose steps are the same but the last, now a ScratchLogisticRegression(), with the argument
left alone. Fitted on week 3's training rows, it must rank the test customers like
scikit-learn's LogisticRegression(max_iter=1000) pipeline (ROC-AUC within 0.002); and
``compare_on_holdout`` must report the numbers the judge recomputes itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect, milestone
from grader.engine.outcomes import CheckFailed, current
from grader.week05 import ref_swap as ref

TARGET = "swap.with_scratch_model"
CLEAN = "telco_churn_clean"

INSPECT_SNIPPET = """
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted
import estimator
import swap

def flat(est):
    return {k: (type(v).__name__ if hasattr(v, "get_params") else repr(v))
            for k, v in est.get_params(deep=True).items()}

def is_fitted(est):
    try:
        check_is_fitted(est)
        return True
    except NotFittedError:
        return False

exec(source)
original = judge_pipeline()
if X is not None:
    original.fit(X, y)
before = [(name, step, flat(step)) for name, step in original.steps]
new = swap.with_scratch_model(original)
result = {"type": type(new).__name__, "is_pipeline": isinstance(new, Pipeline),
          "same": new is original}
changed = [n for (n, s), (n0, s0, f0) in zip(original.steps, before)
           if n != n0 or s is not s0 or flat(s) != f0]
if len(original.steps) != len(before):
    changed.append("the number of steps")
result["original_changed"] = changed
result["original"] = [[n, type(s).__name__] for n, s, _ in before]
if result["is_pipeline"]:
    last = new.steps[-1][1]
    result["steps"] = [[n, type(s).__name__] for n, s in new.steps]
    result["last_is_scratch"] = isinstance(last, estimator.ScratchLogisticRegression)
    params = last.get_params() if hasattr(last, "get_params") else {}
    result["last_params"] = {k: repr(v) for k, v in params.items()}
    result["default_params"] = {
        k: repr(v) for k, v in estimator.ScratchLogisticRegression().get_params().items()}
    result["fitted"] = [n for n, s in new.steps if is_fitted(s)]
    result["shared"] = [n for n, s in new.steps if any(s is s0 for _, s0, _ in before)]
    result["other_params"] = [n for (n, s), (n0, _, f0) in zip(new.steps[:-1], before[:-1])
                              if n != n0 or flat(s) != f0]
"""


def inspect(week: Any, source: str, label: str, X: Any = None, y: Any = None) -> dict[str, Any]:
    """What with_scratch_model made of the pipeline `source` defines (fitted first if X)."""
    return week.run_snippet(INSPECT_SNIPPET, target=TARGET, label=label, source=source,
                            X=X, y=y)


def expect_swapped(got: dict[str, Any]) -> None:
    """A new unfitted Pipeline: same steps and params, last one ScratchLogisticRegression()."""
    expect(got["is_pipeline"], "with_scratch_model should return a scikit-learn Pipeline",
           expected="sklearn.pipeline.Pipeline", got=got["type"])
    expect(not got["same"] and not got["original_changed"], "with_scratch_model changed the "
           "pipeline it was given: the caller's pipeline must keep its own model. Work on "
           "clone(pipeline)", expected=f"the argument unchanged: {got['original']}",
           got=f"changed: {', '.join(got['original_changed']) or 'returned the same object'}")
    want = [*got["original"][:-1], [got["original"][-1][0], "ScratchLogisticRegression"]]
    expect(got["steps"] == want, "with_scratch_model should keep every step and its name, and "
           "replace only the last one, under the same name",
           expected=str(want), got=str(got["steps"]))
    expect(got["last_is_scratch"], "the last step should be an instance of "
           "estimator.ScratchLogisticRegression", expected="ScratchLogisticRegression()",
           got=got["steps"][-1][1])
    expect(got["last_params"] == got["default_params"], "the last step should be a fresh "
           "ScratchLogisticRegression() with its default parameters",
           expected=str(got["default_params"]), got=str(got["last_params"]))
    expect(not got["other_params"], "the other steps should keep their parameters",
           expected="the same parameters as in the argument",
           got=f"changed in {', '.join(got['other_params'])}")
    expect(not got["shared"], "the new pipeline shares step objects with the argument: "
           "fitting one then fits the other. Build it from clone(pipeline)",
           expected="copies of the steps", got=f"the same objects for {', '.join(got['shared'])}")
    expect(not got["fitted"], "with_scratch_model should return an unfitted pipeline "
           "(clone drops what fit learned)", expected="no fitted step",
           got=f"fitted: {', '.join(got['fitted'])}")


@milestone("5.5")
def test_with_scratch_model_swaps_only_the_last_step(week):
    expect_swapped(inspect(week, ref.JUDGE_PIPELINE, "with_scratch_model(week 3's pipeline)"))


@milestone("5.5")
def test_a_fitted_pipeline_gives_an_unfitted_copy(week):
    X_train, _, y_train, _ = ref.split(week, CLEAN)
    expect_swapped(inspect(week, ref.JUDGE_PIPELINE, "with_scratch_model(week 3's pipeline "
                           "fitted on X_train)", X=X_train, y=y_train))


SCORE_SNIPPET = """
import numpy as np
import swap

exec(source)
scratch = swap.with_scratch_model(judge_pipeline())
scratch.fit(X_train, y_train)
result = np.asarray(scratch.predict_proba(X_test), dtype=float)
"""


def scratch_roc_auc(week: Any, source: str, X_train: Any, y_train: Any, X_test: Any,
                    y_test: Any, label: str) -> float:
    """ROC-AUC of with_scratch_model(pipeline) fitted on the training rows, on the test rows."""
    from sklearn.metrics import roc_auc_score

    proba = week.run_snippet(SCORE_SNIPPET, target=TARGET, label=label, source=source,
                             X_train=X_train, y_train=y_train, X_test=X_test)
    expect(proba.shape == (len(X_test), 2) and bool(np.all(np.isfinite(proba))),
           "predict_proba of the scratch pipeline should give two finite columns",
           expected=f"shape ({len(X_test)}, 2), finite", got=f"shape {proba.shape}, "
           f"{int((~np.isfinite(proba)).sum())} not finite")
    return float(roc_auc_score(y_test, proba[:, 1]))


@milestone("5.5")
def test_scratch_pipeline_ranks_customers_like_scikit_learn(week):
    X_train, X_test, y_train, y_test = ref.split(week, CLEAN)
    auc = scratch_roc_auc(week, ref.JUDGE_PIPELINE, X_train, y_train, X_test, y_test,
                          "with_scratch_model(pipeline).fit(X_train, y_train)"
                          ".predict_proba(X_test), week 3's split")
    judge = ref.scores(week, CLEAN)
    expect(abs(auc - judge["sklearn_roc_auc"]) <= ref.MAX_AUC_GAP, "the scratch pipeline ranks "
           "the test customers differently from scikit-learn's: with 4,225 training rows the "
           "penalty hardly matters, so the fit (or the way labels map to classes_) is off",
           expected=f"ROC-AUC {judge['sklearn_roc_auc']:.4f} (± {ref.MAX_AUC_GAP}); the "
                    f"judge's own scratch model: {judge['scratch_roc_auc']:.4f}",
           got=f"ROC-AUC {auc:.4f}")


COMPARE_SNIPPET = """
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted
import swap

exec(source)
pipe = judge_pipeline()
got = swap.compare_on_holdout(pipe, X_train, y_train, X_test, y_test)
result = {"type": type(got).__name__, "values": None}
if isinstance(got, dict):
    values = {}
    for key, value in got.items():
        try:
            values[str(key)] = float(value)
        except (TypeError, ValueError):
            values[str(key)] = None
    result["values"] = values
try:
    check_is_fitted(pipe)
    result["pipe_fitted"] = True
except NotFittedError:
    result["pipe_fitted"] = False
result["swap_changes_its_argument"] = None
if result["pipe_fitted"]:  # by compare_on_holdout itself, or through with_scratch_model?
    probe = judge_pipeline()
    steps = [step for _, step in probe.steps]
    swapped = swap.with_scratch_model(probe)
    result["swap_changes_its_argument"] = (
        swapped is probe or [step for _, step in probe.steps] != steps
        or any(a is b for (_, a), (_, b) in zip(swapped.steps, probe.steps)))
"""

KEYS = ["difference", "scratch_roc_auc", "sklearn_roc_auc"]


def expect_compared(week: Any, train_name: str, test_name: str | None, label: str,
                    source: str = ref.JUDGE_PIPELINE) -> None:
    """compare_on_holdout's three numbers equal the judge's, recomputed on the same rows."""
    X_train, X_test, y_train, y_test = ref.split(week, train_name, test_name)
    got = week.run_snippet(COMPARE_SNIPPET, target="swap.compare_on_holdout", label=label,
                           source=source, X_train=X_train, y_train=y_train, X_test=X_test,
                           y_test=y_test)
    values = got["values"]
    expect(values is not None and sorted(values) == KEYS
           and all(v is not None for v in values.values()),
           "compare_on_holdout should return a dict of three numbers",
           expected=f"keys {KEYS}", got=f"a {got['type']}"
           + (f" with {values}" if values else ""))
    if got["pipe_fitted"] and got["swap_changes_its_argument"]:
        raise CheckFailed("compare_on_holdout's argument came back fitted because "
                          "with_scratch_model(pipeline) changes or shares the pipeline it is "
                          "given: fitting its result fits the caller's steps. Build the new "
                          "pipeline from clone(pipeline)",
                          expected="the argument still unfitted",
                          got="the argument fitted, through with_scratch_model",
                          where=current.where.rpartition("::")[0] + "::with_scratch_model")
    expect(not got["pipe_fitted"], "compare_on_holdout fitted the pipeline it was given: "
           "fit clone(pipeline) and leave the caller's pipeline as it was",
           expected="the argument still unfitted", got="the argument fitted")
    judge = ref.scores(week, train_name, test_name, source=source)
    for model in ("sklearn", "scratch"):
        key = f"{model}_roc_auc"
        if abs(values[key] - judge[key]) <= ref.RECOMPUTED:
            continue
        on_test = abs(values[key] - judge[f"{model}_on_test"]) <= ref.RECOMPUTED
        expect(False, f"compare_on_holdout's {key} is not the judge's"
               + (": this is the score of a model fitted on the test rows. Fit on X_train, "
                  "y_train only; score X_test" if on_test else
                  ": fit each pipeline on the training rows, score predict_proba[:, 1] of "
                  "the test rows with roc_auc_score"),
               expected=f"{judge[key]:.5f} (± {ref.RECOMPUTED:g})", got=f"{values[key]:.5f}")
    difference = values["scratch_roc_auc"] - values["sklearn_roc_auc"]
    expect(abs(values["difference"] - difference) <= 1e-9,
           "difference should be scratch_roc_auc - sklearn_roc_auc",
           expected=f"{difference:.6f}", got=f"{values['difference']:.6f}")


@milestone("5.5")
def test_compare_on_holdout_reports_the_judges_numbers(week):
    expect_compared(week, CLEAN, None, "compare_on_holdout(week 3's pipeline, X_train, "
                    "y_train, X_test, y_test), week 3's split")
