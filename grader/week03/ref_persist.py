"""Judge-side reference for 3.4 and 3.6: the judge's own pipeline, costs and file hashes.

The pipeline is also the reference of 3.5 (`ref_tuning.reference_pipeline`).

Written here from the cleaned table, independently of any solution. `JUDGE_PIPELINE` is source
text so that the very same pipeline is fitted judge-side (out-of-fold probabilities to grade a
threshold) and inside the sandbox (a model to hand to the learner's ``save_model``, so 3.4 is
graded on its own, whatever the learner's ``build_pipeline`` does).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

# The cost rule (500 per missed churner, 50 per offer) is week 2's: one judge-side copy.
from grader.week02.ref_model import best_threshold
from grader.week02.ref_model import cost as expected_cost

#: Source text defining ``judge_pipeline()``: impute+scale the numbers, one-hot the rest,
#: then LR. A template, so that other weeks draw variants of the same pipeline (week 5's hidden
#: checks rename its steps and swap its scaler).
PIPELINE_TEMPLATE = '''
def judge_pipeline():
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import OneHotEncoder, {scaler}

    numbers = ["tenure", "monthly_charges", "total_charges"]
    categories = ["gender", "senior_citizen", "partner", "dependents", "phone_service",
                  "multiple_lines", "internet_service", "online_security", "online_backup",
                  "device_protection", "tech_support", "streaming_tv", "streaming_movies",
                  "contract", "paperless_billing", "payment_method"]
    prepare = ColumnTransformer([
        ("{numbers}", make_pipeline(SimpleImputer(strategy="{strategy}"), {scaler}()), numbers),
        ("{categories}", OneHotEncoder(handle_unknown="ignore"), categories)])
    return Pipeline([("{first}", prepare), ("{last}", LogisticRegression({C}max_iter=1000))])
'''
#: Week 3's reference pipeline itself.
JUDGE_PIPELINE = PIPELINE_TEMPLATE.format(
    scaler="StandardScaler", strategy="median", numbers="numbers", categories="categories",
    first="prepare", last="model", C="")

#: Metadata keys of the 3.4 contract and the types a JSON reader gets back for them.
METADATA_TYPES: dict[str, tuple[type, ...]] = {
    "sklearn_version": (str,), "python_version": (str,), "data_sha256": (str,),
    "features": (list,), "metrics": (dict,), "threshold": (float, int), "created": (str,),
}
#: A threshold is "the cheapest" when its cost on the judge's out-of-fold probabilities is
#: within this share of the minimum: other folds move the optimum a little (the cost curve
#: is flat near it: within 1 % on the public table, 5 % on the 1,409 held-out customers),
#: while 0.5 costs 80-100 % more and 0.2 about 11-14 % more.
COST_SLACK = 0.08


def judge_pipeline() -> Any:
    """A fresh, unfitted copy of the judge's pipeline."""
    namespace: dict[str, Any] = {}
    exec(JUDGE_PIPELINE, namespace)
    return namespace["judge_pipeline"]()


def sha256_of(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _split(table: Any) -> tuple[Any, np.ndarray]:
    return table.drop(columns="churn"), table["churn"].to_numpy(dtype=bool)


def out_of_fold(table: Any, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(y, out-of-fold churn probabilities) of the judge's pipeline, 5 stratified folds."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    X, y = _split(table)
    folds = StratifiedKFold(5, shuffle=True, random_state=seed)
    proba = cross_val_predict(judge_pipeline(), X, y, cv=folds, method="predict_proba")[:, 1]
    return y, proba


_OOF: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def oof(week: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """`out_of_fold` of the course data set `name`, computed once per grading run."""
    if name not in _OOF:
        _OOF[name] = out_of_fold(week.data(name))
    return _OOF[name]


def oof_facts(week: Any, name: str) -> dict[str, float]:
    """ROC-AUC and the cheapest (threshold, cost) of the judge's out-of-fold probabilities."""
    from sklearn.metrics import roc_auc_score

    y, proba = oof(week, name)
    threshold, cost = best_threshold(y, proba)
    return {"roc_auc": float(roc_auc_score(y, proba)), "threshold": threshold, "cost": cost}


def threshold_cost(week: Any, name: str, threshold: float) -> float:
    """The cost of `threshold` on the judge's out-of-fold probabilities of data set `name`."""
    y, proba = oof(week, name)
    return expected_cost(y, proba, threshold)
