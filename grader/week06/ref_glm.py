"""Judge-side references for week 6: simulated GLM data with known coefficients, statsmodels'
fits of it, and the RAND Health Insurance Experiment table.

statsmodels is the judge: ``sm.GLM(y, add_constant(X), family=sm.families.X()).fit()`` with
the same ``tol`` and ``max_iter`` the learner's ``fit_glm`` gets. Data are drawn here from a
seeded generator, so public checks see the same rows on every run and hidden checks rows
nobody has seen (``GRADER_SEED``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

#: Family names as the learner's classes spell them, by the lower-case name of the contract.
CLASS_NAMES = {"binomial": "Binomial", "poisson": "Poisson", "gaussian": "Gaussian"}
#: The fields of glm.GLMFit, in the contract's order.
FIELDS = ("coef", "standard_errors", "deviance", "scale", "n_iter", "converged")
#: "Matches statsmodels" means within this, absolute and relative (the milestone's 1e-6).
TOL = 1e-6


@dataclass(frozen=True)
class Simulated:
    """One simulated data set: X without an intercept column, y, and the true coefficients."""

    family: str
    X: np.ndarray
    y: np.ndarray
    beta: np.ndarray  # beta[0] is the intercept

    def describe(self) -> str:
        n, p = self.X.shape
        return f"{n} simulated rows, {p} column{'s' if p != 1 else ''}"


def simulate(family: str, n: int, p: int, seed: int, *, sigma: float = 1.5,
             intercept: float | None = None) -> Simulated:
    """n rows from a `family` GLM with p correlated, uncentred columns and known coefficients.

    Means stay in a well-behaved range (probabilities between about 0.05 and 0.95, counts
    around e^1), so statsmodels converges in a handful of iterations. `intercept` overrides
    the drawn one (a Poisson with large counts: intercept 6 means about 400 per row).
    """
    rng = np.random.default_rng(seed)
    # Columns correlated 0.3^|i - j| (well conditioned: no coefficient is a near-collinear
    # guess, so honest IRLS variants agree with statsmodels far inside 1e-6), not centred.
    lags = np.abs(np.subtract.outer(np.arange(p), np.arange(p)))
    X = rng.normal(size=(n, p)) @ np.linalg.cholesky(0.3**lags).T + rng.uniform(-1, 1, size=p)
    spread = {"binomial": 0.8, "poisson": 0.3, "gaussian": 2.0}[family] / np.sqrt(max(p, 1))
    slopes = rng.uniform(-spread, spread, size=p)
    slopes[np.abs(slopes) < spread / 10] = spread / 5  # no slope so small it hides in noise
    low, high = {"binomial": (-1.0, 1.0), "poisson": (0.5, 1.5), "gaussian": (-3.0, 3.0)}[family]
    beta = np.concatenate([[rng.uniform(low, high) if intercept is None else intercept],
                           slopes])
    eta = beta[0] + X @ beta[1:]
    if family == "binomial":
        y = (rng.uniform(size=n) < 1.0 / (1.0 + np.exp(-eta))).astype(float)
    elif family == "poisson":
        y = rng.poisson(np.exp(eta)).astype(float)
    else:
        y = eta + sigma * rng.normal(size=n)
    return Simulated(family, X, y, beta)


def design(X: np.ndarray) -> np.ndarray:
    """X with a column of ones in front (X~): coef[0] is the intercept."""
    return np.column_stack([np.ones(len(X)), X])


def statsmodels_fit(X: np.ndarray, y: np.ndarray, family: str, *, tol: float = 1e-8,
                    max_iter: int = 100) -> dict[str, Any]:
    """statsmodels' GLM on the same rows: the fields of GLMFit, as plain data."""
    import statsmodels.api as sm

    families = {"binomial": sm.families.Binomial, "poisson": sm.families.Poisson,
                "gaussian": sm.families.Gaussian}
    res = sm.GLM(y, design(X), family=families[family]()).fit(tol=tol, maxiter=max_iter)
    return {"coef": np.asarray(res.params, dtype=float),
            "standard_errors": np.asarray(res.bse, dtype=float),
            "deviance": float(res.deviance), "scale": float(res.scale),
            "n_iter": int(res.fit_history["iteration"]), "converged": bool(res.converged)}


def statsmodels_call(family: str, max_iter: int | None = None) -> str:
    """How a message names the judge's fit."""
    cap = f", maxiter={max_iter}" if max_iter is not None else ""
    return (f"sm.GLM(y, sm.add_constant(X), family=sm.families.{CLASS_NAMES[family]}())"
            f".fit({cap.lstrip(', ')})")


# --- 6.3: the RAND Health Insurance Experiment --------------------------------------------

RESPONSE = "mdvis"


@cache
def _randhie() -> pd.DataFrame:
    import statsmodels.api as sm

    return sm.datasets.randhie.load_pandas().data


def randhie() -> pd.DataFrame:
    """statsmodels' randhie table (20,190 rows, mdvis and 9 other columns), a fresh copy."""
    return _randhie().copy()


def visits_fit(table: pd.DataFrame) -> dict[str, Any]:
    """statsmodels' Poisson GLM of mdvis on every other column of `table`, in its order."""
    X = table.drop(columns=RESPONSE).to_numpy(dtype=float)
    return statsmodels_fit(X, table[RESPONSE].to_numpy(dtype=float), "poisson")


def resample(seed: int, *, n_rows: int = 6000, n_columns: int = 6) -> pd.DataFrame:
    """Rows drawn with replacement and a subset of the other columns, shuffled, mdvis among
    them (not first): a table the learner never saw, laid out differently."""
    rng = np.random.default_rng(seed)
    table = _randhie()
    others = [c for c in table.columns if c != RESPONSE]
    for _ in range(100):
        rows = rng.integers(0, len(table), size=n_rows)
        columns = list(rng.choice(others, size=n_columns, replace=False))
        columns.insert(int(rng.integers(1, n_columns + 1)), RESPONSE)
        sample = table.iloc[rows][columns].reset_index(drop=True)
        if (sample.drop(columns=RESPONSE).std() > 0).all():  # every column varies
            return sample
    raise RuntimeError("no resample with varying columns")  # pragma: no cover
