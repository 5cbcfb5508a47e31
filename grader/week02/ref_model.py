"""Judge-side references for week 2's model (2.3) and business-threshold (2.4) checks.

Everything here runs in the judge, written independently of any solution: the split the
checks grade on, an encoding for checks that must not depend on the learner's `encode`, the
metrics, the cost of a threshold and the cheapest threshold by brute force.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: The judge's own split (not the learner's 2.2 default seed of 42), stratified on churn.
JUDGE_SPLIT_SEED = 2024
NUMERIC_COLUMNS = ["tenure", "monthly_charges", "total_charges"]
METRICS = ["accuracy", "roc_auc", "pr_auc", "precision", "recall"]
CELLS = ["true_negative", "false_positive", "false_negative", "true_positive"]
COST_MISSED_CHURNER = 500
COST_OFFER = 50
#: A payment method no customer in the data uses: "launched after the model was trained".
NEW_PAYMENT_METHOD = "Crypto wallet"


def judge_split(table: Any) -> tuple[Any, Any]:
    """80/20 split of the cleaned table, stratified on churn, with the judge's seed."""
    from sklearn.model_selection import train_test_split

    return train_test_split(table, test_size=0.2, stratify=table["churn"],
                            random_state=JUDGE_SPLIT_SEED)


def labels(table: Any) -> np.ndarray:
    """The churn column as a bool array (what `y` is in every check)."""
    return table["churn"].to_numpy(dtype=bool)


def encode(train: Any, test: Any) -> tuple[np.ndarray, np.ndarray]:
    """Scale the three amounts and one-hot the rest, learned from `train` only."""
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    others = [c for c in train.columns if c not in NUMERIC_COLUMNS and c != "churn"]
    prepare = ColumnTransformer([
        ("numbers", StandardScaler(), NUMERIC_COLUMNS),
        ("others", OneHotEncoder(handle_unknown="ignore", sparse_output=False), others),
    ])
    X_train = prepare.fit_transform(train)
    return np.asarray(X_train, dtype=np.float64), np.asarray(prepare.transform(test), np.float64)


def metrics(y: np.ndarray, proba: np.ndarray, decided: np.ndarray) -> dict[str, float]:
    """The five metrics of 2.3: decisions for accuracy/precision/recall, probabilities for AUCs."""
    from sklearn.metrics import (
        accuracy_score,
        average_precision_score,
        precision_score,
        recall_score,
        roc_auc_score,
    )

    return {"accuracy": float(accuracy_score(y, decided)),
            "roc_auc": float(roc_auc_score(y, proba)),
            "pr_auc": float(average_precision_score(y, proba)),
            "precision": float(precision_score(y, decided, zero_division=0)),
            "recall": float(recall_score(y, decided, zero_division=0))}


def likely_mistakes(y: np.ndarray, proba: np.ndarray, decided: np.ndarray) -> dict[str, dict]:
    """What each metric comes out as after a common mistake, by metric name."""
    from sklearn.metrics import (
        auc,
        average_precision_score,
        precision_recall_curve,
        precision_score,
        recall_score,
        roc_auc_score,
    )

    y, decided = np.asarray(y, dtype=bool), np.asarray(decided, dtype=bool)
    curve_precision, curve_recall, _ = precision_recall_curve(y, proba)
    stay = ~y
    return {
        "roc_auc": {"ROC-AUC needs predict_proba(X)[:, 1], not predict(X): from 0/1 decisions "
                    "it cannot judge the ranking": roc_auc_score(y, decided)},
        "pr_auc": {"PR-AUC needs predict_proba(X)[:, 1], not predict(X): from 0/1 decisions it "
                   "cannot judge the ranking": average_precision_score(y, decided),
                   "PR-AUC is average_precision_score(y, proba); the trapezoid auc(recall, "
                   "precision) overstates it": auc(curve_recall, curve_precision)},
        "precision": {"precision of the churn class (pos_label True), not of the stayers":
                      precision_score(stay, ~decided, zero_division=0),
                      "precision and recall are swapped": recall_score(y, decided)},
        "recall": {"recall of the churn class (pos_label True), not of the stayers":
                   recall_score(stay, ~decided, zero_division=0),
                   "precision and recall are swapped":
                   precision_score(y, decided, zero_division=0)},
    }


def cells(y: np.ndarray, decided: np.ndarray) -> dict[str, int]:
    """The four confusion-matrix counts, churn as the positive class."""
    y, decided = np.asarray(y, dtype=bool), np.asarray(decided, dtype=bool)
    return {"true_negative": int((~y & ~decided).sum()),
            "false_positive": int((~y & decided).sum()),
            "false_negative": int((y & ~decided).sum()),
            "true_positive": int((y & decided).sum())}


def cost(y: np.ndarray, proba: np.ndarray, threshold: float) -> float:
    """500 per missed churner plus 50 per offer, offering to proba >= threshold."""
    counts = cells(y, np.asarray(proba) >= threshold)
    offers = counts["true_positive"] + counts["false_positive"]
    return float(COST_MISSED_CHURNER * counts["false_negative"] + COST_OFFER * offers)


def best_threshold(y: np.ndarray, proba: np.ndarray) -> tuple[float, float]:
    """(threshold, cost) of the cheapest threshold: every distinct probability, and "nobody"."""
    y, proba = np.asarray(y, dtype=bool), np.asarray(proba, dtype=np.float64)
    candidates = np.append(np.unique(proba), np.inf)
    costs = [cost(y, proba, t) for t in candidates]
    best = int(np.argmin(costs))
    return float(candidates[best]), float(costs[best])


def near_optimal(achieved: float, optimum: float) -> bool:
    """Within 1 % of the cheapest cost, or within one offer of it."""
    return achieved <= max(optimum * 1.01, optimum + COST_OFFER) + 1e-9


def synthetic_scores(seed: int, n: int = 1500) -> tuple[np.ndarray, np.ndarray]:
    """(y, proba) like a churn model's: 26.5 % churners who score higher, on a 0.001 grid."""
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.265
    logit = rng.normal(-1.7, 1.0, n) + 1.6 * y
    return y, np.round(1.0 / (1.0 + np.exp(-logit)), 3)


def holdout_scores(public: Any, holdout: Any) -> tuple[np.ndarray, np.ndarray]:
    """(y, proba) on the held-out customers from a logistic regression fit on the public ones.

    Probabilities are rounded to 0.001, as a CRM would store them: fewer distinct thresholds
    to try, so a learner's loop over them stays quick.
    """
    from sklearn.linear_model import LogisticRegression

    X_public, X_holdout = encode(public, holdout)
    model = LogisticRegression(max_iter=1000).fit(X_public, labels(public))
    return labels(holdout), np.round(model.predict_proba(X_holdout)[:, 1], 3)


# -- expectations shared by the public and hidden checks -------------------------------------


def expect_matrices(got: Any, n_train: int, n_test: int,
                    what: str = "encode(train, test)") -> tuple[np.ndarray, np.ndarray]:
    """(X_train, X_test): two 2-D float ndarrays, one row per customer, the same columns."""
    from grader.engine.checks import expect, expect_type

    expect_type(got, (tuple, list), what)
    expect(len(got) == 2, f"{what} should return two matrices: X_train, X_test",
           expected="a tuple (X_train, X_test)", got=f"{len(got)} items")
    for name, X, rows in (("X_train", got[0], n_train), ("X_test", got[1], n_test)):
        if type(X).__module__.split(".")[0] in ("pandas", "polars"):
            expect(False, f"{name} should be a NumPy array of floats",
                   expected="ndarray of float64 (frame.to_numpy(dtype=float))",
                   got=f"a {type(X).__module__.split('.')[0]} {type(X).__name__}")
        expect_type(X, np.ndarray, name)
        expect(X.ndim == 2 and X.shape[0] == rows, f"{name} should have one row per customer",
               expected=f"2-D, {rows} rows", got=f"shape {X.shape}")
        expect(X.dtype.kind == "f", f"{name} should hold floats: a model takes numbers",
               expected="ndarray of float64", got=f"ndarray of {X.dtype}")
        bad = np.argwhere(~np.isfinite(X)) if X.dtype.kind == "f" else np.empty((0, 2))
        expect(len(bad) == 0, f"{name} holds NaN or infinite values",
               expected="finite numbers (scaled with the training rows' statistics)",
               got=f"{len(bad)} values, e.g. in column {int(bad[0][1])}" if len(bad) else "")
    X_train, X_test = got
    expect(X_train.shape[1] == X_test.shape[1],
           "X_test should have X_train's columns, learned from the training rows",
           expected=f"{X_train.shape[1]} columns in both (fit on train, transform test)",
           got=f"X_train {X_train.shape[1]} columns, X_test {X_test.shape[1]}: were the test "
               "rows' levels learned from the test rows (fit_transform on test)?")
    return X_train, X_test


def expect_same_matrix(got: np.ndarray, expected: np.ndarray, problem: str, *,
                       expected_text: str) -> None:
    """Same shape, same values (1e-9); the message names the largest difference."""
    from grader.engine.checks import expect

    expect(got.shape == expected.shape, problem, expected=expected_text,
           got=f"shape {got.shape} instead of {expected.shape}")
    close = np.isclose(got, expected, rtol=1e-9, atol=1e-9)
    if close.all():
        return
    diff = np.abs(got - expected)
    at = np.unravel_index(int(np.argmax(np.where(close, 0.0, diff))), diff.shape)
    where = f"[{', '.join(map(str, at))}]"
    expect(False, problem, expected=expected_text,
           got=f"{int((~close).sum())} of {close.size} values differ; at {where} "
               f"{expected[at]:.6g} became {got[at]:.6g}")


_METHOD = "result = getattr(obj, method)(X)"


def call_method(week: Any, obj: Any, method: str, X: Any, shown: str) -> Any:
    """``obj.method(X)`` in the sandbox for a fitted model handle, shown as `shown`."""
    return week.run_snippet(_METHOD, label=shown, obj=obj, method=method, X=X)
