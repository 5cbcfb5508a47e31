"""Milestone 5.1: sigmoid, log-likelihood, gradient and Hessian, vectorized and stable.

Each piece is compared with the judge's own (grader/week05/ref_logistic.py) on seeded data,
then with itself: the gradient with central differences of the learner's OWN log-likelihood,
the Hessian with central differences of the learner's OWN gradient. A sign error or a
missing weight shows there even when the learner's pieces agree with one another elsewhere.
Extreme logits (|eta| of 40 to 10,000, infinities) are tried with warnings recorded.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week05 import ref_logistic as ref

#: Calls functions of logistic.py in the sandbox, warnings recorded; an exception is data.
PIECES_SNIPPET = """
import warnings
import numpy as np
import logistic

out = []
for name, args in calls:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value, error = getattr(logistic, name)(*args), None
        except NotImplementedError:
            raise  # the starter: not started
        except Exception as exc:
            value, error = None, f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:200]
    seen = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    kind = type(value).__name__
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        array = None
    out.append({"value": array, "type": kind, "error": error, "warnings": seen})
result = out
"""


def evaluate(week: Any, calls: list[tuple[str, list[Any]]], *, target: str,
             label: str) -> list[dict[str, Any]]:
    """[{value (float array or None), type, error, warnings}] for each (name, args) call."""
    return week.run_snippet(PIECES_SNIPPET, target=target, label=label,
                            calls=[[name, list(args)] for name, args in calls])


def answered(got: dict[str, Any], call: str, shape: tuple[int, ...] | None) -> np.ndarray:
    """The value of one call: no exception, numbers, the expected shape; else a failure."""
    expect(got["error"] is None, f"{call} raised an exception", expected="a result",
           got=got["error"])
    value = got["value"]
    expect(value is not None, f"{call} should return numbers",
           expected="a float" if shape == () else f"a NumPy array of shape {shape}",
           got=f"a {got['type']}")
    if shape is not None:
        expect(value.shape == shape, f"{call} returned the wrong shape",
               expected=f"shape {shape}" + (" (a single number)" if shape == () else ""),
               got=f"a {got['type']} of shape {value.shape}")
    return value


def close(got: np.ndarray, expected: np.ndarray, rtol: float) -> bool:
    """Equal within rtol of the largest expected entry (entries near 0 do not blow it up)."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if got.shape != expected.shape:
        return False
    scale = max(float(np.max(np.abs(expected), initial=0.0)), 1e-300)
    return bool(np.all(np.isfinite(got)) and np.max(np.abs(got - expected), initial=0.0)
                <= rtol * scale)


def show(values: Any, digits: int = 6) -> str:
    """Numbers as a short text, rounded (first rows only for a matrix)."""
    array = np.asarray(values, dtype=float)
    if array.ndim == 2:
        rows = [np.array2string(r, precision=digits - 2, max_line_width=200) for r in array[:3]]
        return "\n".join(rows) + ("\n..." if len(array) > 3 else "")
    return np.array2string(array, precision=digits, max_line_width=200, threshold=8)


def seeded_problem(seed: int, n: int = 40, p: int = 3, scale: float = 0.5) -> tuple[
        np.ndarray, np.ndarray, np.ndarray]:
    """X (n, p) of normal features, y 0/1 floats, beta (p + 1,) with beta[0] the intercept."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    beta = rng.normal(scale=scale, size=p + 1)
    y = (rng.random(n) < ref.sigmoid(ref.eta_of(beta, X))).astype(float)
    return X, y, beta


PUBLIC = seeded_problem(51)


# -- sigmoid ---------------------------------------------------------------------------------

EXTREME_Z = np.array([-np.inf, -1e4, -1e3, -745.0, -40.0, -1.0, 0.0, 0.5, 40.0, 1e3, 1e4, np.inf])


def expect_sigmoid(week: Any, z: np.ndarray, what: str) -> None:
    """sigmoid(z): same shape, the judge's values, exact 0 and 1 limits, no warnings."""
    got = evaluate(week, [("sigmoid", [z])], target="logistic.sigmoid",
                   label=f"sigmoid({what}), recording warnings")[0]
    value = answered(got, f"sigmoid({what})", z.shape)
    expected = ref.sigmoid(z)
    bad = ~np.isclose(value, expected, rtol=1e-12, atol=1e-300)
    expect(not bad.any(), f"sigmoid is wrong at {bad.sum()} of {z.size} logits"
           + (": NaN where exp overflowed?" if np.isnan(value).any() else ""),
           expected=f"at z = {show(z.ravel()[bad.ravel()][:4], 3)}: "
                    f"{show(expected.ravel()[bad.ravel()][:4])}",
           got=show(value.ravel()[bad.ravel()][:4]))
    limits = np.abs(z) >= 1e3
    expect(bool(np.all(value[limits] == expected[limits])),
           "sigmoid should be exactly 0.0 or 1.0 when |z| >= 1000",
           expected=show(expected[limits]), got=show(value[limits], 17))
    expect(not got["warnings"], f"sigmoid warned on {what}: np.exp of a large positive number "
           "overflows to inf, also in the branch np.where discards (np.where evaluates both "
           "branches on every z). A right answer reached through inf is luck; the checks "
           "record warnings on purpose", expected="no warning: take np.exp of -|z| only, or "
           "use scipy.special.expit", got="; ".join(got["warnings"])[:300])


@milestone("5.1")
def test_sigmoid_exact_and_quiet_at_any_logit(week):
    expect_sigmoid(week, EXTREME_Z, "[-inf, -1e4, -1e3, ..., 1e3, 1e4, inf]")
    expect_sigmoid(week, np.linspace(-8.0, 8.0, 12).reshape(3, 4), "z of shape (3, 4)")


# -- log-likelihood and the intercept ----------------------------------------------------------


def expect_log_likelihood(week: Any, X: np.ndarray, y: np.ndarray, beta: np.ndarray,
                          what: str) -> None:
    """log_likelihood(beta, X, y) is a number equal to the judge's."""
    got = evaluate(week, [("log_likelihood", [beta, X, y])], target="logistic.log_likelihood",
                   label=f"log_likelihood(beta, X, y) on {what}")[0]
    value = float(answered(got, "log_likelihood(beta, X, y)", ()))
    expected = ref.log_likelihood(beta, X, y)
    hint = ""
    no_intercept = np.concatenate([[0.0], beta[1:]])
    if np.isclose(value, -expected, rtol=1e-9):
        hint = ": the log-likelihood, not the loss (no minus sign)"
    elif np.isclose(value, expected / len(y), rtol=1e-9):
        hint = ": the sum over rows, not the mean"
    elif np.isclose(value, ref.log_likelihood(no_intercept, X, y), rtol=1e-9):
        hint = (": beta[0] is ignored, the intercept is missing. eta = beta[0] + X @ beta[1:] "
                "(X comes without a column of ones)")
    expect(np.isclose(value, expected, rtol=1e-9, atol=0.0),
           f"log_likelihood(beta, X, y) is off{hint}",
           expected=f"{expected:.10g}: sum(y * eta - logaddexp(0, eta)), "
                    "eta = beta[0] + X @ beta[1:]", got=f"{value:.10g}")


@milestone("5.1")
def test_log_likelihood_matches_the_judge(week):
    X, y, beta = PUBLIC
    expect_log_likelihood(week, X, y, beta, "40 rows, 3 features")


def intercept_hint(week: Any, X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> None:
    """beta[0] must act as the intercept: moving it moves every row's eta."""
    moved = beta + np.eye(len(beta))[0]
    calls = [("log_likelihood", [beta, X, y]), ("log_likelihood", [moved, X, y])]
    got = evaluate(week, calls, target="logistic.log_likelihood",
                   label="log_likelihood(beta, X, y), then with beta[0] + 1")
    rule = "eta = beta[0] + X @ beta[1:]: X comes without a column of ones"
    for one in got:
        expect(one["error"] is None, "log_likelihood failed with beta of length p + 1 = "
               f"{len(beta)}: beta[0] is the intercept, {rule}",
               expected="a number", got=one["error"])
    first, second = (float(answered(g, "log_likelihood(beta, X, y)", ())) for g in got)
    expected = ref.log_likelihood(moved, X, y)
    expect(not np.isclose(first, second, rtol=1e-12, atol=0.0),
           f"changing beta[0] did not change log_likelihood: the intercept is missing. {rule}",
           expected=f"{ref.log_likelihood(beta, X, y):.8g}, then {expected:.8g}",
           got=f"{first:.8g} both times")
    last = np.concatenate([beta[1:], beta[:1]])  # an intercept read from the end
    if np.isclose(first, ref.log_likelihood(last, X, y), rtol=1e-9):
        expect(False, f"log_likelihood reads the intercept from beta[-1]; it is beta[0]: {rule}",
               expected=f"{ref.log_likelihood(beta, X, y):.8g}", got=f"{first:.8g}")


@milestone("5.1")
def test_beta0_is_the_intercept(week):
    X, y, beta = PUBLIC
    intercept_hint(week, X, y, beta)


# -- gradient --------------------------------------------------------------------------------


def central_differences(week: Any, name: str, beta: np.ndarray, args: list[Any],
                        h: float = 1e-5) -> np.ndarray:
    """d name / d beta_j by central differences of the learner's own `name`; (p+1, ...)."""
    calls = []
    for j in range(len(beta)):
        step = np.eye(len(beta))[j] * h
        calls += [(name, [beta + step, *args]), (name, [beta - step, *args])]
    got = evaluate(week, calls, target=f"logistic.{name}",
                   label=f"{name}(beta ± h e_j, ...) for each j, h = {h:g}")
    values = [answered(g, f"{name}(beta ± h e_j, ...)", None) for g in got]
    return np.array([(values[2 * j] - values[2 * j + 1]) / (2 * h) for j in range(len(beta))])


def expect_gradient(week: Any, X: np.ndarray, y: np.ndarray, beta: np.ndarray,
                    what: str) -> np.ndarray:
    """gradient(beta, X, y) is X~^T (y - p), shape (p + 1,); returns it."""
    p1 = len(beta)
    got = evaluate(week, [("gradient", [beta, X, y])], target="logistic.gradient",
                   label=f"gradient(beta, X, y) on {what}")[0]
    expect(got["error"] is None, "gradient(beta, X, y) raised an exception",
           expected=f"an array of shape ({p1},)", got=got["error"])
    value = got["value"]
    expect(value is not None and value.shape == (p1,),
           f"gradient should have p + 1 = {p1} entries: the first for the intercept beta[0], "
           "sum(y - p), then X.T @ (y - p), one per column of X", expected=f"shape ({p1},)",
           got=f"a {got['type']}" + (f" of shape {value.shape}" if value is not None else ""))
    expected = ref.gradient(beta, X, y)
    if close(value, -expected, 1e-9):
        expect(False, "gradient has the wrong sign: it should be the gradient of the "
               "log-likelihood, X~^T (y - p), the direction to walk uphill. Yours is the "
               "gradient of the loss", expected=show(expected), got=show(value))
    expect(close(value, expected, 1e-9),
           f"gradient(beta, X, y) is off{gradient_hint(value, X, y, beta)}",
           expected=f"X~^T (y - sigmoid(eta)) = {show(expected)}", got=show(value))
    return value


def gradient_hint(value: np.ndarray, X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> str:
    """What a wrong gradient most likely got wrong about the intercept, or ''."""
    expected = ref.gradient(beta, X, y)
    rule = "eta = beta[0] + X @ beta[1:] (X comes without a column of ones)"
    if close(value, ref.gradient(np.concatenate([[0.0], beta[1:]]), X, y), 1e-9):
        return f": beta[0] is ignored, the intercept is missing from eta. {rule}"
    if close(value, np.concatenate([expected[1:], expected[:1]]), 1e-9):
        return ": the intercept's entry should come first, gradient[0] = sum(y - p)"
    if close(value[1:], expected[1:], 1e-9):
        return (": entry 0 is the intercept's, sum(y - p) (the column of ones in X~), "
                "the others are right")
    return ""


@milestone("5.1")
def test_gradient_matches_the_judge(week):
    X, y, beta = PUBLIC
    expect_gradient(week, X, y, beta, "40 rows, 3 features")


@milestone("5.1")
def test_gradient_is_the_slope_of_your_log_likelihood(week):
    X, y, beta = PUBLIC
    got = evaluate(week, [("gradient", [beta, X, y])], target="logistic.gradient",
                   label="gradient(beta, X, y)")[0]
    value = answered(got, "gradient(beta, X, y)", (len(beta),))
    slopes = central_differences(week, "log_likelihood", beta, [X, y])
    if close(value, -slopes, 1e-5) and not close(value, slopes, 1e-5):
        expect(False, "gradient points downhill on your own log_likelihood: its sign is "
               "flipped. Gradient ascent and Newton's method then walk the wrong way",
               expected=f"the slopes of log_likelihood: {show(slopes, 5)}", got=show(value, 5))
    expect(close(value, slopes, 1e-5), "gradient disagrees with the slopes of your own "
           "log_likelihood (central differences): one of the two is wrong",
           expected=f"(log_likelihood(beta + h e_j) - log_likelihood(beta - h e_j)) / 2h = "
                    f"{show(slopes, 5)}", got=show(value, 5))


# -- Hessian ---------------------------------------------------------------------------------


def expect_hessian(week: Any, X: np.ndarray, beta: np.ndarray, what: str,
                   rtol: float = 1e-9) -> np.ndarray:
    """hessian(beta, X) is -X~^T W X~, shape (p + 1, p + 1); returns it."""
    p1 = len(beta)
    got = evaluate(week, [("hessian", [beta, X])], target="logistic.hessian",
                   label=f"hessian(beta, X) on {what}")[0]
    value = answered(got, "hessian(beta, X)", (p1, p1))
    expected = ref.hessian(beta, X)
    Xt = ref.design(X)
    if close(value, -Xt.T @ Xt, 1e-9) or close(value, Xt.T @ Xt, 1e-9):
        expect(False, "hessian is missing the weights: each row counts with "
               "W = p (1 - p) = sigmoid(eta) * sigmoid(-eta), so H = -X~^T W X~",
               expected=show(expected, 5), got=show(value, 5))
    if close(value, -expected, rtol):
        expect(False, "hessian has the wrong sign: the log-likelihood is concave, so its "
               "Hessian -X~^T W X~ is negative semidefinite. Yours is the loss's",
               expected=show(expected, 5), got=show(value, 5))
    expect(close(value, expected, rtol), f"hessian(beta, X) is off on {what}",
           expected=f"-X~^T W X~ =\n{show(expected, 5)}", got=show(value, 5))
    return value


@milestone("5.1")
def test_hessian_matches_the_judge(week):
    X, _, beta = PUBLIC
    value = expect_hessian(week, X, beta, "40 rows, 3 features")
    top = float(np.max(np.linalg.eigvalsh((value + value.T) / 2)))
    expect(top <= 1e-9 * float(np.max(np.abs(value))), "hessian should be negative "
           "semidefinite (the log-likelihood is concave)", expected="eigenvalues <= 0",
           got=f"largest eigenvalue {top:.3g}")


@milestone("5.1")
def test_hessian_is_the_slope_of_your_gradient(week):
    X, y, beta = PUBLIC
    got = evaluate(week, [("hessian", [beta, X])], target="logistic.hessian",
                   label="hessian(beta, X)")[0]
    value = answered(got, "hessian(beta, X)", (len(beta), len(beta)))
    slopes = central_differences(week, "gradient", beta, [X, y])
    if not close(value, slopes, 1e-5):
        mine = evaluate(week, [("gradient", [beta, X, y])], target="logistic.gradient",
                        label="gradient(beta, X, y), which this check differentiates")[0]
        if mine["value"] is None or not close(mine["value"], ref.gradient(beta, X, y), 1e-9):
            right = close(value, ref.hessian(beta, X), 1e-9)
            expect(False, "hessian is compared with the slopes of your own gradient, and "
                   "your gradient is off (see the gradient checks): fix the gradient first"
                   + (". Your hessian itself matches the judge's: leave it as it is"
                      if right else ""),
                   expected=f"the slopes of a right gradient, -X~^T W X~ =\n"
                            f"{show(ref.hessian(beta, X), 5)}", got=show(value, 5))
    expect(close(value, slopes, 1e-5), "hessian disagrees with the slopes of your own "
           "gradient (central differences): column j of H is d gradient / d beta_j. Are the "
           "weights p (1 - p) there, and the sign?",
           expected=f"(gradient(beta + h e_j) - gradient(beta - h e_j)) / 2h =\n"
                    f"{show(slopes, 5)}", got=show(value, 5))


# -- extreme logits --------------------------------------------------------------------------


def extreme_beta(X: np.ndarray, size: float) -> np.ndarray:
    """beta with |eta| of about `size` on every row: intercept 0, one column scaled up."""
    beta = np.zeros(X.shape[1] + 1)
    beta[1] = size / np.min(np.abs(X[:, 0]))
    return beta


def signed_rows(seed: int, n: int = 30, p: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose first feature is +-1..2 (so |eta| is large everywhere), random 0/1 y."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    X[:, 0] = rng.choice([-1.0, 1.0], n) * rng.uniform(1.0, 2.0, n)
    y = (rng.random(n) < 0.5).astype(float)
    return X, y


def expect_finite_at(week: Any, X: np.ndarray, y: np.ndarray, beta: np.ndarray,
                     what: str) -> None:
    """log_likelihood and gradient finite and equal to the judge's where |eta| is huge."""
    calls = [("log_likelihood", [beta, X, y]), ("gradient", [beta, X, y])]
    got = evaluate(week, calls, target="logistic.log_likelihood",
                   label=f"log_likelihood and gradient at {what}")
    ll = float(answered(got[0], f"log_likelihood at {what}", ()))
    expected = ref.log_likelihood(beta, X, y)
    warned = "; ".join(got[0]["warnings"])[:200]
    expect(bool(np.isfinite(ll)) and np.isclose(ll, expected, rtol=1e-9),
           f"log_likelihood is wrong at {what}: log(1 + e^eta) overflows there, and "
           "log(sigmoid) of an exact 0 is -inf. Write it as y * eta - np.logaddexp(0, eta)",
           expected=f"{expected:.10g}", got=f"{ll!r}" + (f" (warned: {warned})" if warned else ""))
    grad = answered(got[1], f"gradient at {what}", (len(beta),))
    expected = ref.gradient(beta, X, y)
    if close(grad, -expected, 1e-9):
        expect(False, f"gradient at {what} is exactly the right one negated: the sign is "
               "flipped. It is the log-likelihood's gradient, X~^T (y - p), uphill",
               expected=show(expected), got=show(grad))
    expect(close(grad, expected, 1e-9),
           f"gradient is wrong at {what}: is sigmoid stable there?",
           expected=show(expected), got=show(grad))


@milestone("5.1")
def test_log_likelihood_and_gradient_at_extreme_logits(week):
    X, y = signed_rows(52)
    for size in (1e3, 1e4):
        expect_finite_at(week, X, y, extreme_beta(X, size), f"|eta| >= {size:g} on every row")


@milestone("5.1")
def test_hessian_weights_survive_large_logits(week):
    X, _ = signed_rows(53)
    beta = extreme_beta(X, 40.0)  # |eta| from 40 to 80: p rounds to 1.0 for positive eta
    got = evaluate(week, [("hessian", [beta, X])], target="logistic.hessian",
                   label="hessian(beta, X) with |eta| from 40 to 80 on every row")[0]
    value = answered(got, "hessian(beta, X) at large logits", (len(beta), len(beta)))
    expected = ref.hessian(beta, X)
    expect(close(value, expected, 1e-6), "hessian loses rows where eta > 37: there "
           "sigmoid(eta) rounds to 1.0 and p * (1 - p) to 0. Write the weights as "
           "sigmoid(eta) * sigmoid(-eta), or Newton's method stops early on separable data",
           expected=f"-X~^T W X~, tiny but not 0:\n{show(expected, 4)}", got=show(value, 4))


def expect_gradient_keeps_tiny_residuals(week: Any, X: np.ndarray, beta: np.ndarray,
                                        what: str) -> None:
    """At logits of 40 and more with every row on its right side, the gradient is tiny, not 0."""
    y = (ref.eta_of(beta, X) > 0).astype(float)  # each row classified right, with certainty
    got = evaluate(week, [("gradient", [beta, X, y])], target="logistic.gradient",
                   label=f"gradient(beta, X, y) with {what}, every row classified right")[0]
    value = answered(got, f"gradient at {what}", (len(beta),))
    expected = ref.gradient(beta, X, y)
    rounded = ref.design(X).T @ (y - ref.sigmoid(ref.eta_of(beta, X)))
    if close(value, expected, 1e-6):
        return
    if close(value, -expected, 1e-6) or close(value, -rounded, 1e-9):
        expect(False, f"gradient at {what} is the right one negated: the sign is flipped. "
               "It is the log-likelihood's gradient, X~^T (y - p), uphill"
               + ("" if close(value, -expected, 1e-6) else ". And past eta = 37, "
                  "1 - sigmoid(eta) rounds to 0.0: write y - p as "
                  "y * sigmoid(-eta) - (1 - y) * sigmoid(eta)"),
               expected=show(expected, 4), got=show(value, 4))
    expect(not close(value, rounded, 1e-9), "gradient loses the rows where eta > 37: there "
           "sigmoid(eta) rounds to 1.0, so y - p = 1 - sigmoid(eta) is 0.0 instead of "
           "e^-eta (4e-18 at 40). On separable data Newton's step then rounds to 0 and "
           "'converges'. Write the residual as y * sigmoid(-eta) - (1 - y) * sigmoid(eta)",
           expected=f"X~^T (y - p), tiny but not 0: {show(expected, 4)}", got=show(value, 4))
    expect(False, f"gradient is wrong at {what}: is y - p computed without rounding? "
           "y * sigmoid(-eta) - (1 - y) * sigmoid(eta) keeps it exact",
           expected=show(expected, 4), got=show(value, 4))


@milestone("5.1")
def test_gradient_survives_large_logits(week):
    X, _ = signed_rows(54)
    expect_gradient_keeps_tiny_residuals(week, X, extreme_beta(X, 40.0),
                                         "|eta| from 40 to 80 on every row")


# -- vectorized ------------------------------------------------------------------------------

SPEED_SNIPPET = """
import math
import time
import traceback
import numpy as np
import logistic

rng = np.random.default_rng(0)
X = rng.normal(size=(20_000, 4))
y = (rng.random(20_000) < 0.5).astype(float)
beta = rng.normal(scale=0.3, size=5)

def learner():
    logistic.gradient(beta, X, y)
    logistic.hessian(beta, X)

def loop():
    g, H = np.zeros(5), np.zeros((5, 5))
    for row, label in zip(X, y):
        x = np.concatenate([[1.0], row])
        eta = float(x @ beta)
        p = 1 / (1 + math.exp(-eta)) if eta >= 0 else math.exp(eta) / (1 + math.exp(eta))
        g += (label - p) * x
        H -= p * (1 - p) * np.outer(x, x)

def best(run, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        if sum(times) > 1.0:
            break
    return min(times)

result = None
for name, args in (("gradient", (beta, X, y)), ("hessian", (beta, X))):  # the warm-up
    try:
        getattr(logistic, name)(*args)
    except MemoryError as exc:  # an n x n matrix (np.diag(w)) on 20,000 rows
        frames = [[f.lineno, f.name, f.line] for f in traceback.extract_tb(exc.__traceback__)
                  if f.filename.endswith("logistic.py")]
        result = {"memory": name, "error": str(exc), "frames": frames[-1:]}
        break
if result is None:
    result = {"learner_s": best(learner, 5), "loop_s": best(loop, 2)}
"""

#: A row loop over 20,000 rows takes ~0.2 s here, NumPy over the whole matrix ~2 ms.
MIN_SPEEDUP = 5.0


@milestone("5.1")
def test_gradient_and_hessian_are_vectorized(week):
    X, y, beta = PUBLIC
    evaluate(week, [("gradient", [beta, X, y]), ("hessian", [beta, X])],
             target="logistic.gradient", label="gradient and hessian")  # a starter stops here
    timing = week.run_snippet(SPEED_SNIPPET, target="logistic.gradient",
                              label="gradient and hessian on 20,000 rows, timed against a "
                                    "loop over the rows in the same kernel")
    if "memory" in timing:
        name, file = timing["memory"], current.where.rpartition("::")[0]
        raise LearnerFault(Reason.MEMORY, "MemoryError", f"{timing['error']}. {name} built an "
                           "n x n matrix, 20,000 x 20,000 here: np.diag(w) is one. Scale the "
                           "rows instead: (Xt * w[:, None]).T @ Xt",
                           where=f"{file}::{name}", checking=current.checking,
                           frames=[f"{file}:{line} in {func}: {code}"
                                   for line, func, code in timing["frames"]])
    ratio = timing["loop_s"] / max(timing["learner_s"], 1e-9)
    expect(ratio >= MIN_SPEEDUP, f"gradient + hessian ran at {ratio:.1f}x the speed of a "
           "Python loop over the rows: is there a loop (for, a comprehension, sum of outer "
           "products) over rows? Build them from matrix products of X~",
           expected=f"at least {MIN_SPEEDUP:g}x (the loop took {timing['loop_s'] * 1e3:.0f} ms)",
           got=f"{timing['learner_s'] * 1e3:.1f} ms: {ratio:.1f}x")
