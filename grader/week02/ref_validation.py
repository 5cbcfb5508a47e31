"""Judge-side references for milestones 2.5 to 2.7: encoding, folds, scores, drift.

Written here, plainly, so a check never trusts the code it grades. The encoding is the judge's
own (numbers standardised, bools 0/1, categories one-hot): cross-validation checks hand the
learner an already numeric X, so 2.5 does not depend on the learner's 2.3.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

#: Scores one fold reports (2.5), and the metrics a drift table holds (2.6).
SCORE_COLUMNS = ("roc_auc", "pr_auc", "accuracy", "recall")
DRIFT_COLUMNS = ("accuracy", "roc_auc", "pr_auc")


def encode(table: pd.DataFrame) -> np.ndarray:
    """The cleaned customers as a float matrix: z-scored numbers, 0/1 bools, one-hot levels."""
    features = table.drop(columns="churn", errors="ignore")
    numbers = features.select_dtypes("number").astype("float64")
    numbers = (numbers - numbers.mean()) / numbers.std(ddof=0)
    flags = features.select_dtypes("bool").astype("float64")
    levels = pd.get_dummies(features.select_dtypes("category"), dtype="float64")
    return pd.concat([numbers, flags, levels], axis=1).to_numpy(dtype=np.float64)


def churn(table: pd.DataFrame) -> np.ndarray:
    """True for each customer who left, as a plain bool array."""
    return table["churn"].to_numpy(dtype=bool)


def folds(y: np.ndarray, n_splits: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """The judge's own stratified, shuffled folds (row positions)."""
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return [(train, test) for train, test in splitter.split(np.zeros((len(y), 1)), y)]


def fold_scores(X: np.ndarray, y: np.ndarray, fold_list: list[tuple[np.ndarray, np.ndarray]],
                *, from_predict: bool = False) -> pd.DataFrame:
    """LogisticRegression(max_iter=1000) fit per fold on its train rows; one row per fold.

    `from_predict` scores ROC-AUC and PR-AUC from 0/1 predictions: the classic mistake,
    computed so a message can name it.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import (
        accuracy_score,
        average_precision_score,
        recall_score,
        roc_auc_score,
    )

    rows = []
    for train, test in fold_list:
        model = LogisticRegression(max_iter=1000).fit(X[train], y[train])
        predicted = model.predict(X[test])
        ranking = predicted.astype(float) if from_predict else model.predict_proba(X[test])[:, 1]
        rows.append({"roc_auc": roc_auc_score(y[test], ranking),
                     "pr_auc": average_precision_score(y[test], ranking),
                     "accuracy": accuracy_score(y[test], predicted),
                     "recall": recall_score(y[test], predicted, zero_division=0)})
    return pd.DataFrame(rows, columns=list(SCORE_COLUMNS))


_PROBA: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def churn_and_proba(week: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    """y and a judge LogisticRegression's churn probabilities for the data set `name`."""
    from sklearn.linear_model import LogisticRegression

    if name not in _PROBA:  # one fit per data set and grading run
        table = week.data(name)
        X, y = encode(table), churn(table)
        _PROBA[name] = y, LogisticRegression(max_iter=1000).fit(X, y).predict_proba(X)[:, 1]
    y, proba = _PROBA[name]
    return y.copy(), proba.copy()


def drift_scores(y: np.ndarray, proba: np.ndarray, keep: np.ndarray) -> dict[str, float]:
    """accuracy (threshold 0.5), ROC-AUC and PR-AUC of `proba` on the rows `keep`."""
    from sklearn.metrics import accuracy_score, average_precision_score, roc_auc_score

    kept_y, kept_proba = y[keep], proba[keep]
    return {"accuracy": accuracy_score(kept_y, kept_proba >= 0.5),
            "roc_auc": roc_auc_score(kept_y, kept_proba),
            "pr_auc": average_precision_score(kept_y, kept_proba)}


def churners_needed(n_stay: int, prevalence: float) -> float:
    """k with k / (n_stay + k) = prevalence: the churners a subsample keeps (not rounded)."""
    return prevalence * n_stay / (1 - prevalence)


def synthetic_scores(seed: int, n: int = 30_000, share: float = 0.3) -> tuple[np.ndarray,
                                                                               np.ndarray]:
    """Seeded labels and a decent model's probabilities (binormal scores, ROC-AUC about 0.85)."""
    rng = np.random.default_rng(seed)
    y = rng.random(n) < share
    score = rng.normal(size=n) + 1.5 * y - 1.2
    return y, 1.0 / (1.0 + np.exp(-score))
