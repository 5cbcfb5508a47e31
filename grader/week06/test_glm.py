"""Milestone 6.2: one IRLS (Nelder & Wedderburn, 1972) fits Binomial, Poisson and Gaussian.

The learner's ``fit_glm`` runs in the sandbox on simulated rows (grader/week06/ref_glm.py)
with the judge's own family objects (grader/week06/ref_families.py, derived from the
learner's ``families.Family`` base so its given helpers are there): a slip in families.py
fails milestone 6.1, not this one. statsmodels' GLM on the same rows is the judge: coef,
standard errors, deviance and scale within 1e-6, converged within a handful of iterations
(statsmodels' count + 10: the results are checked, not the stopping rule, so a relative-change
rule passes too). Simulated data also has known true coefficients, which a correct fit
recovers within 4 standard errors.

Common slips get their own Fix line: a LinAlgError or nan coefficients (weights not taken
from the family), coefficients all about half statsmodels' (eta missing from the working
response), a Gaussian scale of 1 (isinstance on the learner's class instead of scale_known).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.engine.checks import CheckFailed, describe, expect, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.week06 import ref_glm
from grader.week06.ref_glm import CLASS_NAMES, TOL, Simulated

FAMILIES_SOURCE = (Path(__file__).with_name("ref_families.py")).read_text(encoding="utf-8")

#: Runs in the kernel: the judge's families, the learner's fit_glm, the fields it returned.
#: Inputs: X, y, family (lower-case name), options (keyword arguments for fit_glm).
FIT = FAMILIES_SOURCE + '''
import warnings as _warnings
import families as _learner_families
import glm as _glm

def _judge_family(name):
    base = getattr(_learner_families, "Family", object)
    try:
        return build(base if isinstance(base, type) else object)[name]()
    except TypeError:  # a base that wants arguments or declares other abstract methods
        return build(object)[name]()

with _warnings.catch_warnings(record=True) as _caught:
    _warnings.simplefilter("always")
    _fit = _glm.fit_glm(X, y, _judge_family(family), **options)
result = {
    "type": type(_fit).__name__,
    "fields": {k: getattr(_fit, k) for k in FIELDS if hasattr(_fit, k)},
    "warnings": [[w.category.__name__, str(w.message)[:160]] for w in _caught],
}
'''
FIT_FIELDS = ("coef", "standard_errors", "deviance", "scale", "n_iter", "converged")

PUBLIC = {"binomial": (400, 3, 6), "poisson": (400, 3, 7), "gaussian": (400, 3, 8)}
LARGE = {"binomial": (5000, 4, 16), "poisson": (5000, 4, 17), "gaussian": (5000, 4, 18)}
NAMES = tuple(PUBLIC)
#: IRLS is Newton's method here: statsmodels needs 3 to 6 iterations on these rows.
MAX_EXTRA_ITERATIONS = 10


def call_text(family: str, options: dict[str, Any] | None = None) -> str:
    extra = "".join(f", {k}={v!r}" for k, v in (options or {}).items())
    return f"fit_glm(X, y, {CLASS_NAMES[family]}(){extra})"


def learner_fit(week, data: Simulated, options: dict[str, Any] | None = None,
                key: str = "") -> dict[str, Any]:
    """The learner's fit_glm on `data` with the judge's family; its fields as plain data."""
    options = options or {}
    label = f"{call_text(data.family, options)} on {data.describe()}"

    def run() -> dict[str, Any]:
        try:
            return week.run_snippet(FIT, target="glm.fit_glm", label=label, X=data.X, y=data.y,
                                    family=data.family, options=options, FIELDS=list(FIT_FIELDS))
        except LearnerFault as fault:
            _explain_interface(fault, data.family)
            _explain_not_finite(fault, data.family)
            raise

    got = week.once(key or label, run) if key else run()
    current.where = f"{week.shown_as}/glm.py::fit_glm"
    current.checking = label
    expect(got["type"] == "GLMFit" and len(got["fields"]) == len(FIT_FIELDS),
           "fit_glm should return glm.GLMFit(coef, standard_errors, deviance, scale, n_iter, "
           "converged), the dataclass given in glm.py",
           expected="GLMFit with all six fields",
           got=f"{got['type']} with {', '.join(got['fields']) or 'none of them'}")
    return got


def _explain_interface(fault: LearnerFault, family: str) -> None:
    """An AttributeError on the judge's family: fit_glm used something outside the contract."""
    if fault.ename == "AttributeError" and f"'{CLASS_NAMES[family]}' object" in fault.evalue:
        raise CheckFailed(
            f"fit_glm asked the family for something families.py does not promise "
            f"({fault.evalue})", expected="only family.name, scale_known, link, inverse_link, "
            "link_derivative, variance, deviance (and the given starting_mu of Family)",
            got="\n".join(fault.frames[-2:]) or fault.evalue,
            lines=["Why       the judge fits with its own family objects, so that 6.2 is "
                   "graded apart from 6.1: keep fit_glm to the Family interface"]) from None


#: The Fix line for weights or working responses that went nan or inf.
FROM_THE_FAMILY = ("Fix       the weights must come from the family passed in: w = 1 / (g'(mu)^2 "
                   "V(mu)) and z = eta + (y - mu) g'(mu), with family.link_derivative and "
                   "family.variance (hard-coded Binomial weights mu (1 - mu) are negative "
                   "wherever mu > 1)")


def _explain_not_finite(fault: LearnerFault, family: str) -> None:
    """lstsq's LinAlgError: the weighted rows held nan or inf, which the family never gives."""
    if fault.ename == "LinAlgError":
        where = fault.frames[-1] if fault.frames else "fit_glm"
        raise CheckFailed(
            f"fit_glm on {family} data raised LinAlgError: the weighted least squares got nan "
            "or inf, so some weights or working responses are not finite numbers",
            expected="finite weights w > 0 and a finite z on every row",
            got=f"LinAlgError: {fault.evalue}\nat {where}", lines=[FROM_THE_FAMILY]) from None


def as_vector(value: Any, what: str, length: int, family: str) -> np.ndarray:
    expect(type(value).__name__ == "ndarray" and value.dtype.kind in "fiu",
           f"GLMFit.{what} should be a NumPy array of floats", expected=f"ndarray of shape "
           f"({length},)", got=describe(value))
    if value.shape != (length,):
        hint = ""
        if value.shape == (length - 1,):
            hint = (": one entry short. X has no intercept column; fit_glm adds one "
                    "(np.column_stack([np.ones(n), X])) and coef[0] is the intercept")
        raise CheckFailed(f"GLMFit.{what} has the wrong shape for {family} data with "
                          f"{length - 1} columns{hint}", expected=f"shape ({length},): the "
                          "intercept, then one per column of X", got=describe(value))
    return value.astype(float)


def as_number(value: Any, what: str) -> float:
    if type(value).__name__ == "ndarray" and value.shape in ((), (1,)):
        value = value.ravel()[0]
    expect(isinstance(value, (int, float, np.integer, np.floating))
           and not isinstance(value, (bool, np.bool_)),
           f"GLMFit.{what} should be one number", expected="a float", got=describe(value))
    return float(value)


def expect_vector_close(got: np.ndarray, want: np.ndarray, *, what: str, family: str,
                        explain: str, fix: str) -> None:
    bad = ~np.isclose(got, want, rtol=TOL, atol=TOL)
    if not bad.any():
        return
    rows = [f"[{i}] expected {want[i]:.9g}, got {got[i]:.9g}" for i in np.flatnonzero(bad)[:3]]
    lines = [f"Fix       {fix}"]
    ratio = common_ratio(got, want)
    if what == "coef" and ratio is not None and 0.2 <= ratio <= 0.8:
        lines = [f"Fix       your coefficients are about {ratio:.2f} times statsmodels', every "
                 "one of them: is eta in the working response, z = eta + (y - mu) g'(mu)? "
                 "Without it each fit finds only the step from the last coefficients"]
    raise CheckFailed(f"fit_glm on {family} data: {what} differs from statsmodels' in "
                      f"{bad.sum()} of {bad.size} entries", expected=explain,
                      got="\n".join(rows), lines=lines)


def common_ratio(got: np.ndarray, want: np.ndarray) -> float | None:
    """got / want when every entry (away from 0) is about the same multiple, else None."""
    keep = np.abs(want) > 0.05
    if keep.sum() < 2:
        return None
    ratios = got[keep] / want[keep]
    middle = float(np.median(ratios))
    return middle if np.all(np.abs(ratios - middle) <= 0.1 * abs(middle)) else None


def expect_finite(coef: np.ndarray, family: str) -> None:
    if not np.all(np.isfinite(coef)):
        raise CheckFailed(f"fit_glm on {family} data returned coefficients that are not finite "
                          "numbers", expected="finite coefficients, as statsmodels' params",
                          got=np.array2string(coef, precision=4), lines=[FROM_THE_FAMILY])


def expect_matches_statsmodels(week, data: Simulated, key: str = "",
                               options: dict[str, Any] | None = None) -> dict[str, Any]:
    """coef, standard errors, deviance and scale within 1e-6 of statsmodels' GLM."""
    got = learner_fit(week, data, options, key=key)
    ref = ref_glm.statsmodels_fit(data.X, data.y, data.family, **(options or {}))
    fields, family = got["fields"], data.family
    name = CLASS_NAMES[family]
    sm_call = ref_glm.statsmodels_call(family)
    k = data.X.shape[1] + 1
    coef = as_vector(fields["coef"], "coef", k, family)
    expect_finite(coef, family)
    uses_family = (f"take the link, its derivative and the variance from the {name} object "
                   "passed in (a hard-coded logit fits only Binomial data): "
                   "z = eta + (y - mu) g'(mu), w = 1 / (g'(mu)^2 V(mu))")
    expect_vector_close(coef, ref["coef"], what="coef", family=family,
                        explain=f"{sm_call}.params (within {TOL:g})",
                        fix=uses_family if family != "binomial" else
                        "z = eta + (y - mu) g'(mu), w = 1 / (g'(mu)^2 V(mu)), then lstsq on "
                        "sqrt(w) * X~ and sqrt(w) * z; repeat until the deviance settles")
    deviance = as_number(fields["deviance"], "deviance")
    expect(abs(deviance - ref["deviance"]) <= TOL * (1 + abs(ref["deviance"])),
           f"fit_glm on {family} data: the deviance differs from statsmodels'",
           expected=f"{ref['deviance']:.9g} ({sm_call}.deviance: family.deviance(y, mu) at "
           "the fitted means, not divided by the scale)", got=f"{deviance:.9g}")
    scale = as_number(fields["scale"], "scale")
    if abs(scale - ref["scale"]) > TOL * (1 + abs(ref["scale"])):
        why = ("Gaussian: the scale is unknown (scale_known False), so estimate it: Pearson "
               "chi2 / (n - p - 1) = sum((y - mu)^2 / V(mu)) / (n - p - 1)"
               if family == "gaussian" else f"{name}: the scale is known, 1.0")
        lines = [f"Fix       {why}"]
        if family == "gaussian" and scale == 1.0:
            lines.append("Why       1? The grader passes its own family objects (built on "
                         "your Family base class), so isinstance(family, Gaussian) is False: "
                         "use family.scale_known, not isinstance")
        raise CheckFailed(f"fit_glm on {family} data: the scale differs from statsmodels'",
                          expected=f"{ref['scale']:.9g} ({sm_call}.scale)", got=f"{scale:.9g}",
                          lines=lines)
    se = as_vector(fields["standard_errors"], "standard_errors", k, family)
    expect_vector_close(se, ref["standard_errors"], what="standard_errors", family=family,
                        explain=f"{sm_call}.bse (within {TOL:g})",
                        fix="sqrt(scale * diag(inv(X~^T W X~))), W the weights of the last "
                        "weighted least-squares fit (statsmodels' choice; the weights at the "
                        "final means differ by ~1e-9 and pass too)"
                        + (", scale the Pearson estimate" if family == "gaussian" else ""))
    return {"got": got, "ref": ref}


def expect_converged_quickly(got: dict[str, Any], ref: dict[str, Any], family: str) -> None:
    fields = got["fields"]
    converged, n_iter = fields["converged"], fields["n_iter"]
    expect(isinstance(converged, (bool, np.bool_)) and bool(converged),
           f"fit_glm on {family} data should report converged=True: statsmodels converges "
           f"in {ref['n_iter']} iterations", expected="converged=True", got=describe(converged))
    expect(isinstance(n_iter, (int, np.integer)) and not isinstance(n_iter, bool),
           "GLMFit.n_iter should be the number of IRLS iterations (an int)",
           expected="an int such as 5", got=describe(n_iter))
    limit = ref["n_iter"] + MAX_EXTRA_ITERATIONS
    expect(1 <= n_iter <= limit, f"fit_glm on {family} data took {n_iter} iterations where "
           f"statsmodels needs {ref['n_iter']}: IRLS is Newton's method and settles in a "
           "handful", expected=f"n_iter between 1 and {limit}", got=f"n_iter={n_iter}",
           )
    if n_iter > limit:  # pragma: no cover - expect above raised
        return


def public_data(family: str) -> Simulated:
    n, p, seed = PUBLIC[family]
    return ref_glm.simulate(family, n, p, seed)


@pytest.mark.parametrize("family", NAMES)
@milestone("6.2")
def test_fit_matches_statsmodels(week, family):
    expect_matches_statsmodels(week, public_data(family), key=f"public {family}")


@pytest.mark.parametrize("family", NAMES)
@milestone("6.2")
def test_converges_in_a_handful_of_iterations(week, family):
    data = public_data(family)
    got = learner_fit(week, data, key=f"public {family}")
    ref = ref_glm.statsmodels_fit(data.X, data.y, family)
    try:
        expect_converged_quickly(got, ref, family)
    except CheckFailed as failed:
        if got["fields"]["n_iter"] == 100:
            failed.lines.append("Fix       stop when |deviance change| <= tol, as "
                                "statsmodels' GLM.fit(tol=...) does; 100 is only the cap")
        raise
    warned = [w for w in got["warnings"] if w[0] == "ConvergenceWarning"]
    expect(not warned, f"fit_glm on {family} data warned ConvergenceWarning although it "
           "converged", expected="no ConvergenceWarning", got=warned[0][1] if warned else "")


@milestone("6.2")
def test_warns_at_the_iteration_cap(week):
    data = public_data("binomial")
    options = {"max_iter": 1}
    got = learner_fit(week, data, options)
    fields = got["fields"]
    warned = [w for w in got["warnings"] if w[0] == "ConvergenceWarning"]
    expect(bool(warned), "fit_glm(..., max_iter=1) stops before converging and should say "
           "so with a ConvergenceWarning", expected="warnings.warn(..., ConvergenceWarning) "
           "(statsmodels.tools.sm_exceptions or sklearn.exceptions)",
           got=", ".join(w[0] for w in got["warnings"]) or "no warning")
    expect(isinstance(fields["converged"], (bool, np.bool_)) and not fields["converged"],
           "fit_glm(..., max_iter=1) should report converged=False", expected="converged=False",
           got=describe(fields["converged"]))
    expect(fields["n_iter"] == 1, "fit_glm(..., max_iter=1) should stop after one iteration",
           expected="n_iter=1", got=describe(fields["n_iter"]))
    coef = as_vector(fields["coef"], "coef", data.X.shape[1] + 1, "binomial")
    expect(bool(np.all(np.isfinite(coef))), "fit_glm(..., max_iter=1) should return the "
           "first iterate's coefficients", expected="finite numbers", got=describe(coef))


@milestone("6.2")
def test_recovers_the_true_coefficients(week):
    for family, (n, p, seed) in LARGE.items():
        data = ref_glm.simulate(family, n, p, seed)
        expect_recovered(week, data, limit=4.0)


def expect_recovered(week, data: Simulated, limit: float) -> None:
    """The learner's coef within `limit` statsmodels standard errors of the true beta."""
    got = learner_fit(week, data)
    ref = ref_glm.statsmodels_fit(data.X, data.y, data.family)
    coef = as_vector(got["fields"]["coef"], "coef", data.X.shape[1] + 1, data.family)
    z = np.abs(coef - data.beta) / ref["standard_errors"]
    worst = int(np.argmax(z))
    expect(bool(np.all(z <= limit)), f"fit_glm on {data.describe()} of {data.family} data "
           f"misses the coefficients the data were simulated with by more than {limit:g} "
           "standard errors", expected=f"coef[{worst}] near {data.beta[worst]:.4f} "
           f"(± {limit:g} x {ref['standard_errors'][worst]:.4f})",
           got=f"coef[{worst}] = {coef[worst]:.4f}, {z[worst]:.1f} standard errors away")
