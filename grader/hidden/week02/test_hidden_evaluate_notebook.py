"""Hidden checks for 2.7: the same report, run on held-out customers under the usual file name.

The held-out table has a quarter of the customers, so its test set does too: costs typed in
from a run on the full table fall outside what that test set can cost, and the report's
tables must still hold together.
"""

from __future__ import annotations

from grader.engine.checks import milestone
from grader.week02.test_evaluate_notebook import (
    check_cost_matches_metrics,
    check_costs,
    check_cv_summary,
    check_drift,
    check_metrics,
    name,
)

HELD_OUT = {"telco_churn_clean": "telco_churn_holdout_clean"}
UNSEEN = "gives answers that do not follow the data (typed in by hand?)"


def _table(week):
    return week.data("telco_churn_holdout_clean")


@milestone("2.7", category=UNSEEN)
def test_report_costs_on_held_out_customers(week):
    check_costs(week, _table(week), HELD_OUT)


@milestone("2.7", category=UNSEEN)
def test_report_tables_on_held_out_customers(week):
    table = _table(week)
    metrics = name(week, "metrics", HELD_OUT)
    check_metrics(metrics, table)
    check_cost_matches_metrics(metrics, name(week, "cost_at_half", HELD_OUT), table)
    check_cv_summary(name(week, "cv_summary", HELD_OUT), table)
    check_drift(name(week, "drift", HELD_OUT), table)
