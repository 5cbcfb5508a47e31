"""Tests for churnkit.costs."""

import numpy as np
import pytest

from churnkit.costs import COST_MISSED, COST_OFFER, best_threshold, expected_cost, savings

Y = np.array([0, 1, 1])
PROBA = np.array([0.9, 0.5, 0.4])


def test_default_costs_are_the_retention_teams():
    assert (COST_MISSED, COST_OFFER) == (500.0, 50.0)


def test_expected_cost_counts_misses_and_offers():
    # Offers to 0.9 and 0.6 (100); the churner at 0.2 is missed (500).
    assert expected_cost([1, 1, 0], [0.9, 0.2, 0.6], threshold=0.5) == 600.0


def test_expected_cost_with_custom_costs():
    cost = expected_cost([1, 1, 0], [0.9, 0.2, 0.6], 0.5, cost_missed=300, cost_offer=7)
    assert cost == 300 + 2 * 7


def test_expected_cost_threshold_is_inclusive():
    # proba == threshold gets an offer: 50, nobody missed.
    assert expected_cost([1], [0.5], threshold=0.5) == 50.0


def test_expected_cost_without_offers_loses_every_churner():
    assert expected_cost(Y, PROBA, threshold=0.95) == 2 * 500.0


def test_expected_cost_offering_everybody():
    assert expected_cost(Y, PROBA, threshold=0.0) == 3 * 50.0


def test_expected_cost_rejects_invalid_inputs():
    with pytest.raises(ValueError):
        expected_cost([0, 2], [0.1, 0.2], 0.5)
    with pytest.raises(ValueError):
        expected_cost([0, 1], [0.1, 1.2], 0.5)


def test_best_threshold_with_default_costs():
    # 0.9: 50 + 1000; 0.5: 100 + 500; 0.4: 150. Offering all three is cheapest.
    assert best_threshold(Y, PROBA) == 0.4


def test_best_threshold_follows_cost_missed():
    # A lost customer worth only 10: 0.9 costs 50 + 20, 0.5 costs 110, 0.4 costs 150.
    assert best_threshold(Y, PROBA, cost_missed=10) == 0.9


def test_best_threshold_ties_go_to_the_highest_threshold():
    # Nobody churns: every offer is wasted, and the highest threshold makes the fewest.
    assert best_threshold([0, 0, 0], [0.3, 0.3, 0.3]) == 0.3
    # 0.8 costs an offer and a miss (50 + 50), 0.3 two offers (100): the higher one wins.
    assert best_threshold([0, 1], [0.8, 0.3], cost_missed=50, cost_offer=50) == 0.8


def test_best_threshold_is_a_probability_with_the_lowest_cost():
    rng = np.random.default_rng(3)
    proba = rng.random(300).round(2)
    y = (rng.random(300) < proba).astype(int)
    best = best_threshold(y, proba)
    assert best in set(proba.tolist())
    assert expected_cost(y, proba, best) == min(expected_cost(y, proba, t) for t in proba)


def test_savings_against_no_offer():
    assert savings([1, 1, 0], [0.9, 0.2, 0.6], threshold=0.5) == 1000.0 - 600.0


def test_savings_can_be_negative():
    # Offers to all three (150), nobody churns: nothing to save.
    assert savings([0, 0, 0], [0.9, 0.8, 0.7], threshold=0.5) == -150.0




