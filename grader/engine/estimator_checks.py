"""scikit-learn's own `check_estimator`, run in the sandbox on a learner's class, reported by name.

For any ``module.Class`` a week asks for (week 3's QuantileClipper, week 5's
ScratchLogisticRegression): the checks run next to the learner's code, each
failing check comes back as ``[name, "ExceptionType: message"]`` (data, nothing pickled), and
`expect_estimator_checks` turns the first failure into a message with what it usually means.
The starter's NotImplementedError is re-raised, so an untouched class reads "not started".

    expect_estimator_checks(week, "estimator.ScratchLogisticRegression", HINTS)
"""

from __future__ import annotations

from typing import Any

from grader.engine.checks import expect

#: Hints any estimator shares; a week adds or overrides its own in `expect_estimator_checks`.
COMMON_HINTS = {
    "check_no_attributes_set_in_init":
        "__init__ should only store its arguments; anything learned is set in fit",
    "check_do_not_raise_errors_in_init_or_set_params":
        "validate parameters in fit, not in __init__ (set_params skips __init__)",
    "check_parameters_default_constructible":
        "__init__ should store each argument unchanged, under its own name",
    "check_get_params_invariance": "__init__ should store each argument under its own name",
    "check_estimator_cloneable":
        "__init__ should store each argument unchanged, under its own name",
    "check_estimators_overwrite_params":
        "fit must not change a parameter (self.tol, self.max_iter...): keep a local copy",
    "check_dont_overwrite_parameters":
        "fit may only add attributes whose names end in _ (coef_, classes_...)",
    "check_dict_unchanged": "predict and transform must not store anything on self",
    "check_n_features_in": "call validate_data(self, X, y) in fit",
    "check_n_features_in_after_fitting":
        "validate_data(self, X, y) in fit, validate_data(self, X, reset=False) afterwards",
    "check_fit_check_is_fitted": "learn attributes ending in _ in fit",
    "check_estimators_unfitted":
        "start predict, predict_proba and decision_function with check_is_fitted(self)",
    "check_fit_idempotent": "fit should start from scratch each time",
    "check_methods_subset_invariance": "score each row on its own, with what fit learned",
}

#: Checks whose failure explains others (state set in __init__ makes the estimator look fitted
#: before fit): when several fail, the message shows the first of these that did.
ROOT_CAUSES = ("check_no_attributes_set_in_init", "check_estimators_overwrite_params",
               "check_dont_overwrite_parameters", "check_parameters_default_constructible",
               "check_get_params_invariance", "check_estimator_cloneable",
               "check_do_not_raise_errors_in_init_or_set_params")

SNIPPET = """
import importlib
import warnings
from sklearn.utils.estimator_checks import check_estimator

cls = getattr(importlib.import_module(module), name)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    results = check_estimator(cls(), on_fail=None, on_skip=None)
failed = []
for r in results:
    exc = r["exception"]
    if isinstance(exc, NotImplementedError) and str(exc).startswith("Milestone"):
        raise exc  # the starter: not started
    if r["status"] == "failed":
        text = f"{type(exc).__name__}: {' '.join(str(exc).split()) or repr(exc)}"
        failed.append([r["check_name"], text if len(text) <= 150 else text[:147] + "..."])
result = {"n": len(results), "failed": failed}
"""


def run_estimator_checks(week: Any, target: str) -> dict[str, Any]:
    """``{"n": checks run, "failed": [[check name, error text], ...]}`` for ``module.Class``."""
    module, _, name = target.rpartition(".")
    return week.run_snippet(SNIPPET, target=target, label=f"check_estimator({name}())",
                            module=module, name=name)


def expect_estimator_checks(week: Any, target: str, hints: dict[str, str] | None = None,
                            special: Any = None) -> None:
    """Every scikit-learn estimator check passes; else name the failures and a likely fix.

    `hints` maps check names to what their failure usually means here (over COMMON_HINTS);
    `special(name, error)` may return a hint read from the error text instead.
    """
    got = run_estimator_checks(week, target)
    failed = got["failed"]
    if not failed:
        return
    name, error = min(failed, key=lambda f: (ROOT_CAUSES.index(f[0])
                                             if f[0] in ROOT_CAUSES else len(ROOT_CAUSES)))
    counts: dict[str, int] = {}  # a check run on several inputs fails under one name
    for n, _ in failed:
        counts[n] = counts.get(n, 0) + 1
    shown = [n + (f" (x{k})" if k > 1 else "") for n, k in counts.items()]
    names = ", ".join(shown[:4]) + (", ..." if len(shown) > 4 else "")
    hint = (special(name, error) if special else None) or {**COMMON_HINTS,
                                                           **(hints or {})}.get(name)
    expect(False, f"{len(failed)} of scikit-learn's {got['n']} estimator checks failed: {names}",
           expected="every check passes", got=f"{name} failed with\n{error}"
           + (f"\nwhich usually means: {hint}" if hint else ""))
