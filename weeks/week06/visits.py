# Starter generated from solutions/week06/visits.py by `make starters`.
# This file is yours: edit it.
"""Milestone 6.3: doctor visits in the RAND Health Insurance Experiment.

In the 1970s and early 1980s the RAND Corporation's Health Insurance Experiment assigned
thousands of American families at random to insurance plans that differed in how much of a
bill the patient paid (the coinsurance rate, 0% to 95%) and in deductibles. statsmodels ships
a 20,190-row extract (one row per person and year, used in Cameron and Trivedi, 2005,
*Microeconometrics: Methods and Applications*) in ``statsmodels.datasets.randhie``:

========  ====================================================================
mdvis     outpatient visits to a doctor that year (the count to explain)
lncoins   ln(coinsurance + 1), coinsurance between 0 and 100 (%)
idp       1 if the plan has an individual deductible
lpi       ln(max(1, annual participation incentive payment))
fmde      0 if idp = 1; ln(max(1, maximum expenditure / (0.01 coinsurance))) otherwise
physlm    1 if the person has a physical limitation
disea     number of chronic diseases
hlthg     1 if self-rated health is good
hlthf     1 if self-rated health is fair
hlthp     1 if self-rated health is poor (excellent health is the omitted level)
========  ====================================================================

A Poisson GLM with the log link says the expected number of visits is
``exp(coef[0] + coef[1] * lncoins + ...)``; ``exp(coef[j])`` is a **rate ratio**: the factor
by which the expected visits multiply when column j grows by one, the other columns held
fixed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import statsmodels.api as sm

from families import Poisson
from glm import GLMFit, fit_glm

#: The count to explain.
RESPONSE = "mdvis"


def load_visits() -> pd.DataFrame:
    """The randhie table as statsmodels ships it: 20,190 rows, ``mdvis`` and 9 other columns.

    Columns in statsmodels' order (``mdvis`` first); nothing dropped, renamed or converted.
    """
    raise NotImplementedError("Milestone 6.3: write load_visits")


def fit_visits(table: pd.DataFrame) -> GLMFit:
    """A Poisson GLM of ``mdvis`` on every other column of `table`, in the table's order.

    ``coef[0]`` is the intercept; ``coef[1:]`` follow the columns of `table` without
    ``mdvis``. Uses `glm.fit_glm` with `families.Poisson` (default tol and max_iter), so the
    figures match statsmodels' ``sm.GLM(y, sm.add_constant(X), family=Poisson()).fit()``.
    """
    raise NotImplementedError("Milestone 6.3: write fit_visits")


def rate_ratios(fit: GLMFit, names: Sequence[str]) -> pd.Series:
    """``exp(coef[1:])``, one per column, indexed by `names` (the intercept left out).

    A rate ratio of 1.2 for ``physlm`` reads: people with a physical limitation have 20% more
    doctor visits a year than people without one who are alike in every other column.
    """
    raise NotImplementedError("Milestone 6.3: write rate_ratios")
