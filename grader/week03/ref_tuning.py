"""Judge-side references for milestones 3.3 (tuning) and 3.5 (the side-by-side comparison).

Written here from the contract, independently of any solution, so a check never trusts the
code it grades. Three things live here:

- `SEARCH_FACTS`: a snippet that reads, in the sandbox, what kind of search ``tune`` returned,
  how it splits the rows and what its scorer gives; the judge then names the metric itself
  from probabilities (a scorer that matches ROC-AUC *is* ROC-AUC, however it was spelt).
- `skewed_folds`: the folds the judge hands ``compare_models``. Their test rows hold very
  different churn shares on purpose (about 11 %, 27 % and 52 % for three folds). ROC-AUC
  hardly notices, PR-AUC follows the share: a learner who makes their own stratified folds
  reports PR-AUCs near the table's 0.66 on every fold, far from the judge's.
- `reference_fold_scores`: the judge's own pipeline (median-impute and scale the numbers,
  one-hot everything else, ``LogisticRegression(max_iter=1000)``), scored on those folds.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from grader.week03.ref_persist import judge_pipeline

#: The two models of the comparison (3.5), by the names the rows carry.
MODEL_NAMES = ("logistic_regression", "hist_gradient_boosting")
#: Splitters that keep each fold's churn share; an int cv on a classifier becomes the first.
STRATIFIED = ("StratifiedKFold", "RepeatedStratifiedKFold", "StratifiedShuffleSplit",
              "StratifiedGroupKFold")
#: Splitters that ignore the labels: a KFold cv object is the classic one.
UNSTRATIFIED = ("KFold", "RepeatedKFold", "ShuffleSplit", "GroupKFold", "LeaveOneOut",
                "LeavePOut", "TimeSeriesSplit")
#: A list of (train, test) splits counts as stratified when every fold is this close.
FOLD_SHARE_TOLERANCE = 0.005


# --- 3.3: what the search is ---------------------------------------------------------------

#: Reads a search in the sandbox. Inputs: search (the learner's object), X, y (the training
#: rows it was fit on) and X_check (rows the judge scores the scorer on).
SEARCH_FACTS = """
import numpy as np
from sklearn.base import is_classifier
from sklearn.model_selection import check_cv
from sklearn.pipeline import Pipeline
try:
    from sklearn.model_selection._search import BaseSearchCV
except ImportError:
    BaseSearchCV = ()

facts = {"type": type(search).__name__, "is_search": isinstance(search, BaseSearchCV)}
best = getattr(search, "best_estimator_", None) if facts["is_search"] else None
facts["best"] = type(best).__name__ if best is not None else None
facts["is_pipeline"] = isinstance(best, Pipeline)
facts["fitted"] = facts["is_search"] and hasattr(search, "best_params_")
if facts["fitted"]:
    facts["params"] = {str(k): v for k, v in search.best_params_.items()}
    facts["best_score"] = float(search.best_score_)
    facts["scoring"] = repr(search.scoring)[:80]
    cv = check_cv(search.cv, y, classifier=is_classifier(search.estimator))
    facts["cv"] = type(cv).__name__
    labels = np.asarray(y, dtype=bool)
    facts["fold_shares"] = [float(labels[test].mean()) for _, test in cv.split(X, y)]
    scorer = search.scorer_
    if isinstance(scorer, dict):
        scorer = scorer.get(search.refit) if isinstance(search.refit, str) else None
    facts["score"] = None if scorer is None or best is None else float(
        scorer(best, X_check, y_check))
if best is not None and hasattr(best, "predict_proba"):
    facts["proba"] = np.asarray(best.predict_proba(X_check)[:, 1], dtype=float)
    facts["pred"] = np.asarray(best.predict(X_check)).astype(bool)
result = facts
"""


def search_facts(week: Any, search: Any, X: Any, y: Any, X_check: Any, y_check: Any,
                 label: str) -> dict[str, Any]:
    """`SEARCH_FACTS` for a search the learner returned, read once per kernel."""
    return week.once(f"facts of {label}", lambda: week.run_snippet(
        SEARCH_FACTS, label=label, target="tuning.tune", search=search, X=X, y=y,
        X_check=X_check, y_check=y_check))


def metric_of(score: float, y: Any, proba: np.ndarray, pred: np.ndarray) -> str | None:
    """Which metric a scorer computed, named by recomputing the candidates here."""
    from sklearn.metrics import (
        accuracy_score,
        average_precision_score,
        balanced_accuracy_score,
        brier_score_loss,
        f1_score,
        log_loss,
        precision_score,
        recall_score,
        roc_auc_score,
    )

    y = np.asarray(y, dtype=bool)
    candidates = {
        "roc_auc": roc_auc_score(y, proba),
        "average_precision": average_precision_score(y, proba),
        "neg_log_loss": -log_loss(y, proba),
        "neg_brier_score": -brier_score_loss(y, proba),
        "accuracy": accuracy_score(y, pred),
        "balanced_accuracy": balanced_accuracy_score(y, pred),
        "f1": f1_score(y, pred, zero_division=0),
        "recall": recall_score(y, pred, zero_division=0),
        "precision": precision_score(y, pred, zero_division=0),
    }
    for name, value in candidates.items():
        if abs(value - score) <= 1e-6:
            return name
    return None


#: Metrics that judge how customers are ranked or how well calibrated their probabilities are.
RANKING = ("roc_auc", "average_precision", "neg_log_loss", "neg_brier_score")


def scores_of(y: Any, proba: np.ndarray) -> dict[str, float]:
    """ROC-AUC and PR-AUC (average precision) of churn probabilities, computed here."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    return {"test_roc_auc": float(roc_auc_score(y, proba)),
            "test_pr_auc": float(average_precision_score(y, proba))}


# --- 3.5: the folds and the judge's own logistic regression ----------------------------------


def skewed_folds(y: Any, n_folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds whose test rows hold rising churn shares: every row is tested exactly once.

    Fold k's test rows take a share (k + 1) / sum(1..n) of the churners and the mirror share of
    the stayers, drawn at random with `seed`; its training rows are all the others.
    """
    rng = np.random.default_rng(seed)
    labels = np.asarray(y, dtype=bool)
    churners = rng.permutation(np.flatnonzero(labels))
    stayers = rng.permutation(np.flatnonzero(~labels))
    weights = np.arange(1, n_folds + 1, dtype=float) / (n_folds * (n_folds + 1) / 2)
    cut_churners = np.round(np.cumsum(weights)[:-1] * len(churners)).astype(int)
    cut_stayers = np.round(np.cumsum(weights[::-1])[:-1] * len(stayers)).astype(int)
    positions = np.arange(len(labels))
    folds = []
    for c, s in zip(np.split(churners, cut_churners), np.split(stayers, cut_stayers),
                    strict=True):
        test = np.sort(np.concatenate([c, s])).astype(np.int64)
        folds.append((np.setdiff1d(positions, test).astype(np.int64), test))
    return folds


def fold_shares(y: Any, folds: list[tuple[np.ndarray, np.ndarray]]) -> list[float]:
    """The churn share of each fold's test rows."""
    labels = np.asarray(y, dtype=bool)
    return [float(labels[test].mean()) for _, test in folds]


def reference_pipeline() -> Any:
    """The judge's logistic regression: impute and scale the numbers, one-hot the rest."""
    return judge_pipeline()


def reference_fold_scores(X: pd.DataFrame, y: pd.Series,
                          folds: list[tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    """The judge's logistic regression fit on each fold's training rows, scored on its test rows.

    One row per fold (index 0, 1, ...), columns roc_auc and pr_auc. Cached per data set and
    folds: the public and the hidden checks ask for the same few.
    """
    key = (_fingerprint(X), _fingerprint(y),
           tuple(_fingerprint(pd.Series(test)) for _, test in folds))
    return _cached_scores(key, X, y, folds).copy()


_SCORES: dict[Any, pd.DataFrame] = {}


def _cached_scores(key: Any, X: pd.DataFrame, y: pd.Series,
                   folds: list[tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    from sklearn.metrics import average_precision_score, roc_auc_score

    if key not in _SCORES:
        rows = []
        for train, test in folds:
            model = reference_pipeline().fit(X.iloc[train], y.iloc[train])
            proba = model.predict_proba(X.iloc[test])[:, 1]
            rows.append({"roc_auc": roc_auc_score(y.iloc[test], proba),
                         "pr_auc": average_precision_score(y.iloc[test], proba)})
        _SCORES[key] = pd.DataFrame(rows)
    return _SCORES[key]


def _fingerprint(values: Any) -> int:
    return int(pd.util.hash_pandas_object(values).sum() % (2**61))

