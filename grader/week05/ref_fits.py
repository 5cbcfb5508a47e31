"""Judge-side helpers shared by milestones 5.2 and 5.3: run a learner's fit, read its Fit.

A fit runs in the sandbox with warnings recorded; what comes back is data: the type of the
returned object, its coef as a float array, n_iter, converged, and the warnings' texts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from grader.engine.checks import expect

FIT_SNIPPET = """
import warnings
import numpy as np
import logistic

error = None
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        fit = getattr(logistic, name)(X, y, **options)
    except NotImplementedError:
        raise  # the starter: not started
    except Exception as exc:
        if not catch:
            raise
        fit, error = None, f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:200]
seen = sorted({f"{w.category.__name__}: {' '.join(str(w.message).split())}"[:160]
               for w in caught})
result = {"type": type(fit).__name__, "warnings": seen, "error": error}
for field in ("coef", "n_iter", "converged"):
    if not hasattr(fit, field):
        result[field] = None
        continue
    value = getattr(fit, field)
    result[field + "_type"] = type(value).__name__
    if field == "coef":
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            value = None
    elif field == "n_iter":
        value = int(value) if isinstance(value, (int, np.integer)) else None
    else:
        value = bool(value) if isinstance(value, (bool, np.bool_)) else None
    result[field] = value
"""

CONVERGENCE = "ConvergenceWarning"


def run_fit(week: Any, name: str, X: np.ndarray, y: np.ndarray, *, what: str,
            on_error: str | Callable[[str], str] = "", **options: Any) -> dict[str, Any]:
    """The learner's `name`(X, y, **options): type, coef, n_iter, converged, warnings.

    With `on_error`, an exception fails the check with that message, or with
    `on_error(error text)` if it is a function (else it is reported as the learner's
    exception, with its trace).
    """
    shown = ", ".join(["X", "y", *(f"{k}={v!r}" for k, v in options.items())])
    got = week.run_snippet(FIT_SNIPPET, target=f"logistic.{name}",
                           label=f"{name}({shown}) on {what}", name=name, X=X, y=y,
                           options=options, catch=bool(on_error))
    if got["error"] is not None:
        expect(False, on_error(got["error"]) if callable(on_error) else on_error,
               expected="a Fit", got=got["error"])
    call = f"{name}(...)"
    missing = [f for f in ("coef", "n_iter", "converged") if got[f] is None]
    expect(not missing, f"{call} should return Fit(coef, n_iter, converged): the given "
           "dataclass, with coef a float array, n_iter an int and converged a bool",
           expected="Fit(coef=array([...]), n_iter=12, converged=True)",
           got=f"a {got['type']}" + (f" whose {', '.join(missing)} is missing or of the "
                                     "wrong type" if got["type"] == "Fit" else ""))
    p1 = X.shape[1] + 1
    expect(got["coef"].shape == (p1,), f"{call}: coef should have p + 1 = {p1} entries, "
           "the intercept first", expected=f"shape ({p1},)", got=f"shape {got['coef'].shape}")
    got["warned"] = any(w.startswith(CONVERGENCE) for w in got["warnings"])
    return got


def describe_fit(got: dict[str, Any]) -> str:
    """One line: n_iter, converged, warnings."""
    warned = "; ".join(got["warnings"])[:160] or "no warning"
    return f"n_iter={got['n_iter']}, converged={got['converged']}, {warned}"


def expect_stopped_at_cap(got: dict[str, Any], call: str, max_iter: int, why: str) -> None:
    """At the cap: converged False, n_iter == max_iter, a ConvergenceWarning."""
    expect(got["converged"] is False, f"{call} cannot have converged ({why}), yet says so",
           expected=f"converged=False after max_iter={max_iter} steps", got=describe_fit(got))
    expect(got["n_iter"] == max_iter, f"{call} should count the steps it took: all of them "
           f"({why})", expected=f"n_iter == max_iter == {max_iter}", got=describe_fit(got))
    expect(got["warned"], f"{call} stopped at max_iter without a ConvergenceWarning: a caller "
           "would trust coefficients that are still moving. warnings.warn(..., "
           "ConvergenceWarning) (from sklearn.exceptions)",
           expected="a ConvergenceWarning", got=describe_fit(got))
    expect(bool(np.all(np.isfinite(got["coef"]))), f"{call} returned coefficients that are "
           "not finite", expected="finite numbers", got=str(got["coef"]))


def distance_bound(X: np.ndarray, y: np.ndarray, mle: np.ndarray, tol: float) -> float:
    """How far from the MLE a stop at max|mean gradient| < tol may leave the coefficients."""
    from grader.week05 import ref_logistic as ref

    mean_h = -ref.hessian(mle, X) / len(y)
    return 2.0 * float(np.linalg.norm(np.linalg.inv(mean_h), ord=np.inf)) * tol + 1e-12
