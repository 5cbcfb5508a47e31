"""Tests for churnkit.lift."""

import numpy as np
import pytest

from churnkit.lift import gains_table, lift_at

# Ten customers: the three churners have the three highest probabilities.
Y = np.array([1, 0, 0, 1, 0, 0, 1, 0, 0, 0])
PROBA = np.array([0.91, 0.12, 0.33, 0.85, 0.05, 0.41, 0.78, 0.22, 0.18, 0.09])


def test_lift_at_whole_population_is_one():
    assert lift_at(Y, PROBA, fraction=1.0) == pytest.approx(1.0)


def test_lift_at_returns_a_float():
    assert isinstance(lift_at(Y, PROBA, fraction=1.0), float)


@pytest.mark.parametrize("fraction", [0.0, -0.1, 1.5])
def test_lift_at_rejects_fractions_outside_zero_one(fraction):
    with pytest.raises(ValueError, match="fraction"):
        lift_at(Y, PROBA, fraction=fraction)


def test_lift_at_rejects_a_population_without_churners():
    with pytest.raises(ValueError, match="no churner"):
        lift_at(np.zeros(10, dtype=int), PROBA)


def test_lift_at_rejects_inputs_of_different_lengths():
    with pytest.raises(ValueError, match="lengths differ"):
        lift_at(Y, PROBA[:-1])


def test_gains_table_shape_index_and_columns():
    table = gains_table(Y, PROBA, groups=5)
    assert table.shape == (5, 5)
    assert table.index.name == "group"
    assert table.index.tolist() == [1, 2, 3, 4, 5]
    assert list(table.columns) == [
        "n_customers", "n_churners", "churn_rate", "cumulative_share", "lift"
    ]


def test_gains_table_groups_by_falling_probability():
    table = gains_table(Y, PROBA, groups=5)
    assert table["n_customers"].tolist() == [2, 2, 2, 2, 2]
    assert table["n_churners"].tolist() == [2, 1, 0, 0, 0]
    assert table["churn_rate"].tolist() == pytest.approx([1.0, 0.5, 0.0, 0.0, 0.0])


def test_gains_table_cumulative_share_reaches_one():
    table = gains_table(Y, PROBA, groups=5)
    assert table["cumulative_share"].tolist() == pytest.approx([2 / 3, 1.0, 1.0, 1.0, 1.0])


def test_gains_table_lift_is_group_rate_over_base_rate():
    table = gains_table(Y, PROBA, groups=5)
    assert table["lift"].tolist() == pytest.approx([1.0 / 0.3, 0.5 / 0.3, 0.0, 0.0, 0.0])


def test_gains_table_uneven_groups_put_larger_ones_first():
    table = gains_table(Y, PROBA, groups=3)
    assert table["n_customers"].tolist() == [4, 3, 3]
    assert table["n_churners"].tolist() == [3, 0, 0]


def test_gains_table_ties_keep_input_order():
    y = np.array([0, 1, 1, 0])
    proba = np.full(4, 0.5)
    table = gains_table(y, proba, groups=2)
    assert table["n_churners"].tolist() == [1, 1]
    assert gains_table(y[::-1], proba, groups=4)["n_churners"].tolist() == [0, 1, 1, 0]


def test_gains_table_many_ties_keep_input_order():
    rng = np.random.default_rng(1)
    proba = rng.random(100).round(1)  # eleven values: many ties
    y = rng.integers(0, 2, 100)
    by_hand = sorted(range(100), key=lambda i: -proba[i])  # sorted() is stable
    expected = [int(y[by_hand[10 * k : 10 * (k + 1)]].sum()) for k in range(10)]
    assert gains_table(y, proba)["n_churners"].tolist() == expected


@pytest.mark.parametrize("groups", [0, 11])
def test_gains_table_rejects_impossible_group_counts(groups):
    with pytest.raises(ValueError, match="groups"):
        gains_table(Y, PROBA, groups=groups)


# BEGIN SOLUTION 7.2
def test_lift_at_takes_the_highest_probabilities_gh2():
    # The top 20% (two customers, 0.91 and 0.85) are both churners: 1.0 / 0.3.
    assert lift_at(Y, PROBA, fraction=0.2) == pytest.approx(1.0 / 0.3)
    # ceil(0.25 * 10) = 3 customers: the three churners.
    assert lift_at(Y, PROBA, fraction=0.25) == pytest.approx(1.0 / 0.3)
# STARTER
# END SOLUTION


# BEGIN SOLUTION 7.2
def test_lift_at_ties_keep_input_order_gh2():
    y = np.array([1, 0, 0, 1, 0])
    proba = np.array([0.6, 0.6, 0.2, 0.6, 0.1])
    # ceil(0.2 * 5) = 1: of the three tied at 0.6 the first in input order, a churner.
    assert lift_at(y, proba, fraction=0.2) == pytest.approx(1.0 / 0.4)
    # ceil(0.4 * 5) = 2: the first two tied, one churner in two.
    assert lift_at(y, proba, fraction=0.4) == pytest.approx(0.5 / 0.4)
# STARTER
# END SOLUTION


# BEGIN SOLUTION 7.2
def test_lift_at_agrees_with_gains_table_gh2():
    rng = np.random.default_rng(7)
    proba = rng.random(200)
    y = (rng.random(200) < proba).astype(int)
    first_decile = gains_table(y, proba, groups=10).loc[1, "lift"]
    assert lift_at(y, proba, fraction=0.1) == pytest.approx(first_decile)
# STARTER
# END SOLUTION
