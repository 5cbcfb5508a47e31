"""Tests for churnkit.drift."""

import numpy as np
import pandas as pd
import pytest

from churnkit.drift import drift_report, population_stability_index, psi_label


@pytest.fixture
def charges():
    """Monthly charges of 2,000 customers, and of 2,000 more after a price change."""
    rng = np.random.default_rng(5)
    before = rng.normal(65, 30, 2000)
    return before, rng.normal(65, 30, 2000), rng.normal(80, 30, 2000)


def test_psi_of_identical_samples_is_zero(charges):
    before, _, _ = charges
    assert population_stability_index(before, before) == 0.0


def test_psi_returns_a_float(charges):
    before, same, _ = charges
    assert isinstance(population_stability_index(before, same), float)


def test_psi_by_hand_with_two_bins():
    # Edges: the median of 0..9, 4.5. Expected shares 0.5, 0.5; actual 5/8, 3/8.
    expected = np.arange(10.0)
    actual = np.arange(8.0)
    by_hand = (0.625 - 0.5) * np.log(0.625 / 0.5) + (0.375 - 0.5) * np.log(0.375 / 0.5)
    assert population_stability_index(expected, actual, bins=2) == pytest.approx(by_hand)


def test_psi_value_on_an_edge_goes_to_the_bin_above():
    # Edge 4.5 for 0..9; 4.5 itself counts in the upper bin: actual shares 0.5, 0.5.
    assert population_stability_index(np.arange(10.0), [0.0, 4.5], bins=2) == 0.0


def test_psi_grows_with_the_shift(charges):
    before, same, after = charges
    small = population_stability_index(before, same)
    large = population_stability_index(before, after)
    assert 0 < small < 0.1
    assert large > 0.1
    assert large > small


def test_psi_accepts_series_and_lists(charges):
    before, _, after = charges
    from_arrays = population_stability_index(before, after)
    from_series = population_stability_index(pd.Series(before), after.tolist())
    assert from_series == pytest.approx(from_arrays)


@pytest.mark.parametrize("bins", [0, 1])
def test_psi_needs_two_bins(charges, bins):
    before, same, _ = charges
    with pytest.raises(ValueError, match="bins"):
        population_stability_index(before, same, bins=bins)


def test_psi_rejects_empty_and_nan_samples():
    with pytest.raises(ValueError, match="actual"):
        population_stability_index([1.0, 2.0], [])
    with pytest.raises(ValueError, match="expected"):
        population_stability_index([1.0, np.nan], [1.0, 2.0])


@pytest.mark.parametrize(
    ("psi", "label"),
    [(0.0, "stable"), (0.0999, "stable"), (0.1, "moderate"), (0.2499, "moderate"),
     (0.25, "major"), (3.0, "major")],
)
def test_psi_label_boundaries(psi, label):
    assert psi_label(psi) == label


def test_drift_report_sorted_largest_first(charges):
    before, same, after = charges
    reference = pd.DataFrame({"tenure": same, "MonthlyCharges": before, "plan": "A"})
    current = pd.DataFrame({"tenure": same, "MonthlyCharges": after, "plan": "B"})
    report = drift_report(reference, current)
    assert report.index.tolist() == ["MonthlyCharges", "tenure"]
    assert report.index.name == "column"
    assert report.loc["tenure", "psi"] == 0.0
    assert report.loc["tenure", "label"] == "stable"
    expected = population_stability_index(before, after)
    assert report.loc["MonthlyCharges", "psi"] == pytest.approx(expected)
    assert report.loc["MonthlyCharges", "label"] == psi_label(expected)


def test_drift_report_chosen_columns(charges):
    before, _, after = charges
    reference = pd.DataFrame({"a": before, "b": before})
    current = pd.DataFrame({"a": after, "b": after})
    assert drift_report(reference, current, columns=["b"]).index.tolist() == ["b"]


def test_drift_report_names_a_missing_column(charges):
    before, _, _ = charges
    with pytest.raises(KeyError, match="tenure"):
        drift_report(pd.DataFrame({"tenure": before}), pd.DataFrame({"x": before}))


# BEGIN SOLUTION 7.2
def test_psi_is_finite_when_a_bin_is_empty_gh5():
    expected = np.arange(100.0)
    actual = np.arange(50.0, 150.0)  # nobody in the lower half of the bins
    psi = population_stability_index(expected, actual)
    assert np.isfinite(psi)
    assert psi_label(psi) == "major"
# STARTER
# END SOLUTION


# BEGIN SOLUTION 7.2
def test_psi_epsilon_floors_both_shares_gh5():
    # Two bins split at 4.5; actual leaves the lower one empty: shares 0 and 1.
    expected, actual = np.arange(10.0), np.array([7.0, 8.0, 9.0])
    e, a = np.array([0.5, 0.5]), np.array([0.01, 1.0])  # 0 floored to epsilon = 0.01
    by_hand = float(np.sum((a - e) * np.log(a / e)))
    got = population_stability_index(expected, actual, bins=2, epsilon=0.01)
    assert got == pytest.approx(by_hand)
# STARTER
# END SOLUTION


# BEGIN SOLUTION 7.2
def test_psi_default_epsilon_changes_nothing_without_empty_bins_gh5(charges):
    before, _, after = charges
    assert population_stability_index(before, after) == pytest.approx(
        population_stability_index(before, after, epsilon=1e-12)
    )
# STARTER
# END SOLUTION


# BEGIN SOLUTION 7.2
@pytest.mark.parametrize("epsilon", [0.0, -1e-4])
def test_psi_rejects_a_non_positive_epsilon_gh5(epsilon):
    with pytest.raises(ValueError, match="epsilon"):
        population_stability_index([1.0, 2.0, 3.0], [1.0, 2.0], bins=2, epsilon=epsilon)
# STARTER
# END SOLUTION
