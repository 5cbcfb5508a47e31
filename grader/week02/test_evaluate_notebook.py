"""Milestone 2.7: the evaluation report runs top to bottom, its numbers agree, its figures exist.

The notebook's numbers rest on the learner's own modules and split, so they are checked for
what must hold whatever the draw: types and shapes, the baseline's known scores, costs that
are multiples of 50 and bounded by what calling nobody or everybody costs on the test set, a
chosen threshold that beats 0.5, a cross-validated ROC-AUC near the judge's, and metrics that
drift the way the lesson says. The PNGs are read back from the sandbox (header parsed here).
"""

from __future__ import annotations

import math
from pathlib import PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import (
    CheckFailed,
    expect,
    expect_columns,
    expect_png,
    expect_type,
    milestone,
)
from grader.week02 import ref_validation as ref

NOTEBOOK = "evaluate.ipynb"
METRICS = ["accuracy", "roc_auc", "pr_auc", "precision", "recall"]
FIGURES = {"confusion matrix": "figures/confusion_matrix.png",
           "metric drift": "figures/metric_drift.png"}
MIN_SIZE = (400, 300)  # width, height in pixels: below that the labels cannot be read
COST_MISSED_CHURNER, COST_OFFER = 500, 50
TEST_SIZE = 0.2  # the notebook's given cell: split_customers(table), 20 % set aside


# -- running the notebook ------------------------------------------------------------------------

CLEAR_FIGURES = """
from pathlib import Path
for name in names:
    Path(name).unlink(missing_ok=True)
result = None
"""


def run(week: Any, data: dict[str, str] | None = None) -> None:
    """Restart & Run All, after removing PNGs an earlier run left (once per kernel)."""
    stale = [*FIGURES.values(), *(PurePosixPath(p).name for p in FIGURES.values())]
    week.once("evaluate.ipynb: stale figures removed",
              lambda: week.run_snippet(CLEAR_FIGURES, names=stale,
                                       label="removing old figures before the run"))
    week.run_notebook(NOTEBOOK, data=data)


def name(week: Any, expression: str, data: dict[str, str] | None = None) -> Any:
    run(week, data)
    return week.eval(expression)


# -- what must hold, on any table ----------------------------------------------------------------

class Split:
    """Sizes of the notebook's test set for a table: its customers and its churners."""

    def __init__(self, table: pd.DataFrame):
        self.n = math.ceil(TEST_SIZE * len(table))
        self.share = float(table["churn"].mean())
        self.churners = self.share * self.n  # stratified: within one customer of this

    def cheapest(self) -> float:
        """A perfect model: one offer per churner, nobody missed."""
        return COST_OFFER * (self.churners - 1)

    def call_nobody_or_everybody(self) -> float:
        """The better of the two extreme thresholds, which choose_threshold also tries."""
        return min(COST_MISSED_CHURNER * (self.churners + 1), COST_OFFER * self.n)

    def worst(self) -> float:
        """Every churner missed and everybody else offered: no threshold costs more."""
        return COST_MISSED_CHURNER * (self.churners + 1) + COST_OFFER * self.n


def check_metrics(got: Any, table: pd.DataFrame) -> None:
    """Rows baseline and logistic, the five metrics; the baseline's scores are known."""
    expect_type(got, pd.DataFrame, what="metrics")
    rows = [str(label) for label in got.index]
    if sorted(rows) != ["baseline", "logistic"]:
        failed = CheckFailed("metrics should have one row per model: 'baseline' and 'logistic'",
                             expected="index ['baseline', 'logistic']", got=f"index {rows}")
        if sorted(rows) == sorted(METRICS):
            failed.lines.append("Tip       the models are the columns: turn the table with .T")
        raise failed
    expect_columns(got, METRICS, what="metrics")
    values = got[METRICS].astype("float64")
    expect(bool(values.ge(0).all().all() and values.le(1).all().all()),
           "every metric should be a share between 0 and 1", expected="values in [0, 1]",
           got=values.round(3).to_string())
    base, model = values.loc["baseline"], values.loc["logistic"]
    expect(abs(base["roc_auc"] - 0.5) < 1e-9,
           "the baseline gives every customer the same score: its roc_auc is 0.5",
           expected="0.5", got=f"{base['roc_auc']:.3f} (are the rows labelled baseline, "
           "logistic in the order the models were scored?)")
    share = Split(table)
    expect(abs(base["accuracy"] - (1 - share.share)) <= 1 / share.n + 1e-9,
           "the baseline's accuracy should be the test set's share of stayers",
           expected=f"{1 - share.share:.3f} (± one customer): it says 'stays' to everybody",
           got=f"{base['accuracy']:.3f}")
    expect(model["roc_auc"] > base["roc_auc"] + 0.2,
           "the logistic regression should rank customers far better than the baseline",
           expected="roc_auc well above 0.5", got=f"{model['roc_auc']:.3f}")


def check_costs(week: Any, table: pd.DataFrame, data: dict[str, str] | None = None) -> None:
    """Floats, multiples of 50, the chosen threshold no worse than 0.5, within the bounds."""
    threshold = name(week, "threshold", data)
    expect_type(threshold, (float, np.floating), what="threshold")
    expect(0.0 <= float(threshold) <= 1.0, "threshold should be a probability",
           expected="a float between 0 and 1", got=repr(threshold))
    costs = {}
    for cost in ("cost_at_half", "cost_at_threshold"):
        value = name(week, cost, data)
        expect_type(value, (float, int, np.floating, np.integer), what=cost)
        expect(float(value) % 50 == 0, f"{cost} should be 500 per missed churner plus 50 per "
               "offer: a multiple of 50", expected="e.g. 40000.0 (expected_cost)",
               got=repr(value))
        costs[cost] = float(value)
    expect(costs["cost_at_threshold"] <= costs["cost_at_half"],
           "the chosen threshold should cost no more than 0.5 (it was chosen to cost least)",
           expected=f"cost_at_threshold <= cost_at_half = {costs['cost_at_half']:,.0f}",
           got=f"cost_at_threshold = {costs['cost_at_threshold']:,.0f}")
    split = Split(table)
    for cost, high, why in (
            ("cost_at_threshold", split.call_nobody_or_everybody(),
             "the cheaper of calling everybody or nobody"),
            ("cost_at_half", split.worst(), "every churner missed and everybody else called")):
        expect(split.cheapest() <= costs[cost] <= high,
               f"{cost} does not fit a test set of {split.n:,} customers",
               expected=f"between {split.cheapest():,.0f} (a perfect model) and {high:,.0f} "
                        f"({why}) on these {split.n:,} test customers",
               got=f"{costs[cost]:,.0f}" + (
                   " (is threshold what choose_threshold returned?)"
                   if cost == "cost_at_threshold" and costs[cost] > high else
                   " (typed in from another run?)"))


def check_cost_matches_metrics(metrics: pd.DataFrame, cost_at_half: float,
                               table: pd.DataFrame) -> None:
    """cost_at_half is what the logistic row implies at 0.5: 500 per missed churner, 50 per offer.

    The test set's churners come from the baseline's accuracy (it misses every churner), the
    caught ones from recall, the offers from precision: all counts of the same test customers.
    """
    n = Split(table).n
    churners = round(n * (1 - float(metrics.loc["baseline", "accuracy"])))
    caught = round(float(metrics.loc["logistic", "recall"]) * churners)
    precision = float(metrics.loc["logistic", "precision"])
    offers = round(caught / precision) if precision > 0 else 0
    implied = COST_MISSED_CHURNER * (churners - caught) + COST_OFFER * offers
    expect(abs(float(cost_at_half) - implied) <= COST_MISSED_CHURNER + COST_OFFER,
           "cost_at_half does not match the logistic row of metrics",
           expected=f"about {implied:,.0f}: {churners - caught} missed churners x 500 + "
                    f"{offers} offers x 50, from its recall and precision at 0.5",
           got=f"{float(cost_at_half):,.0f} (metrics and costs from different runs or models?)")


def check_cv_summary(got: Any, table: pd.DataFrame) -> None:
    """Rows mean and std of the four fold scores; mean ROC-AUC near the judge's CV."""
    expect_type(got, pd.DataFrame, what="cv_summary")
    rows = [str(label) for label in got.index]
    expect(rows == ["mean", "std"], "cv_summary should have rows 'mean' and 'std' (summarize)",
           expected="index ['mean', 'std']", got=f"index {rows}")
    expect_columns(got, list(ref.SCORE_COLUMNS), what="cv_summary")
    y = ref.churn(table)
    judge = float(ref.fold_scores(ref.encode(table), y, ref.folds(y, 5))["roc_auc"].mean())
    mean, std = float(got.loc["mean", "roc_auc"]), float(got.loc["std", "roc_auc"])
    expect(abs(mean - judge) <= 0.03, "cv_summary's mean roc_auc is far from a logistic "
           "regression's cross-validated score on these customers",
           expected=f"about {judge:.3f} (± 0.03)", got=f"{mean:.3f}")
    expect(0 < std < 0.1, "cv_summary's std should be the spread of the fold scores",
           expected="a small positive number, e.g. 0.01", got=f"{std:.4f}")


def check_drift(got: Any, table: pd.DataFrame) -> None:
    """A drift table starting near the table's churn share; three metric columns."""
    expect_type(got, pd.DataFrame, what="drift")
    expect_columns(got, list(ref.DRIFT_COLUMNS), what="drift")
    expect(len(got) >= 3, "drift should have a row per prevalence (metric_drift)",
           expected="4 rows: the churn share, then 0.10, 0.05, 0.02", got=f"{len(got)} rows")
    first = float(got.index[0])
    share = float(table["churn"].mean())
    expect(abs(first - share) <= 0.01, "drift's first row should be the customers' own "
           "churn share", expected=f"about {share:.3f}", got=f"{first:.3f}")


def check_drift_direction(got: pd.DataFrame) -> None:
    """The lesson: accuracy rises, PR-AUC falls as churners get rare."""
    first, rarest = got.iloc[0], got.iloc[-1]
    expect(rarest["accuracy"] > first["accuracy"] and rarest["pr_auc"] < first["pr_auc"],
           "as churners get rare, accuracy should rise and PR-AUC fall",
           expected="accuracy up, pr_auc down from the first row to the last",
           got=f"accuracy {first['accuracy']:.3f} -> {rarest['accuracy']:.3f}, "
               f"pr_auc {first['pr_auc']:.3f} -> {rarest['pr_auc']:.3f}")


# -- figures -------------------------------------------------------------------------------------



def check_figure(week: Any, which: str) -> None:
    """The PNG exists, is a PNG, is big enough to read, and is not one flat colour."""
    run(week)
    expect_png(week, FIGURES[which], notebook=NOTEBOOK, what=f"the {which}", min_size=MIN_SIZE)


# -- checks --------------------------------------------------------------------------------------

def _table(week: Any) -> pd.DataFrame:
    return week.data("telco_churn_clean")


@milestone("2.7")
def test_metrics_compare_the_baseline_with_the_logistic_model(week):
    check_metrics(name(week, "metrics"), _table(week))


@milestone("2.7")
def test_chosen_threshold_costs_less_than_half(week):
    check_costs(week, _table(week))


@milestone("2.7")
def test_cost_at_half_follows_from_the_metrics(week):
    metrics = name(week, "metrics")
    check_metrics(metrics, _table(week))
    check_cost_matches_metrics(metrics, name(week, "cost_at_half"), _table(week))


@milestone("2.7")
def test_cv_summary_gives_mean_and_spread(week):
    check_cv_summary(name(week, "cv_summary"), _table(week))


@milestone("2.7")
def test_drift_shows_accuracy_rising_and_pr_auc_falling(week):
    got = name(week, "drift")
    check_drift(got, _table(week))
    check_drift_direction(got)


@milestone("2.7")
def test_saves_the_confusion_matrix(week):
    check_figure(week, "confusion matrix")


@milestone("2.7")
def test_saves_the_metric_drift_plot(week):
    check_figure(week, "metric drift")
