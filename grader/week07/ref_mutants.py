"""Judge-side for 7.2: broken versions of churnkit's functions (mutants), to find weakened tests.

A test that was weakened still passes; it just stops noticing things. To find one, the judge
breaks a function the way a careless change would (each `Mutant` says how, in words) by
appending code to the end of its module in a copy of the repository: a new definition of the
function, a wrapper around the one already there (``_grader_<name> = <name>``, then a new
``def``), or a new value for a constant. The module's own callers, and ``from churnkit.x
import f`` in the tests, then get the broken one.

The original tests are run on the original code with each mutant (``reference_mutants_<i>``):
the tests of that function (`Mutant.tests`) that fail there are the ones that *catch* it. The
same tests of the learner, on their code with the same mutant, must fail too; one that now
passes (or is skipped, or marked xfail) was weakened.

What a mutant may touch. Functions no issue is about are replaced or wrapped freely. For the
five issue functions (#1 ``missing_report``, #2 ``lift_at``, #3 ``best_threshold``, #4
``holdout_split``, #5 ``population_stability_index``) a mutant never depends on how the
learner fixed the issue: it is either a wrapper that breaks something outside the issue on
top of the learner's own function (its input checks, its return type, the order of what it
returns), or a whole new definition that behaves like the reference fix except for one break
(the learner's function is then not used at all, so even a break in the issue's own part,
epsilon added to actual's shares for #5, cannot meet their fix). Either way the original tests
of that function see the same broken behaviour on the original code and on any correct fix.

Mutants run together in a few copies (`GROUPS`): the mutants of one copy never change what
another's tests see, so each copy answers for all of its mutants at once. Each copy runs only
the test files of its mutants. ``python -m tools.check_mutants`` checks all of this on
the original repository and on the solution: every original test catches at least one mutant,
every mutant is caught, and a mutant's catchers are the same alone and in its group.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    """One broken function: its module, name, what is wrong (in words) and the new code."""

    name: str
    module: str  # churnkit/<module>.py
    function: str
    says: str  # "<module>.<function> <what it now does wrong>"
    code: str
    tests: tuple[str, ...]  # the original tests (function names) that test it directly

    @property
    def file(self) -> str:
        return f"churnkit/{self.module}.py"

    @property
    def test_file(self) -> str:
        """The test file of its module, where all of `tests` live."""
        return f"tests/test_{self.module}.py"

    def tests_it(self, name: str) -> bool:
        """Is the test called `name` (``test_x[param]`` or ``test_x``) one of `tests`?"""
        return name.split("[", 1)[0] in self.tests


HEADER = "# The grader's mutant: {says}\n"

#: The original tests of each function (all of them: those a mutant breaks are its catchers).
REQUIRE_COLUMNS = ("test_require_columns_passes_when_all_present",
                   "test_require_columns_names_every_missing_column")
CHECK_BINARY = ("test_check_binary_accepts_bools_and_ints",
                "test_check_binary_rejects_other_values",
                "test_check_binary_rejects_two_dimensional_input")
CHECK_PROBABILITIES = ("test_check_probabilities_accepts_the_bounds",
                       "test_check_probabilities_rejects_values_outside_zero_one")
CHECK_SAME_LENGTH = ("test_check_same_length_returns_the_common_length",
                     "test_check_same_length_names_the_arrays_that_differ")
EXPECTED_COST = ("test_expected_cost_counts_misses_and_offers",
                 "test_expected_cost_with_custom_costs",
                 "test_expected_cost_threshold_is_inclusive",
                 "test_expected_cost_without_offers_loses_every_churner",
                 "test_expected_cost_offering_everybody",
                 "test_expected_cost_rejects_invalid_inputs")
BEST_THRESHOLD = ("test_best_threshold_with_default_costs",
                  "test_best_threshold_follows_cost_missed",
                  "test_best_threshold_ties_go_to_the_highest_threshold",
                  "test_best_threshold_is_a_probability_with_the_lowest_cost")
SAVINGS = ("test_savings_against_no_offer", "test_savings_can_be_negative")
PSI = ("test_psi_of_identical_samples_is_zero", "test_psi_returns_a_float",
       "test_psi_by_hand_with_two_bins", "test_psi_value_on_an_edge_goes_to_the_bin_above",
       "test_psi_grows_with_the_shift", "test_psi_accepts_series_and_lists",
       "test_psi_needs_two_bins", "test_psi_rejects_empty_and_nan_samples")
PSI_LABEL = ("test_psi_label_boundaries",)
DRIFT_REPORT = ("test_drift_report_sorted_largest_first", "test_drift_report_chosen_columns",
                "test_drift_report_names_a_missing_column")
LIFT_AT = ("test_lift_at_whole_population_is_one", "test_lift_at_returns_a_float",
           "test_lift_at_rejects_fractions_outside_zero_one",
           "test_lift_at_rejects_a_population_without_churners",
           "test_lift_at_rejects_inputs_of_different_lengths")
GAINS_TABLE = ("test_gains_table_shape_index_and_columns",
               "test_gains_table_groups_by_falling_probability",
               "test_gains_table_cumulative_share_reaches_one",
               "test_gains_table_lift_is_group_rate_over_base_rate",
               "test_gains_table_uneven_groups_put_larger_ones_first",
               "test_gains_table_ties_keep_input_order",
               "test_gains_table_many_ties_keep_input_order",
               "test_gains_table_rejects_impossible_group_counts")
MISSING_REPORT = ("test_missing_report_counts_nan_and_none",
                  "test_missing_report_share_is_count_over_rows",
                  "test_missing_report_columns_index_and_dtypes",
                  "test_missing_report_sorts_by_count_keeping_ties_in_frame_order",
                  "test_missing_report_counts_pandas_na_and_nat",
                  "test_missing_report_nothing_missing")
COLUMNS_ABOVE = ("test_columns_above_lists_every_column_missing_something",
                 "test_columns_above_is_strict")
FORMAT_REPORT = ("test_format_report_one_line_per_missing_column", "test_format_report_decimals",
                 "test_format_report_nothing_missing")
HOLDOUT_SPLIT = ("test_holdout_split_sizes", "test_holdout_split_draws_each_class_in_proportion",
                 "test_holdout_split_keeps_the_churn_rate",
                 "test_holdout_split_partitions_the_rows",
                 "test_holdout_split_keeps_columns_index_and_row_order",
                 "test_holdout_split_string_labels", "test_holdout_split_names_a_missing_target",
                 "test_holdout_split_rejects_test_sizes_outside_zero_one")
DESCRIBE_SPLIT = ("test_describe_split_counts_and_rates",
                  "test_describe_split_names_a_missing_target")

#: PSI as the reference fix of #5 computes it, inlined so that a mutant of it depends on
#: nothing the learner may have changed. {side} and {actual_counts} are where mutants differ.
_PSI = '''
def population_stability_index(expected, actual, bins=10, epsilon=1e-4):
    import numpy as _np

    e_values = _np.asarray(expected, dtype=_np.float64).ravel()
    a_values = _np.asarray(actual, dtype=_np.float64).ravel()
{checks}    edges = _np.quantile(e_values, _np.linspace(0, 1, bins + 1))
    inner = _np.unique(edges[1:-1])
    e_counts = _np.bincount(_np.searchsorted(inner, e_values, side="right"),
                            minlength=len(inner) + 1)
    a_counts = _np.bincount(_np.searchsorted(inner, a_values, side="{side}"),
                            minlength=len(inner) + 1)
    e = _np.maximum(e_counts / len(e_values), epsilon)
    a = _np.maximum({actual_share}, epsilon)
    return float(_np.sum((a - e) * _np.log(a / e)))
'''
_PSI_CHECKS = '''    if bins < 2:
        raise ValueError(f"bins must be at least 2, got {bins}")
    for name, values in (("expected", e_values), ("actual", a_values)):
        if values.size == 0 or _np.isnan(values).any():
            raise ValueError(f"{name} must be a non-empty sample without NaN")
    if not epsilon > 0:
        raise ValueError(f"epsilon must be positive, got {epsilon}")
'''


def _psi(side: str = "right", checks: bool = True,
         actual_share: str = "a_counts / len(a_values)") -> str:
    return _PSI.format(side=side, checks=_PSI_CHECKS if checks else "",
                       actual_share=actual_share)


#: gains_table as churnkit writes it, with {order} and {parts} where mutants differ.
_GAINS = '''
def gains_table(y_true, proba, groups=10):
    import numpy as _np
    import pandas as _pd

    y = check_binary(y_true, "y_true")
    p = check_probabilities(proba)
    n = check_same_length(y_true=y, proba=p)
    if not 1 <= groups <= n:
        raise ValueError(f"groups must be between 1 and {{n}} (the customers), got {{groups}}")
    if y.sum() == 0:
        raise ValueError("y_true holds no churner: gains are undefined")
    order = {order}
    parts = {parts}
    n_customers = _np.array([len(part) for part in parts], dtype=_np.int64)
    n_churners = _np.array([part.sum() for part in parts], dtype=_np.int64)
    churn_rate = n_churners / n_customers
    table = _pd.DataFrame(
        {{
            "n_customers": n_customers,
            "n_churners": n_churners,
            "churn_rate": churn_rate,
            "cumulative_share": _np.cumsum(n_churners) / y.sum(),
            "lift": churn_rate / y.mean(),
        }},
        index=_pd.RangeIndex(1, groups + 1, name="group"),
    )
    return table[["n_customers", "n_churners", "churn_rate", "cumulative_share", "lift"]]
'''


def _gains(order: str = '_np.argsort(-p, kind="stable")',
           parts: str = "_np.array_split(y[order], groups)") -> str:
    return _GAINS.format(order=order, parts=parts)


#: missing_report as the reference fix of #1 computes it, with {missing} where mutants differ.
_MISSING = '''
def missing_report(frame):
    import pandas as _pd

    cells = frame.astype(object)
    missing = {missing}
    counts = missing.sum().astype("int64")
    report = _pd.DataFrame(
        {{"n_missing": counts, "share_missing": counts / len(frame) if len(frame) else 0.0}},
        columns=["n_missing", "share_missing"],
    ).astype({{"share_missing": "float64"}})
    report.index.name = "column"
    return report.sort_values("n_missing", ascending=False, kind="stable")
'''

#: best_threshold as the reference fix of #3 computes it, with {candidates}, {costs} and
#: {pick} where mutants differ.
_BEST = '''
def best_threshold(y_true, proba, cost_missed=500.0, cost_offer=50.0):
    import numpy as _np

    y = check_binary(y_true, "y_true")
    p = check_probabilities(proba)
    check_same_length(y_true=y, proba=p)
    candidates = {candidates}
    costs = [
        {cost_missed} * int(_np.sum((y == 1) & (p < t))) + cost_offer * int(_np.sum(p >= t))
        for t in candidates
    ]
    return float(candidates[{pick}])
'''


def _best(candidates: str = "_np.unique(p)[::-1]", cost_missed: str = "cost_missed",
          pick: str = "int(_np.argmin(costs))") -> str:
    return _BEST.format(candidates=candidates, cost_missed=cost_missed, pick=pick)


MUTANTS = [
    # --- validate: the input checks every module relies on ----------------------------------
    Mutant("require_columns_first_only", "validate", "require_columns",
           "validate.require_columns names only the first missing column", '''
def require_columns(frame, columns):
    absent = [str(name) for name in columns if name not in frame.columns]
    if absent:
        raise KeyError(f"missing columns: {absent[0]}")
''', REQUIRE_COLUMNS),
    Mutant("require_columns_returns_the_columns", "validate", "require_columns",
           "validate.require_columns returns the columns it checked instead of None", '''
_grader_require_columns = require_columns


def require_columns(frame, columns):
    columns = list(columns)
    _grader_require_columns(frame, columns)
    return columns
''', REQUIRE_COLUMNS),
    Mutant("check_binary_any_number", "validate", "check_binary",
           "validate.check_binary accepts any number, not only 0 and 1", '''
def check_binary(y, name="y"):
    import numpy as np

    values = np.asarray(y)
    if values.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {values.shape}")
    try:
        return values.astype(np.float64).astype(np.int64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold 0 and 1 only, got dtype {values.dtype}") from None
''', CHECK_BINARY),
    Mutant("check_binary_reads_yes_no", "validate", "check_binary",
           'validate.check_binary turns "Yes"/"No" into 1/0 instead of rejecting text', '''
_grader_check_binary = check_binary


def check_binary(y, name="y"):
    import numpy as _np

    values = _np.asarray(y)
    if values.ndim == 1 and values.dtype.kind in "OUS" and \\
            {str(v) for v in values.tolist()} <= {"Yes", "No"}:
        return (values == "Yes").astype(_np.int64)
    return _grader_check_binary(y, name)
''', CHECK_BINARY),
    Mutant("check_binary_returns_floats", "validate", "check_binary",
           "validate.check_binary returns float64, not int64", '''
_grader_check_binary = check_binary


def check_binary(y, name="y"):
    return _grader_check_binary(y, name).astype("float64")
''', CHECK_BINARY),
    Mutant("check_binary_flattens", "validate", "check_binary",
           "validate.check_binary flattens a 2-D input instead of rejecting it", '''
_grader_check_binary = check_binary


def check_binary(y, name="y"):
    import numpy as _np

    return _grader_check_binary(_np.ravel(_np.asarray(y)), name)
''', CHECK_BINARY),
    Mutant("check_probabilities_open_interval", "validate", "check_probabilities",
           "validate.check_probabilities rejects 0 and 1 (> and < instead of >= and <=)", '''
def check_probabilities(proba, name="proba"):
    import numpy as _np

    values = _np.asarray(proba, dtype=_np.float64)
    if values.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {values.shape}")
    bad = ~((values > 0.0) & (values < 1.0))
    if bad.any():
        raise ValueError(f"{name} must be probabilities in [0, 1], got {values[bad][0]!r}")
    return values
''', CHECK_PROBABILITIES),
    Mutant("check_probabilities_clips", "validate", "check_probabilities",
           "validate.check_probabilities clips values into [0, 1] (NaN becomes 0) instead of "
           "rejecting them", '''
_grader_check_probabilities = check_probabilities


def check_probabilities(proba, name="proba"):
    import numpy as _np

    values = _np.nan_to_num(_np.asarray(proba, dtype=_np.float64), nan=0.0)
    return _grader_check_probabilities(_np.clip(values, 0.0, 1.0), name)
''', CHECK_PROBABILITIES),
    Mutant("check_same_length_counts_arrays", "validate", "check_same_length",
           "validate.check_same_length returns how many arrays it was given, not their length",
           '''
_grader_check_same_length = check_same_length


def check_same_length(**arrays):
    _grader_check_same_length(**arrays)
    return len(arrays)
''', CHECK_SAME_LENGTH),
    Mutant("check_same_length_vague", "validate", "check_same_length",
           'validate.check_same_length says only "lengths differ", not which array has how '
           "many values", '''
_grader_check_same_length = check_same_length


def check_same_length(**arrays):
    try:
        return _grader_check_same_length(**arrays)
    except ValueError:
        raise ValueError("lengths differ") from None
''', CHECK_SAME_LENGTH),
    # --- costs (#3 is best_threshold's cost_offer) ------------------------------------------
    Mutant("cost_missed_600", "costs", "COST_MISSED",
           "costs.COST_MISSED is 600 (the retention team's figure is 500)", '''
COST_MISSED = 600.0
''', ("test_default_costs_are_the_retention_teams",)),
    Mutant("expected_cost_strict", "costs", "expected_cost",
           "costs.expected_cost makes offers only above the threshold (> instead of >=)", '''
def expected_cost(y_true, proba, threshold, cost_missed=500.0, cost_offer=50.0):
    import numpy as np

    y = check_binary(y_true, "y_true")
    p = check_probabilities(proba)
    check_same_length(y_true=y, proba=p)
    offered = p > threshold
    missed = int(np.sum((y == 1) & ~offered))
    return float(cost_missed * missed + cost_offer * int(np.sum(offered)))
''', EXPECTED_COST),
    Mutant("expected_cost_swaps_costs", "costs", "expected_cost",
           "costs.expected_cost swaps cost_missed and cost_offer", '''
_grader_expected_cost = expected_cost


def expected_cost(y_true, proba, threshold, cost_missed=500.0, cost_offer=50.0):
    return _grader_expected_cost(y_true, proba, threshold, cost_offer, cost_missed)
''', EXPECTED_COST),
    Mutant("expected_cost_unchecked", "costs", "expected_cost",
           "costs.expected_cost no longer checks its inputs (labels other than 0 and 1, "
           "probabilities outside [0, 1])", '''
def expected_cost(y_true, proba, threshold, cost_missed=500.0, cost_offer=50.0):
    import numpy as _np

    y = _np.asarray(y_true)
    p = _np.asarray(proba, dtype=_np.float64)
    offered = p >= threshold
    missed = int(_np.sum((y == 1) & ~offered))
    return float(cost_missed * missed + cost_offer * int(_np.sum(offered)))
''', EXPECTED_COST),
    Mutant("best_threshold_ties_lowest", "costs", "best_threshold",
           "costs.best_threshold picks the lowest of equally cheap thresholds (the highest "
           "should win)", _best(candidates="_np.unique(p)"), BEST_THRESHOLD),
    Mutant("best_threshold_ignores_cost_missed", "costs", "best_threshold",
           "costs.best_threshold ignores its cost_missed argument (always 500)",
           _best(cost_missed="500.0"), BEST_THRESHOLD),
    Mutant("best_threshold_off_by_one", "costs", "best_threshold",
           "costs.best_threshold returns the threshold next to the cheapest one (an off-by-one)",
           _best(pick="int(_np.argmin(costs)) - 1"), BEST_THRESHOLD),
    Mutant("savings_sign_flipped", "costs", "savings",
           "costs.savings returns what the campaign costs more than no offer (its sign flipped)",
           '''
_grader_savings = savings


def savings(y_true, proba, threshold, cost_missed=500.0, cost_offer=50.0):
    return -_grader_savings(y_true, proba, threshold, cost_missed, cost_offer)
''', SAVINGS),
    # --- drift (#5 is population_stability_index's epsilon) ---------------------------------
    Mutant("psi_epsilon_added_to_actual", "drift", "population_stability_index",
           "drift.population_stability_index adds epsilon to actual's shares (instead of "
           "flooring both): identical samples no longer give 0",
           _psi(actual_share="a_counts / len(a_values) + epsilon"), PSI),
    Mutant("psi_returns_an_array", "drift", "population_stability_index",
           "drift.population_stability_index returns a 0-d NumPy array, not a float", '''
_grader_population_stability_index = population_stability_index


def population_stability_index(*args, **kwargs):
    import numpy as _np

    return _np.asarray(_grader_population_stability_index(*args, **kwargs))
''', PSI),
    Mutant("psi_edge_goes_below", "drift", "population_stability_index",
           "drift.population_stability_index puts a value equal to a bin edge in the bin "
           "below (side=\"left\")", _psi(side="left"), PSI),
    Mutant("psi_sign_flipped", "drift", "population_stability_index",
           "drift.population_stability_index has its sign flipped: sum((e - a) * log(a / e))",
           '''
_grader_population_stability_index = population_stability_index


def population_stability_index(*args, **kwargs):
    return -_grader_population_stability_index(*args, **kwargs)
''', PSI),
    Mutant("psi_arrays_only", "drift", "population_stability_index",
           "drift.population_stability_index accepts NumPy arrays only: a list or a Series "
           "raises TypeError", '''
_grader_population_stability_index = population_stability_index


def population_stability_index(expected, actual, *args, **kwargs):
    import numpy as _np

    if not (isinstance(expected, _np.ndarray) and isinstance(actual, _np.ndarray)):
        raise TypeError("expected and actual must be NumPy arrays")
    return _grader_population_stability_index(expected, actual, *args, **kwargs)
''', PSI),
    Mutant("psi_unchecked", "drift", "population_stability_index",
           "drift.population_stability_index no longer checks its inputs (bins below 2, empty "
           "or NaN samples)", _psi(checks=False), PSI),
    Mutant("psi_label_inclusive", "drift", "psi_label",
           "drift.psi_label calls a PSI of exactly 0.1 stable and 0.25 moderate "
           "(<= instead of <)", '''
def psi_label(psi):
    if psi <= 0.1:
        return "stable"
    if psi <= 0.25:
        return "moderate"
    return "major"
''', PSI_LABEL),
    Mutant("psi_label_swapped", "drift", "psi_label",
           "drift.psi_label says major below 0.1 and stable from 0.25 (the labels swapped)", '''
def psi_label(psi):
    if psi < 0.1:
        return "major"
    if psi < 0.25:
        return "moderate"
    return "stable"
''', PSI_LABEL),
    Mutant("psi_major_at_0_2", "drift", "psi_label",
           "drift.PSI_MAJOR is 0.2, so a PSI from 0.2 to 0.25 reads major (the boundary is "
           "0.25)", '''
PSI_MAJOR = 0.2
''', PSI_LABEL),
    Mutant("drift_report_smallest_first", "drift", "drift_report",
           "drift.drift_report puts the smallest shift first", '''
_grader_drift_report = drift_report


def drift_report(*args, **kwargs):
    return _grader_drift_report(*args, **kwargs).sort_values("psi", kind="stable")
''', DRIFT_REPORT),
    Mutant("drift_report_ignores_columns", "drift", "drift_report",
           "drift.drift_report ignores columns= (it compares every numeric column)", '''
_grader_drift_report = drift_report


def drift_report(reference, current, columns=None, bins=10):
    return _grader_drift_report(reference, current, bins=bins)
''', DRIFT_REPORT),
    Mutant("drift_report_skips_absent_columns", "drift", "drift_report",
           "drift.drift_report skips the columns current lacks instead of raising KeyError", '''
_grader_drift_report = drift_report


def drift_report(reference, current, columns=None, bins=10):
    if columns is None:
        columns = list(reference.select_dtypes("number").columns)
    columns = [column for column in columns if column in current.columns]
    return _grader_drift_report(reference, current, columns, bins)
''', DRIFT_REPORT),
    # --- lift (#2 is lift_at's order) --------------------------------------------------------
    Mutant("lift_at_not_over_base_rate", "lift", "lift_at",
           "lift.lift_at returns the churn rate of the customers called, not divided by "
           "everyone's", '''
_grader_lift_at = lift_at


def lift_at(y_true, proba, fraction=0.1):
    import numpy as _np

    lift = _grader_lift_at(y_true, proba, fraction)
    return float(lift * _np.mean(_np.asarray(y_true, dtype=_np.float64)))
''', LIFT_AT),
    Mutant("lift_at_returns_an_array", "lift", "lift_at",
           "lift.lift_at returns a 0-d NumPy array, not a float", '''
_grader_lift_at = lift_at


def lift_at(*args, **kwargs):
    import numpy as _np

    return _np.asarray(_grader_lift_at(*args, **kwargs))
''', LIFT_AT),
    Mutant("lift_at_unchecked", "lift", "lift_at",
           "lift.lift_at no longer rejects bad input: it clamps fraction into (0, 1], cuts the "
           "longer input short and returns 0.0 when nobody churned", '''
_grader_lift_at = lift_at


def lift_at(y_true, proba, fraction=0.1):
    import numpy as _np

    y, p = _np.asarray(y_true), _np.asarray(proba)
    n = min(len(y), len(p))
    if n and not _np.any(y[:n] == 1):
        return 0.0
    return _grader_lift_at(y[:n], p[:n], min(max(fraction, 1e-9), 1.0))
''', LIFT_AT),
    Mutant("gains_share_not_cumulative", "lift", "gains_table",
           "lift.gains_table's cumulative_share is each group's own share of the churners, "
           "not the running total", '''
_grader_gains_table = gains_table


def gains_table(y_true, proba, groups=10):
    table = _grader_gains_table(y_true, proba, groups)
    table["cumulative_share"] = table["n_churners"] / table["n_churners"].sum()
    return table
''', GAINS_TABLE),
    Mutant("gains_groups_from_zero", "lift", "gains_table",
           "lift.gains_table numbers its groups from 0 (the first group is 1)", '''
_grader_gains_table = gains_table


def gains_table(y_true, proba, groups=10):
    import pandas as _pd

    table = _grader_gains_table(y_true, proba, groups)
    table.index = _pd.RangeIndex(len(table), name="group")
    return table
''', GAINS_TABLE),
    Mutant("gains_rising_probability", "lift", "gains_table",
           "lift.gains_table puts the lowest probabilities in group 1 (rising, not falling)",
           _gains(order='_np.argsort(p, kind="stable")'), GAINS_TABLE),
    Mutant("gains_lift_is_the_rate", "lift", "gains_table",
           "lift.gains_table's lift column is the group's churn rate, not divided by "
           "everyone's", '''
_grader_gains_table = gains_table


def gains_table(y_true, proba, groups=10):
    table = _grader_gains_table(y_true, proba, groups)
    table["lift"] = table["churn_rate"]
    return table
''', GAINS_TABLE),
    Mutant("gains_larger_groups_last", "lift", "gains_table",
           "lift.gains_table puts the larger groups last (np.array_split puts them first)",
           _gains(parts="[part[::-1] for part in _np.array_split(y[order][::-1], groups)][::-1]"),
           GAINS_TABLE),
    Mutant("gains_churners_first_in_ties", "lift", "gains_table",
           "lift.gains_table puts churners first among equal probabilities (ties should keep "
           "their input order)", _gains(order="_np.lexsort((-y, -p))"), GAINS_TABLE),
    Mutant("gains_clamps_groups", "lift", "gains_table",
           "lift.gains_table clamps groups into [1, n] instead of rejecting it", '''
_grader_gains_table = gains_table


def gains_table(y_true, proba, groups=10):
    n = len(list(proba))
    return _grader_gains_table(y_true, proba, min(max(int(groups), 1), max(n, 1)))
''', GAINS_TABLE),
    # --- missing (#1 is missing_report's blank strings) -------------------------------------
    Mutant("missing_share_over_columns", "missing", "missing_report",
           "missing.missing_report's share_missing is n_missing over the number of columns, "
           "not rows", '''
_grader_missing_report = missing_report


def missing_report(frame):
    report = _grader_missing_report(frame)
    report["share_missing"] = report["n_missing"] / max(frame.shape[1], 1)
    return report
''', MISSING_REPORT),
    Mutant("missing_counts_as_floats", "missing", "missing_report",
           "missing.missing_report's n_missing is float64, not int64", '''
_grader_missing_report = missing_report


def missing_report(frame):
    report = _grader_missing_report(frame)
    report["n_missing"] = report["n_missing"].astype("float64")
    return report
''', MISSING_REPORT),
    Mutant("missing_ties_reversed", "missing", "missing_report",
           "missing.missing_report lists columns with equal counts in reverse frame order", '''
_grader_missing_report = missing_report


def missing_report(frame):
    report = _grader_missing_report(frame)
    return report.iloc[::-1].sort_values("n_missing", ascending=False, kind="stable")
''', MISSING_REPORT),
    Mutant("missing_blanks_only", "missing", "missing_report",
           "missing.missing_report counts blank strings only: NaN and None are no longer "
           "missing", _MISSING.format(missing="cells.map(lambda v: isinstance(v, str) and "
                                              "not v.strip()).astype(bool)"), MISSING_REPORT),
    Mutant("missing_not_na_or_nat", "missing", "missing_report",
           "missing.missing_report no longer counts pd.NA and NaT (only NaN, None and blanks)",
           _MISSING.format(missing="cells.map(lambda v: v is None or (isinstance(v, float) and "
                                   "v != v) or (isinstance(v, str) and not v.strip()))"
                                   ".astype(bool)"), MISSING_REPORT),
    Mutant("missing_drops_full_columns", "missing", "missing_report",
           "missing.missing_report leaves out the columns that miss nothing", '''
_grader_missing_report = missing_report


def missing_report(frame):
    report = _grader_missing_report(frame)
    return report[report["n_missing"] > 0]
''', MISSING_REPORT),
    Mutant("columns_above_inclusive", "missing", "columns_above",
           "missing.columns_above also keeps columns whose share equals max_share "
           "(>= instead of >)", '''
def columns_above(report, max_share=0.0):
    return [str(name) for name in report.index[report["share_missing"] >= max_share]]
''', COLUMNS_ABOVE),
    Mutant("format_report_ignores_decimals", "missing", "format_report",
           "missing.format_report ignores decimals (always one decimal)", '''
def format_report(report, decimals=1):
    lines = [
        f"{name}: {int(row.n_missing)} missing ({100 * row.share_missing:.1f}%)"
        for name, row in report.iterrows()
        if row.n_missing > 0
    ]
    return "\\n".join(lines) if lines else "nothing missing"
''', FORMAT_REPORT),
    Mutant("format_report_every_column", "missing", "format_report",
           "missing.format_report lists every column, those with 0 missing too", '''
def format_report(report, decimals=1):
    lines = [
        f"{name}: {int(row.n_missing)} missing ({100 * row.share_missing:.{decimals}f}%)"
        for name, row in report.iterrows()
    ]
    return "\\n".join(lines) if lines else "nothing missing"
''', FORMAT_REPORT),
    # --- split (#4 is holdout_split's seed) --------------------------------------------------
    Mutant("holdout_not_stratified", "split", "holdout_split",
           "split.holdout_split draws the test rows from the whole table, not class by class",
           '''
def holdout_split(frame, target, test_size=0.2, seed=0):
    import numpy as _np

    require_columns(frame, [target])
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    rng = _np.random.default_rng(seed)
    in_test = _np.zeros(len(frame), dtype=bool)
    in_test[rng.choice(len(frame), size=round(test_size * len(frame)), replace=False)] = True
    return frame[~in_test], frame[in_test]
''', HOLDOUT_SPLIT),
    Mutant("holdout_train_keeps_every_row", "split", "holdout_split",
           "split.holdout_split's train part keeps every row, the test rows included", '''
_grader_holdout_split = holdout_split


def holdout_split(frame, target, test_size=0.2, seed=0):
    _, test = _grader_holdout_split(frame, target, test_size, seed)
    return frame, test
''', HOLDOUT_SPLIT),
    Mutant("holdout_renumbers_rows", "split", "holdout_split",
           "split.holdout_split renumbers the rows (reset_index): the customers' index is lost",
           '''
_grader_holdout_split = holdout_split


def holdout_split(frame, target, test_size=0.2, seed=0):
    train, test = _grader_holdout_split(frame, target, test_size, seed)
    return train.reset_index(drop=True), test.reset_index(drop=True)
''', HOLDOUT_SPLIT),
    Mutant("holdout_binary_target_only", "split", "holdout_split",
           'split.holdout_split accepts 0/1 targets only: "Yes"/"No" labels raise ValueError',
           '''
_grader_holdout_split = holdout_split


def holdout_split(frame, target, test_size=0.2, seed=0):
    if target in frame.columns:
        check_binary(frame[target].to_numpy(), target)
    return _grader_holdout_split(frame, target, test_size, seed)
''', HOLDOUT_SPLIT),
    Mutant("holdout_value_error_for_target", "split", "holdout_split",
           "split.holdout_split raises ValueError, not KeyError, for a target that is not a "
           "column", '''
_grader_holdout_split = holdout_split


def holdout_split(frame, target, test_size=0.2, seed=0):
    if target not in frame.columns:
        raise ValueError(f"{target} is not a column")
    return _grader_holdout_split(frame, target, test_size, seed)
''', HOLDOUT_SPLIT),
    Mutant("holdout_clamps_test_size", "split", "holdout_split",
           "split.holdout_split clamps test_size into [0.05, 0.95] instead of rejecting it", '''
_grader_holdout_split = holdout_split


def holdout_split(frame, target, test_size=0.2, seed=0):
    return _grader_holdout_split(frame, target, min(max(test_size, 0.05), 0.95), seed)
''', HOLDOUT_SPLIT),
    Mutant("describe_split_positive_share", "split", "describe_split",
           "split.describe_split's positive_share is the share of 0s (1 - mean)", '''
_grader_describe_split = describe_split


def describe_split(train, test, target):
    table = _grader_describe_split(train, test, target)
    table["positive_share"] = 1.0 - table["positive_share"]
    return table
''', DESCRIBE_SPLIT),
    Mutant("describe_split_value_error", "split", "describe_split",
           "split.describe_split raises ValueError, not KeyError, for a part without the target",
           '''
_grader_describe_split = describe_split


def describe_split(train, test, target):
    if target not in train.columns or target not in test.columns:
        raise ValueError(f"{target} is missing from a part")
    return _grader_describe_split(train, test, target)
''', DESCRIBE_SPLIT),
]

#: Mutants applied together, in one copy each: no mutant of a copy changes how the tests of
#: another's function end, and no two break one function (``python -m tools.check_mutants``
#: checks it; ``--groups`` proposes new groups).
GROUPS: list[list[str]] = [
    ['require_columns_returns_the_columns', 'check_binary_returns_floats',
     'check_same_length_vague', 'expected_cost_strict', 'savings_sign_flipped',
     'psi_sign_flipped', 'psi_label_inclusive', 'lift_at_not_over_base_rate',
     'gains_share_not_cumulative', 'missing_blanks_only', 'holdout_train_keeps_every_row',
     'describe_split_value_error'],
    ['require_columns_first_only', 'check_binary_reads_yes_no',
     'check_probabilities_open_interval', 'check_same_length_counts_arrays', 'cost_missed_600',
     'expected_cost_swaps_costs', 'psi_epsilon_added_to_actual', 'psi_label_swapped',
     'missing_share_over_columns', 'holdout_not_stratified', 'describe_split_positive_share'],
    ['check_binary_flattens', 'expected_cost_unchecked', 'best_threshold_ignores_cost_missed',
     'psi_returns_an_array', 'drift_report_smallest_first', 'lift_at_unchecked',
     'gains_rising_probability', 'missing_counts_as_floats', 'columns_above_inclusive',
     'format_report_every_column', 'holdout_binary_target_only'],
    ['check_binary_any_number', 'check_probabilities_clips', 'best_threshold_ties_lowest',
     'psi_arrays_only', 'psi_major_at_0_2', 'lift_at_returns_an_array', 'gains_groups_from_zero',
     'missing_drops_full_columns', 'format_report_ignores_decimals', 'holdout_renumbers_rows'],
    ['best_threshold_off_by_one', 'psi_edge_goes_below', 'drift_report_ignores_columns',
     'gains_lift_is_the_rate', 'missing_ties_reversed', 'holdout_value_error_for_target'],
    ['psi_unchecked', 'drift_report_skips_absent_columns', 'gains_larger_groups_last',
     'missing_not_na_or_nat', 'holdout_clamps_test_size'],
    ['gains_churners_first_in_ties'],
    ['gains_clamps_groups'],
]
BY_NAME = {mutant.name: mutant for mutant in MUTANTS}


def code(mutant: Mutant) -> str:
    """What is appended to the module: a comment saying what it is, then the new definition."""
    return HEADER.format(says=mutant.says) + mutant.code.strip("\n") + "\n"


def appended(group: list[str]) -> dict[str, str]:
    """The code each module of a copy gets for a group of mutants: file -> code."""
    files: dict[str, str] = {}
    for mutant in (BY_NAME[name] for name in group):
        files[mutant.file] = files.get(mutant.file, "") + "\n\n" + code(mutant)
    return files


def test_files(group: list[str]) -> tuple[str, ...]:
    """The test files a copy with this group of mutants runs."""
    return tuple(sorted({BY_NAME[name].test_file for name in group}))


def group_of(mutant: Mutant) -> int:
    return next(i for i, group in enumerate(GROUPS) if mutant.name in group)
