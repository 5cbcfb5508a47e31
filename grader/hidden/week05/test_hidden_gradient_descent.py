"""Hidden checks for milestone 5.2: gradient descent on seeded rows, rates and tolerances.

A descent that hard-codes the public settings, or stops by another rule, takes another number
of steps here; the coefficients after a seeded number of capped steps are exact.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import milestone
from grader.week05 import ref_logistic as ref
from grader.week05.test_gradient_descent import expect_cap, expect_descent

CATEGORY = "fails on other data, learning rates or tolerances"


@milestone("5.2", category=CATEGORY)
def test_descent_with_seeded_settings(week, seed):
    rng = np.random.default_rng(seed)
    X, y = ref.nice_data(seed, n=int(rng.integers(150, 500)), p=int(rng.integers(1, 6)))
    learning_rate = float(rng.choice([0.05, 0.2, 0.3]))
    tol = float(rng.choice([1e-5, 3e-6, 1e-6]))
    expect_descent(week, X, y, f"X of shape {X.shape}", learning_rate=learning_rate, tol=tol)


@milestone("5.2", category=CATEGORY)
def test_capped_descent_on_seeded_rows(week, seed):
    rng = np.random.default_rng(seed)
    X, y = ref.nice_data(seed + 1, n=int(rng.integers(100, 400)), p=int(rng.integers(2, 6)))
    expect_cap(week, X, y, int(rng.integers(3, 40)), f"X of shape {X.shape}")
