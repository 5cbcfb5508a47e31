"""Hidden checks for 6.1: the families on means drawn from GRADER_SEED, in other shapes.

Probabilities from 0.001 to 0.999, count means from 0.001 to 1000 (log-uniform), Gaussian
means of any sign; responses drawn from each family at those means (so Poisson rows with
y = 0 and Binomial rows with y in {0, 1} appear in every draw). statsmodels is the judge.
"""

from __future__ import annotations

import numpy as np
import pytest

from grader.engine.checks import CheckFailed, milestone
from grader.week06.test_families import (
    NAMES,
    deviance,
    expect_close,
    method,
    statsmodels_family,
)

CATEGORY = "fails on means it has not seen"


def draw(name: str, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Means, linear predictors and responses for `name`, in a seeded 1-D or 2-D shape."""
    rng = np.random.default_rng([seed, NAMES.index(name)])
    shape = (int(rng.integers(20, 60)),) if rng.random() < 0.5 else (
        int(rng.integers(3, 8)), int(rng.integers(3, 8)))
    if name == "Binomial":
        mu = rng.uniform(0.001, 0.999, size=shape)
        eta = rng.uniform(-12, 12, size=shape)
        y = (rng.random(shape) < mu).astype(float)
    elif name == "Poisson":
        mu = np.exp(rng.uniform(np.log(1e-3), np.log(1e3), size=shape))
        eta = rng.uniform(-8, 8, size=shape)
        y = rng.poisson(mu).astype(float)
    else:
        mu = rng.normal(0, 10, size=shape)
        eta = rng.normal(0, 10, size=shape)
        y = mu + rng.normal(0, 2, size=shape)
    return mu, eta, y


@pytest.mark.parametrize("name", NAMES)
@milestone("6.1", category=CATEGORY)
def test_unseen_means_match_statsmodels(week, name, seed):
    mu, eta, y = draw(name, seed)
    for value, label in ((mu, "mu"), (eta, "eta"), (y, "y")):
        week.label(value, label)
    sm_family = statsmodels_family(name)
    expected = {"link": sm_family.link(mu), "link_derivative": sm_family.link.deriv(mu),
                "variance": sm_family.variance(mu)}
    for method_name, want in expected.items():
        got = method(week, name, method_name, mu)
        expect_close(got.ravel(), np.asarray(want).ravel(), what=f"{name}.{method_name}(mu)",
                     inputs=mu.ravel(), input_name="mu", rtol=1e-8,
                     explain=f"statsmodels' sm.families.{name}() on the same means")
    got = method(week, name, "inverse_link", eta, argnames="eta")
    expect_close(got.ravel(), np.asarray(sm_family.link.inverse(eta)).ravel(),
                 what=f"{name}.inverse_link(eta)", inputs=eta.ravel(), input_name="eta",
                 rtol=1e-8, explain=f"statsmodels' sm.families.{name}().link.inverse(eta)")
    got_dev = deviance(week, name, y, mu)
    want_dev = float(sm_family.deviance(y, mu))
    if not abs(got_dev - want_dev) <= 1e-8 * (1 + abs(want_dev)):
        raise CheckFailed(f"{name}.deviance(y, mu) is off", expected=f"{want_dev:.9g}",
                          got=repr(got_dev))
