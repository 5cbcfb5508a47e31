"""Milestone 5.3: Newton-Raphson (IRLS), proved against statsmodels and scikit-learn.

The evidence is the libraries' own answer on the same rows: statsmodels' GLM Binomial
(coefficients, standard errors, deviance) and scikit-learn's LogisticRegression without a
penalty (C=np.inf, solved tightly). scikit-learn's default LogisticRegression() is a
different model (an L2 penalty with C=1.0): a learner who hands back its coefficients is
told so by name. Then the two places where Newton's method goes wrong: one-hot columns that
add up to the intercept (a singular Hessian) and perfectly separable classes (no maximum),
once with a gap between the classes and once without one, where the logits pass 37 (y - p
rounds to 0) and 745 (the weights underflow to 0) long before the cap.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week05 import ref_logistic as ref
from grader.week05.ref_fits import describe_fit, expect_stopped_at_cap, run_fit
from grader.week05.test_pieces import evaluate

NAME = "fit_irls"
PENALISED = ("these are the coefficients of scikit-learn's default LogisticRegression(): "
             "penalty='l2' with C=1.0 shrinks them toward 0. That is another model; the "
             "maximum-likelihood fit has no penalty (LogisticRegression(C=np.inf))")


def expect_coefficients(got: np.ndarray, expected: np.ndarray, X: np.ndarray, y: np.ndarray,
                        what: str, tolerance: float) -> None:
    """coef equals `expected` within `tolerance`; names the penalised default if that is it."""
    off = float(np.max(np.abs(got - expected)))
    if off <= tolerance * max(1.0, float(np.max(np.abs(expected)))):
        return
    message = f"fit_irls(X, y).coef differs from {what}"
    penalised = ref.sklearn_default(X, y)
    if np.max(np.abs(got - penalised)) < 0.2 * np.max(np.abs(expected - penalised)):
        message = f"fit_irls(X, y).coef: {PENALISED}"
    elif np.allclose(got, np.concatenate([expected[1:], expected[:1]]), rtol=1e-4):
        message += ": the intercept should come first, coef[0]"
    expect(False, message, expected=f"{np.round(expected, 7)} (± {tolerance:g})",
           got=f"{np.round(got, 7)} (off by {off:.1e})")


def full_rank(seed: int) -> tuple[np.ndarray, np.ndarray]:
    return ref.classification_data(seed)


@milestone("5.3")
def test_coefficients_match_statsmodels(week):
    X, y = full_rank(53)
    got = run_fit(week, NAME, X, y, what="300 rows, 4 features")
    expect_coefficients(got["coef"], ref.statsmodels_fit(X, y).coef, X, y,
                        "statsmodels' sm.GLM(y, add_constant(X), family=Binomial()).fit()",
                        1e-6)


@milestone("5.3")
def test_coefficients_match_unpenalized_scikit_learn(week):
    X, y = full_rank(54)
    got = run_fit(week, NAME, X, y, what="300 rows, 4 features")
    expect_coefficients(got["coef"], ref.sklearn_unpenalized(X, y), X, y,
                        "scikit-learn's LogisticRegression(C=np.inf) (intercept_ first, "
                        "then coef_)", 1e-5)


@milestone("5.3")
def test_converges_in_a_few_newton_steps(week):
    X, y = full_rank(55)
    got = run_fit(week, NAME, X, y, what="300 rows, 4 features")
    judge = ref.irls(X, y)
    expect(got["n_iter"] != 100, "fit_irls ran all 100 iterations on data where Newton's "
           f"method needs {judge.n_iter}: is there a convergence test? Stop once "
           "max|step| < tol", expected=f"n_iter = {judge.n_iter}, converged=True",
           got=describe_fit(got))
    expect(got["converged"] is True and not got["warned"], "fit_irls should report "
           "convergence (and not warn) once max|step| < tol",
           expected=f"converged=True after {judge.n_iter} steps", got=describe_fit(got))
    expect(abs(got["n_iter"] - judge.n_iter) <= 1, "fit_irls took another number of Newton "
           "steps than the rule gives: from zeros, beta -= lstsq(H, g); stop once "
           "max|step| < tol; n_iter counts the steps",
           expected=f"n_iter = {judge.n_iter} (± 1)", got=describe_fit(got))


@milestone("5.3")
def test_one_hot_columns_that_add_up_to_the_intercept(week):
    X, y = ref.one_hot_data(53)
    got = run_fit(week, NAME, X, y, what="a number and all 3 levels of a category one-hot",
                  on_error="fit_irls failed where the one-hot columns add up to the "
                  "intercept: X~ is rank deficient, so H is singular. Solve H step = g with "
                  "np.linalg.lstsq (or use pinv), as week 3's one-hot features need")
    expect(bool(np.all(np.isfinite(got["coef"]))) and got["converged"] is True,
           "fit_irls should converge when the one-hot columns add up to the intercept "
           "(the fitted probabilities are unique even though beta is not)",
           expected="finite coef, converged=True", got=describe_fit(got))
    proba = ref.sigmoid(ref.eta_of(got["coef"], X))
    expected = ref.statsmodels_probabilities(X, y)
    off = float(np.max(np.abs(proba - expected)))
    expect(off <= 1e-6, "fit_irls's fitted probabilities differ from statsmodels' on "
           "one-hot columns: lstsq gives the minimum-norm step", expected="the same "
           "probabilities (± 1e-6)", got=f"probabilities off by up to {off:.2g}")


@milestone("5.3")
def test_separable_classes_reach_the_cap_with_a_warning(week):
    X, y = ref.separable_data(53)
    got = run_fit(week, NAME, X, y, what="60 rows whose first feature separates the classes")
    if got["converged"] and got["n_iter"] < 100:
        expect(False, f"fit_irls 'converged' after {got['n_iter']} steps on perfectly "
               "separable classes, where no maximum exists: the coefficients grow forever "
               "while the gradient and the Hessian fade toward 0. Stop on max|step| < tol "
               "only (Newton's steps stay large here), and keep the weights from "
               "underflowing: sigmoid(eta) * sigmoid(-eta)",
               expected="converged=False, n_iter=100, a ConvergenceWarning",
               got=describe_fit(got))
    expect_stopped_at_cap(got, f"{NAME}(X, y) on separable classes", 100,
                          "the classes are perfectly separable: no maximum exists")


def underflow_hint(error: str) -> str:
    """The message for an exception on separable classes without a gap."""
    if error.startswith("LinAlgError"):
        return ("fit_irls raised LinAlgError on separable classes: once the logits pass "
                "~745 the weights w = p (1 - p) underflow to 0, and the working response "
                "z = eta + (y - p) / w divides by 0 (nan). Solve the Newton system "
                "H step = g with np.linalg.lstsq instead, or leave out the rows where w == 0")
    return ("fit_irls raised an exception on separable classes: the logits grow past 745, "
            "where p (1 - p) underflows to 0 and exp overflows. Keep going to max_iter")


def expect_separable_without_gap(week: Any, X: np.ndarray, y: np.ndarray, what: str) -> None:
    """No exception, no early 'convergence': the cap, a warning, finite coefficients."""
    got = run_fit(week, NAME, X, y, what=what, on_error=underflow_hint)
    if got["converged"] and got["n_iter"] < 100:
        expect(False, f"fit_irls(X, y) 'converged' after {got['n_iter']} steps on separable "
               "classes with no gap between them, where no maximum exists. Past eta = 37, "
               "1 - sigmoid(eta) rounds to 0.0: a gradient written y - sigmoid(eta) drops "
               "the rows the model is sure about, and the step fades to 0. Use "
               "y * sigmoid(-eta) - (1 - y) * sigmoid(eta); stop on max|step| < tol only",
               expected="converged=False, n_iter=100, a ConvergenceWarning",
               got=describe_fit(got))
    expect_stopped_at_cap(got, f"{NAME}(X, y)", 100, "the classes are perfectly separable: no "
                          "maximum exists")


@milestone("5.3")
def test_separable_classes_without_a_gap(week):
    X, y = ref.separable_without_gap(105)
    expect_separable_without_gap(week, X, y, "600 rows, y = X[:, 0] > 0: rows on both sides "
                                 "of the boundary, as close to it as chance puts them")


def at_statsmodels(seed: int) -> tuple[np.ndarray, np.ndarray, ref.Library]:
    X, y = full_rank(seed)
    return X, y, ref.statsmodels_fit(X, y)


def one_value(week: Any, name: str, args: list[Any], shape: tuple[int, ...]) -> np.ndarray:
    got = evaluate(week, [(name, args)], target=f"logistic.{name}",
                   label=f"{name}(beta, X{', y' if len(args) == 3 else ''}) at statsmodels' "
                         "coefficients")[0]
    expect(got["error"] is None, f"{name} raised an exception", expected="a result",
           got=got["error"])
    value = got["value"]
    expect(value is not None and value.shape == shape, f"{name} returned the wrong shape",
           expected=f"shape {shape}", got=f"a {got['type']}"
           + (f" of shape {value.shape}" if value is not None else ""))
    return value


@milestone("5.3")
def test_standard_errors_match_statsmodels(week):
    X, _, lib = at_statsmodels(56)
    value = one_value(week, "standard_errors", [lib.coef, X], (X.shape[1] + 1,))
    hint = ""
    if np.isnan(value).any():
        hint = ": NaN is the square root of a negative variance: invert -H, not H"
    elif np.allclose(value, lib.bse ** 2, rtol=1e-6):
        hint = ": these are variances; take the square root"
    elif np.allclose(value, np.sqrt(np.diag(np.linalg.inv(ref.design(X).T @ ref.design(X)))),
                     rtol=1e-6):
        hint = ": the weights p (1 - p) are missing from -H"
    expect(bool(np.allclose(value, lib.bse, rtol=1e-6, atol=0.0)),
           f"standard_errors(beta, X) differs from statsmodels' bse{hint}",
           expected=f"sqrt(diag(inv(-H))) = {np.round(lib.bse, 7)}", got=str(np.round(value, 7)))


@milestone("5.3")
def test_deviance_matches_statsmodels(week):
    X, y, lib = at_statsmodels(57)
    value = float(one_value(week, "deviance", [lib.coef, X, y], ()))
    hint = ""
    if np.isclose(value, lib.deviance / 2, rtol=1e-9):
        hint = ": the factor 2 is missing (deviance = -2 log-likelihood)"
    elif np.isclose(value, -lib.deviance, rtol=1e-9):
        hint = ": the sign is flipped (deviance = -2 log-likelihood, a positive number)"
    expect(bool(np.isclose(value, lib.deviance, rtol=1e-9, atol=0.0)),
           f"deviance(beta, X, y) differs from statsmodels' deviance{hint}",
           expected=f"{lib.deviance:.10g}", got=f"{value:.10g}")
