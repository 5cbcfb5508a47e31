"""The judge's own answers to churnkit's five issues, written from the issue texts alone.

Each function here is what the fixed library function should return, as the issue and its
maintainer's comment in ISSUES.md define it; the checks of 7.1 call the learner's function in
the sandbox on the same inputs and compare. Where the issue leaves the way open they are
written another way than churnkit's code (plain loops, Python's stable sort), so a shared slip
cannot hide; the split is the documented draw, which the maintainer asks to keep.

    missing_report(frame)                 #1: NaN, None, pd.NA and blank strings are missing
    lift_at(y, proba, fraction)           #2: the top ceil(fraction * n), highest first, stable
    threshold_costs(y, proba, ...)        #3: every candidate threshold and what it costs
    holdout_test_rows(labels, size, seed) #4: the test rows of the documented, seeded draw
    population_stability_index(e, a, ...) #5: PSI over quantile bins, shares floored at epsilon
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

# --- #1 missing_report ------------------------------------------------------------------------


def is_missing(value: Any) -> bool:
    """NaN, None, NaT, pd.NA, or a string with nothing but whitespace in it."""
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array in a cell: not a missing value
        return False


def missing_report(frame: pd.DataFrame) -> pd.DataFrame:
    """n_missing and share_missing per column, most missing first, ties in the frame's order."""
    rows = []
    for position, column in enumerate(frame.columns):
        count = sum(is_missing(v) for v in frame.iloc[:, position].astype(object).tolist())
        rows.append((column, count))
    rows.sort(key=lambda row: -row[1])  # Python's sort is stable: ties keep the frame's order
    n = len(frame)
    return pd.DataFrame(
        {"n_missing": [count for _, count in rows],
         "share_missing": [count / n if n else 0.0 for _, count in rows]},
        index=pd.Index([column for column, _ in rows], name="column"),
    ).astype({"n_missing": "int64", "share_missing": "float64"})


# --- #2 lift_at -------------------------------------------------------------------------------


def top_count(fraction: float, n: int) -> int:
    """How many customers are called: ceil(fraction * n)."""
    return math.ceil(fraction * n)


def lift_at(y_true: Any, proba: Any, fraction: float = 0.1) -> float:
    """Churn rate of the top ceil(fraction * n) by probability (ties: input order), over all."""
    y = [int(v) for v in y_true]
    p = [float(v) for v in proba]
    ranked = sorted(range(len(p)), key=lambda i: -p[i])  # stable: ties keep the input order
    top = ranked[:top_count(fraction, len(p))]
    return (sum(y[i] for i in top) / len(top)) / (sum(y) / len(y))


# --- #3 best_threshold ------------------------------------------------------------------------


def cost(y_true: Any, proba: Any, threshold: float, cost_missed: float,
         cost_offer: float) -> float:
    """Offers to every proba >= threshold; each churner without one costs cost_missed."""
    offers = sum(1 for p in proba if p >= threshold)
    missed = sum(1 for y, p in zip(y_true, proba, strict=True) if y == 1 and p < threshold)
    return cost_missed * missed + cost_offer * offers


def threshold_costs(y_true: Any, proba: Any, cost_missed: float = 500.0,
                    cost_offer: float = 50.0) -> dict[float, float]:
    """Every candidate threshold (each distinct probability), highest first, with its cost."""
    candidates = sorted({float(p) for p in proba}, reverse=True)
    return {t: cost(y_true, proba, t, cost_missed, cost_offer) for t in candidates}


def best_threshold(y_true: Any, proba: Any, cost_missed: float = 500.0,
                   cost_offer: float = 50.0) -> float:
    """The cheapest candidate; among equally cheap ones, the highest."""
    costs = threshold_costs(y_true, proba, cost_missed, cost_offer)
    lowest = min(costs.values())
    return next(t for t, c in costs.items() if c == lowest)


def threshold_problem(y_true: Any, proba: Any, got: float, cost_missed: float,
                      cost_offer: float) -> str | None:
    """Why `got` is not the best threshold, or None (costs compared to a relative 1e-9)."""
    costs = threshold_costs(y_true, proba, cost_missed, cost_offer)
    lowest = min(costs.values())
    tol = 1e-9 * max(1.0, abs(lowest))
    best = next(t for t, c in costs.items() if c <= lowest + tol)
    if got not in costs:
        return f"{got!r} is not one of the probabilities (the thresholds tried)"
    if costs[got] > lowest + tol:
        return f"threshold {got:g} costs {costs[got]:g}; {best:g} costs {lowest:g}"
    if got != best:
        return f"thresholds {best:g} and {got:g} cost the same ({lowest:g}): the highest wins"
    return None


# --- #4 holdout_split ------------------------------------------------------------------------


def holdout_test_rows(labels: Any, test_size: float, seed: int) -> np.ndarray:
    """Which rows the fixed holdout_split puts in the test set (a boolean mask).

    The issue's maintainer: "only the seeding should change: the sizes, the stratification and
    the order of the draw stay the same, so that splits made with a fixed version are the ones
    everybody gets". So the draw is the documented one: one default_rng(seed); for each value
    in sorted order, round(test_size * n_value) of its rows (Python's round), without
    replacement.
    """
    values = np.asarray(labels)
    rng = np.random.default_rng(seed)
    in_test = np.zeros(len(values), dtype=bool)
    for value in sorted(set(values.tolist())):
        rows = np.flatnonzero(values == value)
        in_test[rng.choice(rows, size=round(test_size * len(rows)), replace=False)] = True
    return in_test


def class_test_rows(labels: Any, test_size: float) -> dict[Any, int]:
    """Test rows per class: round(test_size * class size) (Python's round, as documented)."""
    counts = pd.Series(labels).value_counts()
    return {value: round(test_size * int(n)) for value, n in counts.items()}


def split_problems(index: list[Any], labels: list[Any], test_size: float,
                   train_index: list[Any], test_index: list[Any]) -> list[str]:
    """What is wrong with one (train, test) answer for a table, as lines; [] when right.

    Every row in exactly one part, each part in the table's order, and per class
    round(test_size * n_class) test rows.
    """
    problems = []
    position = {label: i for i, label in enumerate(index)}
    both = set(train_index) & set(test_index)
    union = set(train_index) | set(test_index)
    if both:
        problems.append(f"{len(both)} rows are in both train and test")
    if union != set(index) or len(train_index) + len(test_index) != len(index):
        problems.append(f"train and test hold {len(train_index)} + {len(test_index)} rows; "
                        f"the table has {len(index)}, each in exactly one part")
    for name, part in (("train", train_index), ("test", test_index)):
        order = [position.get(label, -1) for label in part]
        if order != sorted(order):
            problems.append(f"{name} rows are not in the table's order")
    label_of = dict(zip(index, labels, strict=True))
    want = class_test_rows(labels, test_size)
    got = pd.Series([label_of.get(i) for i in test_index]).value_counts().to_dict()
    for value, n in want.items():
        if got.get(value, 0) != n:
            problems.append(f"test holds {got.get(value, 0)} rows of class {value!r}; "
                            f"round({test_size} * {sum(1 for v in labels if v == value)}) = {n}")
    return problems


# --- #5 population_stability_index ------------------------------------------------------------


def shares(values: np.ndarray, inner_edges: np.ndarray) -> np.ndarray:
    """Share of `values` per bin; a value on an edge belongs to the bin above it."""
    bins = np.digitize(values, inner_edges, right=False)
    return np.array([np.count_nonzero(bins == b) for b in range(len(inner_edges) + 1)]) \
        / len(values)


def population_stability_index(expected: Any, actual: Any, bins: int = 10,
                               epsilon: float = 1e-4, floor_in_difference: bool = True) -> float:
    """PSI over the quantile bins of `expected`, both shares floored at `epsilon`.

    ``floor_in_difference=False`` floors the shares inside the log only, a slip the checks
    recognise: ``(a - e) * log(max(a, eps) / max(e, eps))``.
    """
    e_values = np.asarray(expected, dtype=float).ravel()
    a_values = np.asarray(actual, dtype=float).ravel()
    # The original's bins, untouched by the issue: quantiles at np.linspace(0, 1, bins + 1).
    edges = np.quantile(e_values, np.linspace(0, 1, bins + 1))
    inner = np.unique(edges[1:-1])
    e_raw, a_raw = shares(e_values, inner), shares(a_values, inner)
    e, a = np.maximum(e_raw, epsilon), np.maximum(a_raw, epsilon)
    if floor_in_difference:
        return float(np.sum((a - e) * np.log(a / e)))
    return float(np.sum((a_raw - e_raw) * np.log(a / e)))
