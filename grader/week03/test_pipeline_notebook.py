"""Milestone 3.6: the pipeline notebook runs top to bottom, and its numbers are its own.

The notebook runs in the sandbox; the checks read the names it defines and the PNGs it saved.
The test scores are recomputed judge-side from the notebook's fitted ``pipeline`` on its own
``X_test``/``y_test`` (when it names them so), so a number typed in or computed on other rows
does not pass.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import (
    CheckFailed,
    Handle,
    expect,
    expect_equal,
    expect_png,
    expect_type,
    milestone,
)
from grader.engine.outcomes import current

NOTEBOOK = "pipeline.ipynb"
FIGURES = ("figures/pr_curve.png", "figures/confusion_matrix.png")
ROC_RANGE = (0.78, 0.90)  # a fitted pipeline on a fifth of the customers; above: leakage
MODELS = {"logistic_regression", "hist_gradient_boosting"}

CLEAR_FIGURES = """
from pathlib import Path
for name in names:
    Path(name).unlink(missing_ok=True)
result = None
"""

FITTED = """
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted
try:
    check_is_fitted(pipe)
    result = {"fitted": hasattr(pipe, "predict_proba"), "error": ""}
except (NotFittedError, TypeError) as exc:
    result = {"fitted": False, "error": str(exc)[:120]}
"""


def run(week, data: dict[str, str] | None = None) -> None:
    """Restart & Run All, in a folder without the PNGs of an earlier run on the learner's
    machine (removed once per kernel), so the figure checks see only what this run saved."""
    week.once("pipeline.ipynb: stale figures removed",
              lambda: week.run_snippet(CLEAR_FIGURES, names=list(FIGURES),
                                       label="removing old figures before the run"))
    week.run_notebook(NOTEBOOK, data=data)


def defines(week, name: str) -> bool:
    return bool(week.eval(f"{name!r} in globals()"))


def score(week, name: str) -> float:
    """test_roc_auc or test_pr_auc: a plain float between 0 and 1."""
    got = week.eval(name)
    expect_type(got, float, what=f"{name} (a score between 0 and 1)")
    expect(0.0 <= got <= 1.0, f"{name} should be a score between 0 and 1",
           expected="a float such as 0.84", got=repr(got))
    return got


def recomputed(week) -> dict[str, float] | None:
    """ROC-AUC and PR-AUC of the notebook's pipeline on its X_test/y_test, judge-side."""
    if not (defines(week, "X_test") and defines(week, "y_test")):
        return None
    from sklearn.metrics import average_precision_score, roc_auc_score

    proba = np.asarray(week.eval("pipeline.predict_proba(X_test)[:, 1]"), dtype=float)
    y_test = week.eval("y_test")
    y = np.asarray(y_test.to_numpy() if isinstance(y_test, pd.Series) else y_test, dtype=bool)
    labels = np.asarray(week.eval("pipeline.predict(X_test)")).astype(bool)
    return {"test_roc_auc": float(roc_auc_score(y, proba)),
            "test_pr_auc": float(average_precision_score(y, proba)),
            "from_labels_roc": float(roc_auc_score(y, labels)),
            "from_labels_pr": float(average_precision_score(y, labels)),
            "n": len(y)}


def expect_fitted(week) -> None:
    pipe = week.eval("pipeline")
    expect(isinstance(pipe, Handle), "pipeline should be the fitted scikit-learn pipeline",
           expected="build_pipeline().fit(X_train, y_train)", got=repr(pipe)[:80])
    got = week.run_snippet(FITTED, label="check_is_fitted(pipeline)", pipe=pipe)
    expect(got["fitted"], "pipeline should be fitted (and predict probabilities)",
           expected="build_pipeline().fit(X_train, y_train), not build_pipeline()",
           got=f"an unfitted {pipe.type_name.rpartition('.')[2]}: {got['error']}")


def expect_score_is_its_own(week, name: str) -> None:
    """`name` equals the judge's recomputation on X_test, or lies in a plausible range."""
    got = score(week, name)
    expect_fitted(week)
    again = recomputed(week)
    if again is None:
        low, high = ROC_RANGE if name == "test_roc_auc" else (0.5, 0.8)
        expect(low <= got <= high, f"{name} is not plausible for this pipeline",
               expected=f"between {low} and {high}", got=f"{got:.4f}")
        return
    short = "roc" if name == "test_roc_auc" else "pr"
    metric = "roc_auc_score" if short == "roc" else "average_precision_score"
    current.checking = f"{name} against {metric}(y_test, pipeline.predict_proba(X_test)[:, 1])"
    if abs(got - again[f"from_labels_{short}"]) < 1e-9 and abs(got - again[name]) > 1e-9:
        raise CheckFailed(f"{name} was computed from 0/1 predictions, not probabilities",
                          expected=f"{again[name]:.4f} from pipeline.predict_proba(X_test)"
                          "[:, 1]", got=f"{got:.4f} from pipeline.predict(X_test)")
    expect_equal(got, again[name], what=name, rtol=1e-9, atol=1e-12,
                 explain=f"{again[name]:.6f}: pipeline's probabilities on the {again['n']:,} "
                 "rows of X_test, y_test (scored on other rows, or another model?)")






def expect_comparison(week) -> pd.DataFrame:
    got = week.eval("comparison")
    expect_type(got, pd.DataFrame, what="comparison")
    missing = [c for c in ("model", "fold", "roc_auc", "pr_auc") if c not in got.columns]
    expect(not missing, "comparison should have one row per (model, fold)",
           expected="columns model, fold, roc_auc, pr_auc (compare_models' result)",
           got=f"columns {list(map(str, got.columns))[:6]}; missing {missing}")
    models = set(map(str, got["model"]))
    expect(models == MODELS, "comparison should score both models",
           expected=sorted(MODELS), got=sorted(models))
    counts = got["model"].astype(str).value_counts()
    expect(counts.min() >= 3 and counts.nunique() == 1,
           "comparison should score both models on the same folds (at least 3)",
           expected="as many rows for each model, one per fold",
           got=", ".join(f"{k}: {v} rows" for k, v in counts.items()))
    scores = got[["roc_auc", "pr_auc"]].to_numpy(dtype=float)
    expect(bool(np.all((scores > 0) & (scores <= 1))),
           "comparison's scores should lie between 0 and 1", expected="roc_auc and pr_auc "
           "per fold", got=got[["roc_auc", "pr_auc"]].describe().loc[["min", "max"]].to_string())
    return got


@milestone("3.6")
def test_notebook_defines_a_fitted_pipeline(week):
    run(week)
    expect_fitted(week)


@milestone("3.6")
def test_test_roc_auc_is_the_pipelines_score_on_the_test_rows(week):
    run(week)
    public(week)
    expect_score_is_its_own(week, "test_roc_auc")


@milestone("3.6")
def test_test_pr_auc_is_the_pipelines_score_on_the_test_rows(week):
    run(week)
    expect_score_is_its_own(week, "test_pr_auc")


@milestone("3.6")
def test_comparison_scores_both_models_on_the_same_folds(week):
    run(week)
    expect_comparison(week)


@milestone("3.6")
def test_saves_the_precision_recall_curve(week):
    run(week)
    expect_png(week, FIGURES[0], notebook=NOTEBOOK, what="the precision-recall curve")


@milestone("3.6")
def test_saves_the_confusion_matrix(week):
    run(week)
    expect_png(week, FIGURES[1], notebook=NOTEBOOK, what="the confusion matrix")


def public(week) -> dict[str, Any]:
    """The public run's scores, kept so the hidden run can tell that its numbers moved."""
    def read() -> dict[str, Any]:
        run(week)
        values = {name: week.eval(name) if defines(week, name) else None
                  for name in ("test_roc_auc", "test_pr_auc")}
        frame = week.eval("comparison") if defines(week, "comparison") else None
        values["comparison_roc_auc"] = (float(frame["roc_auc"].mean())
                                        if isinstance(frame, pd.DataFrame)
                                        and "roc_auc" in frame else None)
        return values
    return week.once("pipeline.ipynb public scores", read)
