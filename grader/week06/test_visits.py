"""Milestone 6.3: doctor visits in the RAND Health Insurance Experiment, as a Poisson GLM.

statsmodels ships the table (``statsmodels.datasets.randhie``) and is the judge: the judge
hands the learner's ``fit_visits`` its own copy of the table and compares coef, standard
errors and deviance with ``sm.GLM(mdvis, add_constant(others), family=Poisson()).fit()``.
``rate_ratios`` is judged on a GLMFit the judge builds with coefficients it chose, and again
on the learner's own fit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import (
    CheckFailed,
    Handle,
    describe,
    expect,
    expect_columns,
    expect_equal,
    expect_type,
    milestone,
)
from grader.engine.outcomes import current
from grader.week06 import ref_glm
from grader.week06.ref_glm import RESPONSE, TOL

#: Reads a GLMFit in the sandbox as plain data. Input: fit.
FIELDS = """
result = {"type": type(fit).__name__,
          "fields": {k: getattr(fit, k) for k in ("coef", "standard_errors", "deviance",
                                                  "scale", "n_iter", "converged")
                     if hasattr(fit, k)}}
"""

#: Builds a GLMFit with the judge's coefficients and calls rate_ratios. Inputs: coef, names.
RATE_RATIOS = """
import numpy as np
from glm import GLMFit
import visits
fit = GLMFit(coef=coef, standard_errors=np.full(len(coef), 0.1), deviance=1.0, scale=1.0,
             n_iter=4, converged=True)
result = visits.rate_ratios(fit, names)
"""

SM_CALL = ("sm.GLM(table[\"mdvis\"], sm.add_constant(table.drop(columns=\"mdvis\")), "
           "family=sm.families.Poisson()).fit()")


def fit_visits(week, table: pd.DataFrame, label: str, key: str) -> tuple[Handle, dict[str, Any]]:
    """The learner's fit_visits(table) (once per key): the fit handle and its fields."""
    week.label(table, label)

    def run() -> tuple[Any, Any]:
        fit = week.call("visits.fit_visits", table)
        if not isinstance(fit, Handle):
            return fit, None
        return fit, week.run_snippet(FIELDS, label=f"the GLMFit of fit_visits({label})",
                                     fit=fit)

    fit, fields = week.once(key, run)
    current.where = f"{week.shown_as}/visits.py::fit_visits"
    current.checking = f"fit_visits({label})"
    expect(isinstance(fit, Handle) and fields["type"] == "GLMFit" and len(fields["fields"]) == 6,
           "fit_visits should return the GLMFit that fit_glm returns",
           expected="GLMFit(coef, standard_errors, deviance, scale, n_iter, converged)",
           got=describe(fit) if not isinstance(fit, Handle) else f"a {fields['type']}")
    return fit, fields["fields"]


def expect_visits_fit(week, table: pd.DataFrame, label: str, key: str) -> dict[str, Any]:
    """fit_visits(table) matches statsmodels' Poisson GLM of mdvis on the other columns."""
    _, fields = fit_visits(week, table, label, key)
    ref = ref_glm.visits_fit(table)
    others = [c for c in table.columns if c != RESPONSE]
    coef = fields["coef"]
    expect(type(coef).__name__ == "ndarray" and coef.shape == ref["coef"].shape,
           f"fit_visits({label}): coef should hold the intercept and one coefficient per "
           f"column other than mdvis ({len(others)}: {', '.join(others)})",
           expected=f"ndarray of shape {ref['coef'].shape}", got=describe(coef))
    names = ["intercept", *others]
    bad = ~np.isclose(coef.astype(float), ref["coef"], rtol=TOL, atol=TOL)
    if bad.any():
        rows = [f"{names[i]}: expected {ref['coef'][i]:.6f}, got {coef[i]:.6f}"
                for i in np.flatnonzero(bad)[:3]]
        raise CheckFailed(f"fit_visits({label}): the coefficients differ from statsmodels' "
                          f"Poisson GLM in {bad.sum()} of {bad.size} entries",
                          expected=f"{SM_CALL}.params", got="\n".join(rows),
                          lines=["Fix       y = table[\"mdvis\"], X = every other column in "
                                 "the table's order, fit_glm(X, y, Poisson())"])
    se = fields["standard_errors"]
    expect(type(se).__name__ == "ndarray" and se.shape == ref["standard_errors"].shape
           and bool(np.allclose(se.astype(float), ref["standard_errors"], rtol=TOL, atol=TOL)),
           f"fit_visits({label}): the standard errors differ from statsmodels'",
           expected=f"{SM_CALL}.bse: {np.round(ref['standard_errors'][:3], 6).tolist()} ...",
           got=describe(se))
    deviance = fields["deviance"]
    expect(isinstance(deviance, (int, float, np.floating))
           and abs(float(deviance) - ref["deviance"]) <= TOL * (1 + ref["deviance"]),
           f"fit_visits({label}): the deviance differs from statsmodels'",
           expected=f"{ref['deviance']:.6f} ({SM_CALL}.deviance)", got=describe(deviance))
    return ref


@milestone("6.3")
def test_load_visits_returns_the_randhie_table(week):
    got = week.once("load_visits()", lambda: week.call("visits.load_visits"))
    want = ref_glm.randhie()
    expect_type(got, pd.DataFrame, "load_visits()")
    expect_columns(got, list(want.columns), "load_visits()")
    expect(list(got.columns) == list(want.columns), "load_visits() should keep statsmodels' "
           "column order (mdvis first)", expected=", ".join(want.columns),
           got=", ".join(map(str, got.columns)))
    expect(got.shape == want.shape, "load_visits() should return every row of randhie",
           expected=f"{want.shape[0]:,} rows", got=f"{got.shape[0]:,} rows")
    expect_equal(got, want, "load_visits()", rtol=0, atol=0,
                 explain="statsmodels.datasets.randhie.load_pandas().data, unchanged")


@milestone("6.3")
def test_fit_visits_matches_statsmodels(week):
    expect_visits_fit(week, ref_glm.randhie(), "randhie", key="fit_visits(randhie)")


@milestone("6.3")
def test_rate_ratios_are_exp_of_the_slopes(week):
    rng = np.random.default_rng(63)
    coef = rng.normal(0, 0.3, size=5)
    names = ["lncoins", "idp", "physlm", "disea"]
    expect_rate_ratios(week, coef, names)


def expect_rate_ratios(week, coef: np.ndarray, names: list[str]) -> None:
    got = week.run_snippet(RATE_RATIOS, target="visits.rate_ratios",
                           label=f"rate_ratios(GLMFit(coef={np.round(coef, 3).tolist()}), "
                           f"{names})", coef=coef, names=names)
    want = pd.Series(np.exp(coef[1:]), index=names)
    expect_type(got, pd.Series, "rate_ratios(fit, names)")
    expect(len(got) == len(names), "rate_ratios(fit, names) should have one entry per "
           "column, without the intercept", expected=f"{len(names)} entries: exp(coef[1:])",
           got=f"{len(got)} entries" + (" (coef[0], the intercept, included?)"
                                        if len(got) == len(coef) else ""))
    expect(list(got.index) == names, "rate_ratios(fit, names) should be indexed by names",
           expected=names, got=list(got.index)[:6])
    values = got.to_numpy(dtype=float)
    if np.allclose(values, coef[1:], rtol=1e-9, atol=1e-12):
        raise CheckFailed("rate_ratios returned the coefficients themselves: a Poisson "
                          "coefficient is a log rate ratio", expected="np.exp(fit.coef[1:])",
                          got=f"fit.coef[1:] = {np.round(values[:3], 4).tolist()} ...")
    expect(bool(np.allclose(values, want.to_numpy(), rtol=1e-9, atol=0)),
           "rate_ratios(fit, names) should be exp(coef[1:]): the factor by which the expected "
           "visits multiply when the column grows by one",
           expected=np.round(want.to_numpy()[:4], 6).tolist(),
           got=np.round(values[:4], 6).tolist())


@milestone("6.3")
def test_rate_ratios_of_the_visits_fit(week):
    table = ref_glm.randhie()
    fit, _ = fit_visits(week, table, "randhie", key="fit_visits(randhie)")
    names = [c for c in table.columns if c != RESPONSE]
    got = week.call("visits.rate_ratios", fit, names)
    ref = ref_glm.visits_fit(table)
    want = pd.Series(np.exp(ref["coef"][1:]), index=names)
    expect_type(got, pd.Series, "rate_ratios(fit_visits(randhie), names)")
    expect(list(got.index) == names and bool(np.allclose(got.to_numpy(dtype=float),
                                                         want.to_numpy(), rtol=TOL, atol=0)),
           "rate_ratios(fit_visits(randhie), names) should be exp of statsmodels' slopes",
           expected=", ".join(f"{k} {v:.4f}" for k, v in want.head(3).items()) + " ...",
           got=", ".join(f"{k} {float(v):.4f}" for k, v in got.head(3).items()) + " ...")
