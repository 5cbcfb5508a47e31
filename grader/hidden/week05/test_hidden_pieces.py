"""Hidden checks for milestone 5.1: the pieces on data of a shape the learner never saw.

Rows, features and coefficients drawn from the grader's seed; logits far beyond the public
ones (up to 1e6, and +-inf, in a 2-D array). A piece that assumed 3 features, or a sigmoid
that is quiet only at the public logits, fails here; so does a gradient whose y - p rounds
to 0 past eta = 37.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import milestone
from grader.week05.test_pieces import (
    expect_finite_at,
    expect_gradient,
    expect_gradient_keeps_tiny_residuals,
    expect_hessian,
    expect_log_likelihood,
    expect_sigmoid,
    extreme_beta,
    seeded_problem,
    signed_rows,
)

SHAPE = "fails on data of another shape"
EXTREME = "is unstable at extreme logits it has not seen"


def shaped(seed: int):
    rng = np.random.default_rng(seed)
    n, p = int(rng.integers(15, 300)), int(rng.integers(1, 9))
    return seeded_problem(seed + 1, n=n, p=p, scale=float(rng.uniform(0.1, 1.5)))


@milestone("5.1", category=SHAPE)
def test_log_likelihood_on_seeded_shapes(week, seed):
    X, y, beta = shaped(seed)
    expect_log_likelihood(week, X, y, beta, f"X of shape {X.shape}")


@milestone("5.1", category=SHAPE)
def test_gradient_and_hessian_on_seeded_shapes(week, seed):
    X, y, beta = shaped(seed)
    expect_gradient(week, X, y, beta, f"X of shape {X.shape}")
    expect_hessian(week, X, beta, f"X of shape {X.shape}")


@milestone("5.1", category=EXTREME)
def test_sigmoid_at_seeded_extreme_logits(week, seed):
    rng = np.random.default_rng(seed)
    z = rng.choice([-1.0, 1.0], 10) * 10 ** rng.uniform(2.5, 6.0, 10)
    z = np.concatenate([z, [np.inf, -np.inf]])
    expect_sigmoid(week, rng.permutation(z).reshape(3, 4), "extreme logits of shape (3, 4)")


@milestone("5.1", category=EXTREME)
def test_log_likelihood_and_gradient_at_seeded_extreme_logits(week, seed):
    rng = np.random.default_rng(seed)
    X, y = signed_rows(seed, n=int(rng.integers(10, 60)), p=int(rng.integers(1, 5)))
    size = float(10 ** rng.uniform(2.9, 5.0))
    expect_finite_at(week, X, y, extreme_beta(X, size), f"|eta| >= {size:.0f} on every row")


@milestone("5.1", category=EXTREME)
def test_gradient_at_seeded_large_logits(week, seed):
    rng = np.random.default_rng(seed + 3)
    X, _ = signed_rows(seed + 3, n=int(rng.integers(10, 60)), p=int(rng.integers(1, 5)))
    size = float(rng.uniform(38.0, 200.0))
    expect_gradient_keeps_tiny_residuals(week, X, extreme_beta(X, size),
                                         f"|eta| >= {size:.0f} on every row")
