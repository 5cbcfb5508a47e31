"""Hidden checks for milestone 5.3: IRLS on seeded data of other shapes.

statsmodels' answer on rows the learner never saw (coefficients, standard errors, deviance),
separable classes (with a gap, and without one) and one-hot columns drawn from the grader's
seed.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week05 import ref_logistic as ref
from grader.week05.ref_fits import expect_stopped_at_cap, run_fit
from grader.week05.test_irls import (
    expect_coefficients,
    expect_separable_without_gap,
    one_value,
)

SHAPE = "fails on data of another shape"
TRAPS = "fails on separable classes or one-hot columns"


def shaped(seed: int):
    rng = np.random.default_rng(seed)
    return ref.classification_data(seed, n=int(rng.integers(150, 500)),
                                   p=int(rng.integers(2, 7)))


@milestone("5.3", category=SHAPE)
def test_coefficients_on_seeded_shapes(week, seed):
    X, y = shaped(seed)
    got = run_fit(week, "fit_irls", X, y, what=f"X of shape {X.shape}")
    expect_coefficients(got["coef"], ref.statsmodels_fit(X, y).coef, X, y,
                        "statsmodels' GLM Binomial fit", 1e-6)


@milestone("5.3", category=SHAPE)
def test_standard_errors_and_deviance_on_seeded_shapes(week, seed):
    X, y = shaped(seed + 1)
    lib = ref.statsmodels_fit(X, y)
    se = one_value(week, "standard_errors", [lib.coef, X], (X.shape[1] + 1,))
    expect(bool(np.allclose(se, lib.bse, rtol=1e-6, atol=0.0)),
           "standard_errors differs from statsmodels' bse", expected=str(lib.bse), got=str(se))
    dev = float(one_value(week, "deviance", [lib.coef, X, y], ()))
    expect(bool(np.isclose(dev, lib.deviance, rtol=1e-9, atol=0.0)),
           "deviance differs from statsmodels'", expected=str(lib.deviance), got=str(dev))


@milestone("5.3", category=TRAPS)
def test_seeded_separable_classes(week, seed):
    rng = np.random.default_rng(seed)
    X, y = ref.separable_data(seed, n=int(rng.integers(20, 120)))
    max_iter = int(rng.integers(20, 60))
    got = run_fit(week, "fit_irls", X, y, what="separable classes", max_iter=max_iter)
    expect_stopped_at_cap(got, f"fit_irls(X, y, max_iter={max_iter})", max_iter,
                          "the classes are perfectly separable")


@milestone("5.3", category=TRAPS)
def test_seeded_separable_classes_without_a_gap(week, seed):
    rng = np.random.default_rng(seed + 2)
    X, y = ref.separable_without_gap(seed, n=int(rng.integers(300, 1500)),
                                     p=int(rng.integers(2, 7)))
    expect_separable_without_gap(week, X, y, f"separable classes, X of shape {X.shape}")


@milestone("5.3", category=TRAPS)
def test_seeded_one_hot_columns(week, seed):
    rng = np.random.default_rng(seed)
    X, y = ref.one_hot_data(seed, n=int(rng.integers(150, 400)), levels=int(rng.integers(2, 6)))
    got = run_fit(week, "fit_irls", X, y, what="one-hot columns adding up to the intercept",
                  on_error="fit_irls failed on one-hot columns")
    proba = ref.sigmoid(ref.eta_of(got["coef"], X))
    expected = ref.statsmodels_probabilities(X, y)
    expect(got["converged"] is True and bool(np.allclose(proba, expected, atol=1e-6)),
           "fit_irls's probabilities differ from statsmodels' on one-hot columns",
           expected="the same probabilities, converged", got=f"converged={got['converged']}")
