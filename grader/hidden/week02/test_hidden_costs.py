"""Hidden checks for 2.4: counts, costs and the cheapest threshold on held-out customers, scored
by a logistic regression the judge fits on the public customers (judge-side scikit-learn)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week02 import ref_model as ref
from grader.week02.test_costs import as_number, expect_cells, expect_near_optimal

UNSEEN = "fails on unseen customers"


_SCORES: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def held_out_scores(week: Any) -> tuple[np.ndarray, np.ndarray]:
    """(y, proba) of the held-out customers (the judge's model, fit once), labelled."""
    if "holdout" not in _SCORES:
        _SCORES["holdout"] = ref.holdout_scores(week.data("telco_churn_clean"),
                                                week.data("telco_churn_holdout_clean"))
    y, proba = _SCORES["holdout"]
    return week.label(y.copy(), "y_held_out"), week.label(proba.copy(), "proba_held_out")


@milestone("2.4", category=UNSEEN)
def test_choose_threshold_on_held_out_customers(week):
    y, proba = held_out_scores(week)
    got = week.call("costs.choose_threshold", y, proba)
    expect_near_optimal(got, y, proba, "choose_threshold on held-out customers")


@milestone("2.4", category=UNSEEN)
def test_cells_and_cost_on_held_out_customers(week, seed):
    y, proba = held_out_scores(week)
    threshold = float(np.round(np.random.default_rng(seed).uniform(0.1, 0.4), 3))
    decided = week.label(proba >= threshold, f"proba_held_out >= {threshold}")
    got = week.call("costs.confusion_cells", y, decided)
    expect_cells(got, ref.cells(y, decided), "confusion_cells on held-out customers")
    cost = as_number(week.call("costs.expected_cost", y, proba, threshold),
                     f"expected_cost on held-out customers at {threshold}")
    want = ref.cost(y, proba, threshold)
    expect(abs(cost - want) <= 1e-6, "expected_cost on held-out customers is off",
           expected=f"500 * FN + 50 * (TP + FP) = {want:g}", got=f"{cost:g}")
