"""Judge-side helpers for milestone 3.1: the rows a pipeline is fitted on and the rows it scores.

The split, the awkward customers (a new payment method, a missing bill, columns in another
order) and the snippets that score them in the sandbox are written here, independently of
any solution. A snippet catches the learner's exception on purpose: "it crashed on an unseen
level" is the finding, and the message should say which setting prevents it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect

#: ROC-AUC a sensible pipeline reaches on customers it did not see (public split).
PUBLIC_MIN_ROC_AUC = 0.82
#: The issue's bar on the held-out customers, and the point above which we suspect leakage.
HOLDOUT_MIN_ROC_AUC = 0.83
HOLDOUT_MAX_ROC_AUC = 0.87
NEW_PAYMENT_METHOD = "Crypto wallet"


def features_and_target(table: Any) -> tuple[Any, Any]:
    """X (every column but churn) and y (churn) of a cleaned table."""
    return table.drop(columns="churn"), table["churn"]


def judge_split(table: Any) -> tuple[Any, Any, Any, Any]:
    """A stratified 75/25 split of the public table: X_train, X_test, y_train, y_test."""
    from sklearn.model_selection import train_test_split

    X, y = features_and_target(table)
    return tuple(train_test_split(X, y, test_size=0.25, stratify=y, random_state=0))


def with_new_level(X: Any, column: str, level: str, rows: Any) -> Any:
    """A copy of X where `rows` (positions) hold a category level `fit` never saw."""
    copy = X.copy()
    values = copy[column]
    if hasattr(values, "cat"):
        values = values.cat.add_categories([level])
    values.iloc[rows] = level
    copy[column] = values
    return copy


def with_missing(X: Any, column: str, rows: Any) -> Any:
    """A copy of X where `rows` (positions) of `column` are missing (NaN)."""
    copy = X.copy()
    copy.iloc[rows, copy.columns.get_loc(column)] = np.nan
    return copy


#: Scores rows in the sandbox; an exception is returned as text, not raised.
SCORE_SNIPPET = """
try:
    proba = pipe.predict_proba(X)
    result = {"proba": [float(p) for p in proba[:, 1]], "error": None}
except NotImplementedError:
    raise
except Exception as exc:
    text = str(exc).strip().splitlines()
    result = {"proba": None, "error": f"{type(exc).__name__}: {text[0] if text else ''}"[:200]}
"""


def score(week: Any, pipe: Any, X: Any, label: str) -> dict[str, Any]:
    """The churn probabilities the fitted `pipe` gives the rows of X, or the error it raised."""
    return week.run_snippet(SCORE_SNIPPET, label=label, target="pipeline.build_pipeline",
                            pipe=pipe, X=X)


def expect_scored(scored: dict[str, Any], n_rows: int, what: str, fix: str) -> np.ndarray:
    """No exception, one finite probability in [0, 1] per row; returns them."""
    expect(scored["error"] is None, f"the fitted pipeline crashed on {what}. {fix}",
           expected=f"{n_rows} churn probabilities", got=scored["error"])
    proba = np.asarray(scored["proba"], dtype=float)
    bad = ~np.isfinite(proba) | (proba < 0) | (proba > 1)
    expect(len(proba) == n_rows and not bad.any(),
           f"predict_proba on {what} should give a probability for every customer",
           expected=f"{n_rows} probabilities in [0, 1]",
           got=f"{len(proba)} values, {int(bad.sum())} of them NaN or outside [0, 1]")
    return proba
