"""Milestone 5.2: gradient descent (ascent on the log-likelihood) that knows when to stop.

The judge runs its own descent with the docstring's rule (mean gradient, stop before a step
once max|g| < tol, n_iter = steps taken) on the same standardized rows: the learner's count
must be within one step of it, and the coefficients as close to the maximum-likelihood
estimate as that tolerance allows. With a small max_iter the coefficients after exactly that
many steps are known to the last digit, and the fit must say it did not converge.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week05 import ref_logistic as ref
from grader.week05.ref_fits import describe_fit, distance_bound, expect_stopped_at_cap, run_fit

NAME = "fit_gradient_descent"
DEFAULTS = {"learning_rate": 0.1, "tol": 1e-6, "max_iter": 10_000}


def expect_descent(week, X: np.ndarray, y: np.ndarray, what: str, **options) -> None:
    """Converged, within one step of the judge's count, close to the MLE as tol allows."""
    settings = {**DEFAULTS, **options}
    got = run_fit(week, NAME, X, y, what=what, **options)
    judge = ref.gradient_descent(X, y, **settings)
    mle = ref.mle(X, y)
    call = f"{NAME}({', '.join(f'{k}={v!r}' for k, v in options.items()) or 'X, y'})"
    problem = (f"{call} did not converge on standardized data, where it takes "
               f"{judge.n_iter} steps: mean gradient (gradient / n)? uphill (beta += ...)?")
    if got["n_iter"] == settings["max_iter"]:
        endless = ref.gradient_descent(X, y, **{**settings, "tol": 0.0})  # never stops
        if np.allclose(got["coef"], endless.coef, rtol=1e-6, atol=1e-9):
            problem = (f"{call} ran all {settings['max_iter']} steps on standardized data, "
                       f"though max|g| fell below tol={settings['tol']:g} after "
                       f"{judge.n_iter}. Do you stop once max|g| < tol, checked before each "
                       "step?")
    expect(got["converged"] is True and got["n_iter"] < settings["max_iter"], problem,
           expected=f"converged=True, n_iter about {judge.n_iter}", got=describe_fit(got))
    expect(not got["warned"], f"{call} converged but warned", expected="no ConvergenceWarning",
           got=describe_fit(got))
    if abs(got["n_iter"] - judge.n_iter) > 1:
        for name, value in (("learning_rate", DEFAULTS["learning_rate"]),
                            ("tol", DEFAULTS["tol"])):
            if settings[name] != value:
                ignored = ref.gradient_descent(X, y, **{**settings, name: value}).n_iter
                expect(abs(got["n_iter"] - ignored) > 1, f"{call} ignores {name}: it took "
                       f"the steps {name}={value!r} takes",
                       expected=f"n_iter about {judge.n_iter}", got=describe_fit(got))
    expect(abs(got["n_iter"] - judge.n_iter) <= 1, f"{call} took another number of steps than "
           "the rule gives: start from zeros, step with learning_rate * gradient / n, stop "
           "before a step once max|gradient / n| < tol; n_iter counts the steps taken",
           expected=f"n_iter = {judge.n_iter} (± 1)", got=describe_fit(got))
    bound = distance_bound(X, y, mle, settings["tol"])
    off = float(np.max(np.abs(got["coef"] - mle)))
    expect(off <= bound, f"{call}: coef is further from the maximum-likelihood estimate than "
           f"tol={settings['tol']:g} allows", expected=f"{np.round(mle, 5)} (± {bound:.1e})",
           got=f"{np.round(got['coef'], 5)} (off by {off:.1e})")


@milestone("5.2")
def test_converges_on_standardized_data(week):
    X, y = ref.nice_data(52)
    expect_descent(week, X, y, "400 standardized rows, 3 features")


@milestone("5.2")
def test_learning_rate_and_tol_are_used(week):
    X, y = ref.nice_data(53)
    expect_descent(week, X, y, "400 standardized rows", learning_rate=0.5, tol=1e-4)


def expect_cap(week, X: np.ndarray, y: np.ndarray, steps: int, what: str) -> None:
    """max_iter=steps, far too few: not converged, warned, coef exactly `steps` steps out."""
    got = run_fit(week, NAME, X, y, what=what, max_iter=steps)
    expect_stopped_at_cap(got, f"{NAME}(X, y, max_iter={steps})", steps,
                          f"{steps} steps are far too few at learning_rate=0.1")
    expected = ref.gradient_descent(X, y, max_iter=steps).coef
    hint = ""
    for label, other in (
            ("the gradient summed over rows, not its mean (gradient / n)",
             ref.gradient_descent(X, y, learning_rate=0.1 * len(y), max_iter=steps).coef),
            ("one step too few", ref.gradient_descent(X, y, max_iter=steps - 1).coef),
            ("one step too many", ref.gradient_descent(X, y, max_iter=steps + 1).coef)):
        if np.allclose(got["coef"], other, rtol=1e-9, atol=1e-12):
            hint = f": these are the coefficients after {label}"
    expect(bool(np.allclose(got["coef"], expected, rtol=1e-9, atol=1e-12)),
           f"after exactly {steps} steps from zeros, coef is not where the rule leads{hint}",
           expected=f"{np.round(expected, 8)}: beta += learning_rate * gradient(beta) / n, "
                    f"{steps} times", got=str(np.round(got["coef"], 8)))


@milestone("5.2")
def test_stops_at_max_iter_with_a_warning(week):
    X, y = ref.nice_data(54)
    expect_cap(week, X, y, 25, "400 standardized rows")
