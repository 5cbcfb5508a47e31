"""Judge-side reference for milestone 5.5: week 3's pipeline, with either model, and its scores.

The pipeline is week 3's own (`grader.week03.ref_persist.JUDGE_PIPELINE`, source text, so
the very same pipeline is built in the sandbox and here), the split is week 3's
(`grader.week03.ref_pipeline.judge_split`). Judge-side, the scratch model is
`ReferenceScratch`, a minimal estimator around the judge's own IRLS: the learner's numbers
are recomputed, never trusted.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from grader.week03.ref_persist import JUDGE_PIPELINE, PIPELINE_TEMPLATE
from grader.week05 import ref_logistic as ref

__all__ = ["JUDGE_PIPELINE", "ReferenceScratch", "build", "other_pipeline_source", "scores",
           "split"]

#: The issue's bar: the scratch pipeline ranks customers like scikit-learn's default.
MAX_AUC_GAP = 0.002
#: Recomputed ROC-AUCs agree to this (same data, same deterministic solvers).
RECOMPUTED = 1e-4


class ReferenceScratch(ClassifierMixin, BaseEstimator):
    """The judge's unpenalised logistic regression (its own IRLS), enough for a Pipeline."""

    def fit(self, X: Any, y: Any) -> ReferenceScratch:
        X = np.asarray(X.toarray() if hasattr(X, "toarray") else X, dtype=float)
        self.classes_, coded = np.unique(np.asarray(y), return_inverse=True)
        self.coef_ = ref.irls(X, coded.astype(float)).coef
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        X = np.asarray(X.toarray() if hasattr(X, "toarray") else X, dtype=float)
        p = ref.sigmoid(ref.eta_of(self.coef_, X))
        return np.column_stack([1.0 - p, p])


def with_reference_scratch(pipeline: Any) -> Any:
    """An unfitted copy of `pipeline` ending in ReferenceScratch under the same name."""
    from sklearn.base import clone

    copy = clone(pipeline)
    copy.steps[-1] = (copy.steps[-1][0], ReferenceScratch())
    return copy


def roc_auc(pipeline: Any, X_train: Any, y_train: Any, X_test: Any, y_test: Any) -> float:
    from sklearn.metrics import roc_auc_score

    pipeline.fit(X_train, y_train)
    return float(roc_auc_score(y_test, pipeline.predict_proba(X_test)[:, 1]))


_SCORES: dict[tuple[str, str, str | None], dict[str, float]] = {}


def scores(week: Any, train_name: str, test_name: str | None = None, *,
           source: str = JUDGE_PIPELINE) -> dict[str, float]:
    """ROC-AUCs of a pipeline (week 3's by default) with scikit-learn's model and with the
    judge's scratch one.

    `test_name` None: week 3's stratified 75/25 split of `train_name`; else fit on all of
    `train_name`, score all of `test_name`. Also the scores of pipelines fitted on the test
    rows themselves ("*_on_test"), to recognise that mistake by its numbers. Computed once.
    """
    key = (source, train_name, test_name)
    if key not in _SCORES:
        X_train, X_test, y_train, y_test = split(week, train_name, test_name)
        out = {}
        for label, make in (("sklearn", lambda: build(source)),
                            ("scratch", lambda: with_reference_scratch(build(source)))):
            out[f"{label}_roc_auc"] = roc_auc(make(), X_train, y_train, X_test, y_test)
            out[f"{label}_on_test"] = roc_auc(make(), X_test, y_test, X_test, y_test)
        _SCORES[key] = out
    return _SCORES[key]


def split(week: Any, train_name: str, test_name: str | None = None) -> tuple[Any, ...]:
    """X_train, X_test, y_train, y_test as the checks hand them to the learner."""
    from grader.week03 import ref_pipeline

    table = week.data(train_name)
    if test_name is None:
        return tuple(ref_pipeline.judge_split(table))
    X_train, y_train = ref_pipeline.features_and_target(table)
    X_test, y_test = ref_pipeline.features_and_target(week.data(test_name))
    return X_train, X_test, y_train, y_test


def other_pipeline_source(seed: int) -> str:
    """Source text defining ``judge_pipeline()``: week 3's pipeline with other step names,
    scaler, imputer and C drawn from `seed`."""
    rng = np.random.default_rng(seed)
    pick = lambda options: options[int(rng.integers(len(options)))]  # noqa: E731
    return PIPELINE_TEMPLATE.format(
        scaler=pick(["StandardScaler", "RobustScaler", "MinMaxScaler"]),
        strategy=pick(["median", "mean"]), numbers="amounts", categories="levels",
        first=pick(["features", "preprocess", "columns"]),
        last=pick(["classifier", "clf", "logreg", "estimator"]), C=f"C={pick([0.3, 1.0, 3.0])}, ")


def build(source: str) -> Any:
    """The unfitted pipeline `source` defines."""
    namespace: dict[str, Any] = {}
    exec(source, namespace)
    return namespace["judge_pipeline"]()
