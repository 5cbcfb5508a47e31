"""Hidden checks for 6.4: every column of comparison, not only max_coef_diff, comes from
fit_glm's fits.

The notebook runs again with fit_glm's coefficients, standard errors and deviance each moved
by amounts drawn from GRADER_SEED (grader/week06/ref_notebook.py). Honest differences are
below 1e-6, so max_coef_diff and max_se_diff then read the amounts the judge chose, and
deviance_diff moves; a column typed in by hand stays where it was.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week06.test_paper_to_code import (
    FAMILIES,
    expect_calls_cover_families,
    expect_comparison,
    moved_run,
    moved_table,
    public,
)

CATEGORY = "shows numbers that do not all come from fit_glm (typed in?)"


@milestone("6.4", category=CATEGORY)
def test_every_column_follows_fit_glm(week, seed):
    old = expect_comparison(public(week)["comparison"])
    rng = np.random.default_rng([seed, 64])
    coef, se, dev = (float(v) for v in np.round(rng.uniform(5e-4, 5e-3, size=3), 6))
    moved = moved_run(week, {"coef": coef, "standard_errors": se, "deviance": dev})
    expect_calls_cover_families(moved)
    table = moved_table(moved)
    for column, delta in (("max_coef_diff", coef), ("max_se_diff", se)):
        off = [f for f in FAMILIES if column not in table
               or abs(table.loc[f, column] - delta) > old.loc[f, column] + 1e-9]
        expect(not off, f"comparison's {column} does not follow fit_glm's fits",
               expected=f"about {delta:g} with every fit moved by {delta:g}",
               got=", ".join(f"{f} {table.loc[f, column]:.3g}" if column in table else f
                             for f in off))
    still = [f for f in FAMILIES if "deviance_diff" not in table
             or abs(table.loc[f, "deviance_diff"] - old.loc[f, "deviance_diff"]) <= 1e-12]
    expect(not still, "comparison's deviance_diff does not follow fit_glm's fits",
           expected=f"another value once every deviance moved by {dev:g}",
           got="unchanged for " + ", ".join(still))
