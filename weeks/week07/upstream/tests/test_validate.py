"""Tests for churnkit.validate: the input checks every other module relies on."""

import numpy as np
import pandas as pd
import pytest

from churnkit.validate import (
    check_binary,
    check_probabilities,
    check_same_length,
    require_columns,
)


def test_require_columns_passes_when_all_present():
    frame = pd.DataFrame({"tenure": [1], "Churn": [0]})
    assert require_columns(frame, ["tenure", "Churn"]) is None


def test_require_columns_names_every_missing_column():
    frame = pd.DataFrame({"tenure": [1]})
    with pytest.raises(KeyError) as error:
        require_columns(frame, ["Churn", "tenure", "MonthlyCharges"])
    assert "Churn" in str(error.value)
    assert "MonthlyCharges" in str(error.value)
    assert "tenure" not in str(error.value)


def test_check_binary_accepts_bools_and_ints():
    np.testing.assert_array_equal(check_binary([True, False, True]), [1, 0, 1])
    np.testing.assert_array_equal(check_binary(np.array([0, 1, 1])), [0, 1, 1])
    np.testing.assert_array_equal(check_binary(pd.Series([1.0, 0.0])), [1, 0])
    assert check_binary([1, 0]).dtype == np.int64


@pytest.mark.parametrize("bad", [[0, 2], [-1, 1], [0.5, 1], [0, float("nan")], ["Yes", "No"]])
def test_check_binary_rejects_other_values(bad):
    with pytest.raises(ValueError, match="0 and 1"):
        check_binary(bad)


def test_check_binary_rejects_two_dimensional_input():
    with pytest.raises(ValueError, match="one-dimensional"):
        check_binary(np.zeros((2, 2)))


def test_check_probabilities_accepts_the_bounds():
    np.testing.assert_array_equal(check_probabilities([0, 0.5, 1]), [0.0, 0.5, 1.0])
    assert check_probabilities([0.25]).dtype == np.float64


@pytest.mark.parametrize("bad", [[-0.1, 0.5], [0.5, 1.1], [0.5, float("nan")]])
def test_check_probabilities_rejects_values_outside_zero_one(bad):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        check_probabilities(bad)


def test_check_same_length_returns_the_common_length():
    assert check_same_length(y=np.zeros(3), proba=np.ones(3)) == 3


def test_check_same_length_names_the_arrays_that_differ():
    with pytest.raises(ValueError, match="y has 3, proba has 2"):
        check_same_length(y=np.zeros(3), proba=np.ones(2))
