"""Hidden checks for 6.3: fit_visits on a table it never saw, rate_ratios on other names.

The table is a bootstrap resample of the randhie rows with a seeded subset of the other
columns, shuffled, and mdvis not in first place: a fit that hard-codes the nine names or
takes "every column after the first" gets other coefficients than statsmodels.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import milestone
from grader.week06 import ref_glm
from grader.week06.test_visits import expect_rate_ratios, expect_visits_fit

CATEGORY = "fails on a resampled table laid out differently"


@milestone("6.3", category=CATEGORY)
def test_resampled_rows_and_columns(week, seed):
    rng = np.random.default_rng([seed, 63])
    table = ref_glm.resample(int(rng.integers(2**31)), n_rows=int(rng.integers(3000, 8000)),
                             n_columns=int(rng.integers(4, 8)))
    expect_visits_fit(week, table, "a resample of randhie", key=f"resample {seed}")


@milestone("6.3", category="fails on names and coefficients it has not seen")
def test_rate_ratios_for_other_names(week, seed):
    rng = np.random.default_rng([seed, 631])
    k = int(rng.integers(2, 9))
    names = [f"x{i}_{int(rng.integers(100))}" for i in range(k)]
    expect_rate_ratios(week, rng.normal(0, 0.5, size=k + 1), names)
