"""Hidden checks for milestone 3.2: QuantileClipper on seeded data it was never tried on.

Another shape, other quantiles, heavy tails and missing values; then new rows from a wider
distribution, which must be clipped to what fit learned, not to their own quantiles.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import milestone
from grader.week03.test_transformer import expect_bounds, expect_clipped, fit_transform


def seeded_data(seed: int) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Heavy-tailed training rows with NaN, wider new rows, and random quantiles."""
    rng = np.random.default_rng(seed)
    n, d = int(rng.integers(120, 200)), int(rng.integers(4, 8))
    train = rng.lognormal(mean=3.0, sigma=1.0, size=(n, d)) * rng.choice([-1.0, 1.0], size=d)
    train[rng.random(train.shape) < 0.05] = np.nan
    new = rng.lognormal(mean=3.5, sigma=1.5, size=(40, d)) * np.sign(np.nanmean(train, axis=0))
    new[rng.random(new.shape) < 0.05] = np.nan
    lower, upper = float(rng.uniform(0.0, 0.2)), float(rng.uniform(0.8, 1.0))
    return train, new, round(lower, 3), round(upper, 3)


@milestone("3.2", category="fails on data of another shape")
def test_quantiles_on_seeded_data(week, seed):
    train, _, lower, upper = seeded_data(seed)
    got = fit_transform(week, train, lower=lower, upper=upper,
                        label=f"QuantileClipper(lower={lower}, upper={upper}).fit(X_train of "
                              f"shape {train.shape})")
    expect_bounds(got, train, lower, upper)


@milestone("3.2", category="learns from the rows it transforms")
def test_new_rows_use_the_training_quantiles(week, seed):
    train, new, lower, upper = seeded_data(seed)
    got = fit_transform(week, train, new, lower=lower, upper=upper,
                        label=f"QuantileClipper(lower={lower}, upper={upper}).fit(X_train)"
                              ".transform(X_new)")
    expect_clipped(got["out"], train, new, lower, upper, "transform(X_new)")
    one = fit_transform(week, train, new[:1], lower=lower, upper=upper,
                        label="QuantileClipper(...).fit(X_train).transform(one row)")
    expect_clipped(one["out"], train, new[:1], lower, upper, "transform of a single row")
