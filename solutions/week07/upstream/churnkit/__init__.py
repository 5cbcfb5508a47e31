"""churnkit: small, tested helpers for churn analytics.

Missing values (`missing_report`), lift and gains (`lift_at`, `gains_table`), campaign costs
(`expected_cost`, `best_threshold`), a reproducible stratified split (`holdout_split`) and
population drift (`population_stability_index`).
"""

from .costs import COST_MISSED, COST_OFFER, best_threshold, expected_cost, savings
from .drift import drift_report, population_stability_index, psi_label
from .lift import gains_table, lift_at
from .missing import columns_above, format_report, missing_report
from .split import describe_split, holdout_split
from .validate import check_binary, check_probabilities, check_same_length, require_columns

__version__ = "0.4.0"

__all__ = [
    "COST_MISSED",
    "COST_OFFER",
    "best_threshold",
    "check_binary",
    "check_probabilities",
    "check_same_length",
    "columns_above",
    "describe_split",
    "drift_report",
    "expected_cost",
    "format_report",
    "gains_table",
    "holdout_split",
    "lift_at",
    "missing_report",
    "population_stability_index",
    "psi_label",
    "require_columns",
    "savings",
]
