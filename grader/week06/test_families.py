"""Milestone 6.1: Binomial, Poisson and Gaussian give IRLS the four things it needs.

Each family object lives in the sandbox; the judge calls its methods on means it chose and
compares with statsmodels' own families (``sm.families.Poisson()``: ``link``,
``link.inverse``, ``link.deriv``, ``variance``, ``deviance``). Two things statsmodels cannot
vouch for are judged from first principles: the link derivative is the slope of the
learner's own link (central finite differences), and the edge means (a probability 1e-12
from 0 or 1, a count mean of 1e-12 or 1e-300) give finite numbers equal to exact formulas
(grader/week06/ref_families.py) wherever statsmodels does not clip.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pytest

from grader.engine.checks import CheckFailed, Handle, describe, expect, milestone
from grader.engine.outcomes import current
from grader.week06.ref_families import FAMILIES as EXACT

NAMES = ("Binomial", "Poisson", "Gaussian")

#: Means and linear predictors each family is judged on: ordinary values, both tails.
MU = {"Binomial": [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999],
      "Poisson": [0.001, 0.05, 0.5, 1.0, 2.0, 7.5, 20.0, 100.0, 1e4],
      "Gaussian": [-50.0, -3.2, -1.0, -0.1, 0.0, 0.4, 1.0, 7.0, 1e3]}
ETA = {"Binomial": [-30.0, -5.0, -1.0, -0.2, 0.0, 0.3, 2.0, 6.0, 30.0],
       "Poisson": [-10.0, -2.0, -0.5, 0.0, 0.7, 2.0, 4.6, 9.0, 20.0],
       "Gaussian": [-50.0, -3.2, -1.0, -0.1, 0.0, 0.4, 1.0, 7.0, 1e3]}
#: (y, mu) pairs for the deviance: y = 0 rows for Poisson, y in {0, 1} for Binomial.
DEVIANCE = {
    "Binomial": ([0, 1, 1, 0, 0, 1, 0, 1, 1, 0], [0.2, 0.7, 0.05, 0.9, 0.5, 0.5, 0.01, 0.99,
                                                    0.3, 0.6]),
    "Poisson": ([0, 0, 1, 3, 0, 7, 2, 0, 12, 1], [0.5, 2.0, 1.0, 2.5, 0.01, 9.0, 0.7, 4.0,
                                                   10.0, 1.3]),
    "Gaussian": ([1.5, -2.0, 0.0, 3.3, 10.0, -0.7, 2.2, 0.1, -5.0, 4.0],
                 [1.0, -1.0, 0.5, 3.0, 8.0, -1.2, 2.0, 0.0, -4.0, 4.5]),
}
SCALE_KNOWN = {"Binomial": True, "Poisson": True, "Gaussian": False}
FORMULAS = {
    "Binomial": {"link": "log(mu / (1 - mu))", "inverse_link": "1 / (1 + exp(-eta))",
                 "link_derivative": "1 / (mu (1 - mu))", "variance": "mu (1 - mu)"},
    "Poisson": {"link": "log(mu)", "inverse_link": "exp(eta)", "link_derivative": "1 / mu",
                "variance": "mu"},
    "Gaussian": {"link": "mu", "inverse_link": "eta", "link_derivative": "1 (np.ones_like)",
                 "variance": "1 (np.ones_like)"},
}
VALUE_RTOL, VALUE_ATOL = 1e-9, 1e-12


def statsmodels_family(name: str) -> Any:
    import statsmodels.api as sm

    return getattr(sm.families, name)()


def family(week, name: str) -> Handle:
    """The learner's ``families.<name>()``, made once per kernel."""
    obj = week.once(f"families.{name}()", lambda: week.call(f"families.{name}"))
    current.where = f"{week.shown_as}/families.py::{name}"
    expect(isinstance(obj, Handle), f"families.{name} should be a class: {name}() makes the "
           "family object fit_glm uses", expected=f"class {name}(Family)", got=describe(obj))
    return obj


def array(week, values: list[float], label: str) -> np.ndarray:
    return week.label(np.array(values, dtype=float), label)


def method(week, name: str, method_name: str, *args: np.ndarray, shape: tuple | None = None,
           argnames: str = "mu") -> np.ndarray:
    """``<name>().<method>(*args)`` in the sandbox: an array shaped like its argument."""
    obj = family(week, name)
    got = getattr(obj, method_name)(*args)
    current.checking = f"{name}().{method_name}({argnames})"
    want = args[0].shape if shape is None else shape
    if not (type(got).__name__ == "ndarray" and got.shape == want and got.dtype.kind in "fiu"):
        raise CheckFailed(
            f"{name}.{method_name} should return a float array shaped like {argnames}: arrays "
            "in, arrays out, elementwise (fit_glm calls it on all n rows at once)",
            expected=f"NumPy ndarray of float64, shape {want}", got=describe(got),
            lines=["Fix       work on the whole array: np.log(mu), 1.0 / mu, "
                   "np.ones_like(mu, dtype=float)"])
    return got.astype(float)


def expect_close(got: np.ndarray, expected: np.ndarray, *, what: str, inputs: np.ndarray,
                 input_name: str, explain: str, fix: str = "", rtol: float = VALUE_RTOL,
                 atol: float = VALUE_ATOL) -> None:
    """Elementwise within tolerance; the message shows the first inputs where it is not."""
    bad = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    if not bad.any():
        return
    rows = [f"{input_name} = {x:.6g}: expected {e:.6g}, got {g:.6g}"
            for x, e, g in zip(inputs[bad][:3], expected[bad][:3], got[bad][:3], strict=True)]
    raise CheckFailed(f"{what} is off for {bad.sum()} of {bad.size} values", expected=explain,
                      got="\n".join(rows), lines=[f"Fix       {fix}"] if fix else [])


def deviance(week, name: str, y: np.ndarray, mu: np.ndarray) -> float:
    """``<name>().deviance(y, mu)``: one number."""
    got = family(week, name).deviance(y, mu)
    current.checking = f"{name}().deviance(y, mu)"
    if type(got).__name__ == "ndarray" and got.shape == ():
        got = got[()]
    expect(isinstance(got, numbers.Real) and not isinstance(got, bool),
           f"{name}.deviance(y, mu) should return one number: the unit deviances summed over "
           "the observations", expected="a float such as 12.7", got=describe(got))
    return float(got)


@pytest.mark.parametrize("name", NAMES)
@milestone("6.1")
def test_link_matches_statsmodels(week, name):
    mu = array(week, MU[name], "mu")
    got = method(week, name, "link", mu)
    expect_close(got, np.asarray(statsmodels_family(name).link(mu)), what=f"{name}.link(mu)",
                 inputs=mu, input_name="mu",
                 explain=f"statsmodels' sm.families.{name}().link(mu): "
                 f"{FORMULAS[name]['link']}", fix=f"link = {FORMULAS[name]['link']}")


@pytest.mark.parametrize("name", NAMES)
@milestone("6.1")
def test_inverse_link_undoes_the_link(week, name):
    eta = array(week, ETA[name], "eta")
    got = method(week, name, "inverse_link", eta, argnames="eta")
    sm_family = statsmodels_family(name)
    expect_close(got, np.asarray(sm_family.link.inverse(eta)), what=f"{name}.inverse_link(eta)",
                 inputs=eta, input_name="eta",
                 explain=f"statsmodels' sm.families.{name}().link.inverse(eta): "
                 f"{FORMULAS[name]['inverse_link']}",
                 fix=f"inverse_link = {FORMULAS[name]['inverse_link']}")
    mu = array(week, MU[name], "mu")
    back = method(week, name, "inverse_link", method(week, name, "link", mu), argnames="eta")
    current.checking = f"{name}().inverse_link({name}().link(mu))"
    expect_close(back, mu, what=f"{name}.inverse_link(link(mu))", inputs=mu, input_name="mu",
                 explain="mu again: inverse_link undoes link", rtol=1e-9)


@pytest.mark.parametrize("name", NAMES)
@milestone("6.1")
def test_link_derivative_is_the_slope_of_the_link(week, name):
    mu = array(week, MU[name], "mu")
    got = method(week, name, "link_derivative", mu)
    # Central differences of the learner's own link, with a step small next to the distance
    # to the edge of the domain (0 and 1 for a probability, 0 for a count).
    room = {"Binomial": np.minimum(mu, 1 - mu), "Poisson": mu, "Gaussian": 1 + np.abs(mu)}
    h = 1e-5 * room[name]
    up = method(week, name, "link", week.label(mu + h, "mu + h"))
    down = method(week, name, "link", week.label(mu - h, "mu - h"))
    slope = (up - down) / (2 * h)
    current.checking = f"{name}().link_derivative(mu) against (link(mu + h) - link(mu - h)) / 2h"
    formula = FORMULAS[name]["link_derivative"]
    expect_close(got, slope, what=f"{name}.link_derivative(mu)", inputs=mu, input_name="mu",
                 rtol=1e-4, atol=1e-8,
                 explain=f"the slope of your {name}.link at mu, d eta / d mu (finite "
                 "differences)", fix=f"link_derivative = d link / d mu = {formula}")
    current.checking = f"{name}().link_derivative(mu)"
    expect_close(got, np.asarray(statsmodels_family(name).link.deriv(mu)),
                 what=f"{name}.link_derivative(mu)", inputs=mu, input_name="mu",
                 explain=f"statsmodels' sm.families.{name}().link.deriv(mu): {formula}",
                 fix=f"link_derivative = {formula}")


@pytest.mark.parametrize("name", NAMES)
@milestone("6.1")
def test_variance_matches_statsmodels(week, name):
    mu = array(week, MU[name], "mu")
    got = method(week, name, "variance", mu)
    formula = FORMULAS[name]["variance"]
    expect_close(got, np.asarray(statsmodels_family(name).variance(mu)),
                 what=f"{name}.variance(mu)", inputs=mu, input_name="mu",
                 explain=f"statsmodels' sm.families.{name}().variance(mu): V(mu) = {formula}",
                 fix=f"variance = {formula}: Var(y) = scale * V(mu)")


@pytest.mark.parametrize("name", NAMES)
@milestone("6.1")
def test_deviance_matches_statsmodels(week, name):
    y_values, mu_values = DEVIANCE[name]
    y, mu = array(week, y_values, "y"), array(week, mu_values, "mu")
    got = deviance(week, name, y, mu)
    expected = float(statsmodels_family(name).deviance(y, mu))
    zero = "y = 0" if name == "Poisson" else "y = 0 or y = 1"
    if name != "Gaussian" and not np.isfinite(got):
        raise CheckFailed(f"{name}.deviance(y, mu) is {got}: the rows with {zero} give "
                          "0 * log(0), which NumPy makes nan", expected=f"{expected:.6f}, "
                          f"statsmodels' sm.families.{name}().deviance(y, mu), with 0 log 0 = 0",
                          got=repr(got), lines=["Fix       scipy.special.xlogy(y, y / mu) is 0 "
                                                "where y is 0 (or np.where(y > 0, ..., 0))"])
    if abs(got - expected) > 1e-9 * (1 + abs(expected)):
        rows_left_out = _deviance_without_zero_rows(name, y, mu)
        extra = []
        if rows_left_out is not None and abs(got - rows_left_out) < 1e-9 * (1 + abs(got)):
            extra = [f"Fix       the rows with {zero} count too: a Poisson row with y = 0 adds "
                     "2 mu (its - (y - mu) term)"]
        extra = extra or _deviance_slip(name, got, expected, y.size)
        raise CheckFailed(f"{name}.deviance(y, mu) is off", expected=f"{expected:.9g}, "
                          f"statsmodels' sm.families.{name}().deviance(y, mu) (summed unit "
                          "deviances, not divided by any scale)", got=f"{got:.9g}", lines=extra)


def _deviance_slip(name: str, got: float, expected: float, n: int) -> list[str]:
    """A Fix line when the deviance is off by a telling factor: 1/n (a mean), 1/2 or 2."""
    if expected == 0:
        return []
    ratio = got / expected
    mean = ("the deviance sums the unit deviances over the observations (np.sum), it does "
            "not average them (np.mean)")
    if abs(ratio - 1 / n) <= 1e-9:
        return [f"Fix       yours is 1/{n} of it: {mean}"]
    if abs(ratio - 1 / (2 * n)) <= 1e-9 and name != "Gaussian":
        return [f"Fix       yours is 1/{2 * n} of it: {mean}, and it is twice the "
                "log-likelihood gap, 2 * sum(...)"]
    if abs(ratio - 0.5) <= 1e-9 and name != "Gaussian":
        return ["Fix       yours is exactly half of it: the deviance is twice the "
                "log-likelihood gap, 2 * sum(...)"]
    if name == "Gaussian" and (abs(ratio - 0.5) <= 1e-9 or abs(ratio - 2) <= 1e-9):
        return [f"Fix       yours is {ratio:g} times it: the Gaussian deviance is the residual "
                "sum of squares, sum((y - mu)^2), with no factor 2 or 1/2"]
    return []


def _deviance_without_zero_rows(name: str, y: np.ndarray, mu: np.ndarray) -> float | None:
    """The Poisson deviance a learner gets by dropping the y = 0 rows (a classic slip)."""
    if name != "Poisson":
        return None
    keep = y > 0
    return float(EXACT["poisson"].deviance(y[keep], mu[keep]))


@pytest.mark.parametrize("name", NAMES)
@milestone("6.1")
def test_name_and_scale_known(week, name):
    method(week, name, "variance", array(week, MU[name], "mu"))  # the starter stops here
    obj = family(week, name)
    got_name = obj.name
    current.checking = f"{name}().name"
    expect(got_name == name.lower(), f"{name}().name should be the family's lower-case name "
           "(the notebook's comparison is indexed by it)", expected=repr(name.lower()),
           got=describe(got_name))
    known = obj.scale_known
    current.checking = f"{name}().scale_known"
    want = SCALE_KNOWN[name]
    reason = ("the scale of a Gaussian (sigma squared) is unknown: fit_glm estimates it"
              if name == "Gaussian" else f"a {name} has scale 1: its variance is V(mu) exactly")
    expect(isinstance(known, (bool, np.bool_)) and bool(known) == want,
           f"{name}().scale_known should be {want}: {reason}", expected=repr(want),
           got=describe(known))


@pytest.mark.parametrize("name", NAMES)
@milestone("6.1")
def test_methods_are_vectorized(week, name):
    grid = np.array(MU[name], dtype=float).reshape(3, 3)
    mu = week.label(grid, "mu (a 3 x 3 array)")
    for method_name in ("link", "link_derivative", "variance"):
        method(week, name, method_name, mu)
    eta = week.label(np.array(ETA[name], dtype=float).reshape(3, 3), "eta (a 3 x 3 array)")
    method(week, name, "inverse_link", eta, argnames="eta")
    y_values, mu_values = DEVIANCE[name]
    y2 = week.label(np.array(y_values[:9], dtype=float).reshape(3, 3), "y (3 x 3)")
    mu2 = week.label(np.array(mu_values[:9], dtype=float).reshape(3, 3), "mu (3 x 3)")
    got = deviance(week, name, y2, mu2)
    expected = EXACT[name.lower()].deviance(y2, mu2)
    expect(abs(got - expected) <= 1e-9 * (1 + abs(expected)), f"{name}.deviance(y, mu) on "
           "3 x 3 arrays should sum over every element", expected=f"{expected:.9g}",
           got=f"{got:.9g}")


#: Means a hair from the edge of the domain, where naive formulas give inf, nan or 0.
EDGE_MU = {"Binomial": [1e-12, 1e-9, 1 - 1e-9, 1 - 1e-12], "Poisson": [1e-12, 1e-9, 1e6, 1e12]}
EDGE_ETA = {"Binomial": [-800.0, -50.0, 50.0, 800.0], "Poisson": [-700.0, -50.0, 50.0, 700.0]}
EDGE_Y = {"Binomial": [0.0, 1.0, 1.0, 0.0], "Poisson": [0.0, 3.0, 0.0, 5.0]}
EDGE_DEVIANCE_MU = {"Binomial": [1e-12, 1 - 1e-12, 1e-9, 1 - 1e-9],
                    "Poisson": [1e-12, 1e-12, 1e-9, 1e-9]}


@pytest.mark.parametrize("name", ("Binomial", "Poisson"))
@milestone("6.1")
def test_numerically_sane_at_edge_means(week, name):
    ref = EXACT[name.lower()]
    mu = array(week, EDGE_MU[name], "mu near the edge")
    # Exact from 1e-9 inward; a clip closer to the edge than that (statsmodels clips at 2e-16)
    # is a fair choice, so the outermost means only need finite, positive answers.
    inner = (mu >= 1e-9) & (mu <= 1 - 1e-9) if name == "Binomial" else mu >= 1e-9
    for method_name in ("link", "link_derivative", "variance"):
        got = method(week, name, method_name, mu)
        expect_finite(got, f"{name}.{method_name}(mu)", mu, "mu")
        if method_name != "link":
            bad = got <= 0
            expect(not bad.any(), f"{name}.{method_name}(mu) should be positive for every mean "
                   "inside the domain: fit_glm divides by it", expected="numbers > 0",
                   got=", ".join(f"mu = {x:.3g} gives {g}"
                                 for x, g in zip(mu[bad][:3], got[bad][:3], strict=True)))
        expect_close(got[inner], getattr(ref, method_name)(mu)[inner],
                     what=f"{name}.{method_name}(mu)", inputs=mu[inner], input_name="mu",
                     rtol=1e-6, atol=0, explain=f"{FORMULAS[name][method_name]}, to 6 digits, "
                     "at means this close to the edge",
                     fix="a form without cancellation (mu * (1 - mu), not mu - mu**2), and no "
                     "clipping of means this far inside")
    eta = array(week, EDGE_ETA[name], "eta far out")
    got = method(week, name, "inverse_link", eta, argnames="eta")
    expect_finite(got, f"{name}.inverse_link(eta)", eta, "eta")
    expect_close(got, ref.inverse_link(eta), what=f"{name}.inverse_link(eta)", inputs=eta,
                 input_name="eta", rtol=1e-9, atol=1e-300,
                 explain=f"{FORMULAS[name]['inverse_link']}: 0 and 1 at the far ends, never nan",
                 fix="scipy.special.expit(eta)" if name == "Binomial" else "np.exp(eta)")
    y = array(week, EDGE_Y[name], "y")
    near = array(week, EDGE_DEVIANCE_MU[name], "mu near the edge")
    got_dev = deviance(week, name, y, near)
    want = ref.deviance(y, near)
    expect(bool(np.isfinite(got_dev)) and abs(got_dev - want) <= 1e-6 * abs(want) + 1e-8,
           f"{name}.deviance(y, mu) should stay finite and right when mu is a hair from the "
           "edge", expected=f"{want:.9g}", got=repr(got_dev))
    if name == "Poisson":  # a mean below any sensible clip: finite is all that is asked
        y, tiny = array(week, [0.0, 2.0], "y"), array(week, [1e-300, 1e-300], "mu")
        got_dev = deviance(week, name, y, tiny)
        expect(bool(np.isfinite(got_dev)) and got_dev >= 0, "Poisson.deviance(y, mu) should "
               "be a finite, non-negative number even for mu = 1e-300", expected="a number "
               "such as 2761.87", got=repr(got_dev))


def expect_finite(got: np.ndarray, what: str, inputs: np.ndarray, input_name: str) -> None:
    bad = ~np.isfinite(got)
    if bad.any():
        rows = ", ".join(f"{input_name} = {x:.3g} gives {g}" for x, g in
                         zip(inputs[bad][:3], got[bad][:3], strict=True))
        raise CheckFailed(f"{what} should be finite for every {input_name} inside the domain",
                          expected="finite numbers (no inf, no nan)", got=rows,
                          lines=["Fix       a stable form: scipy.special.expit / logit, "
                                 "1 / (mu (1 - mu)) rather than a difference of large terms"])
