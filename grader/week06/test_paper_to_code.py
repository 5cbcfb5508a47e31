"""Milestone 6.4: paper_to_code.ipynb runs top to bottom and its numbers are its own.

The notebook runs in the sandbox; the checks read the names it defines: ``toy_y`` and
``toy_fit`` (an intercept-only Poisson, whose answer is known: ``log(mean(toy_y))``) and
``comparison`` (fit_glm against statsmodels for the three families, every difference at most
1e-6). Code and results are graded, not prose. To tell a computed table from a typed one,
the notebook runs once more with fit_glm's coefficients moved by 0.001
(grader/week06/ref_notebook.py), the learner's own asserts skipped: the toy and the table must
move with them. A name missing after that run is traced to the cell that assigns it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import CheckFailed, describe, expect, expect_type, milestone
from grader.engine.outcomes import current
from grader.week06 import ref_notebook

NOTEBOOK = "paper_to_code.ipynb"
FAMILIES = ("binomial", "poisson", "gaussian")
COLUMNS = ("max_coef_diff", "max_se_diff", "deviance_diff")
TOL = 1e-6
#: The public run with moved fits: every coefficient fit_glm returns, plus 0.001.
PUBLIC_SHIFT = {"coef": 1e-3, "standard_errors": 0.0, "deviance": 0.0}
#: What the checks read after a run.
READ = {"toy_y": "toy_y", "toy_coef": "toy_fit.coef", "comparison": "comparison"}

def run(week) -> None:
    week.run_notebook(NOTEBOOK)


def defines(week, name: str) -> bool:
    return bool(week.eval(f"{name!r} in globals()"))


def public(week) -> dict[str, Any]:
    """The public run's toy and table (read once: a moved run replaces the namespace)."""
    def read() -> dict[str, Any]:
        run(week)
        values = {key: week.eval(expr) if defines(week, expr.split(".")[0]) else None
                  for key, expr in READ.items()}
        values["toy_fit"] = week.eval("toy_fit") if defines(week, "toy_fit") else None
        return values
    return week.once(f"{NOTEBOOK} public values", read)


def toy_counts(value: Any) -> np.ndarray:
    """toy_y as a 1-D float array, checked to be a real count sample."""
    current.checking = "toy_y"
    expect(value is not None, f"{NOTEBOOK} should define toy_y, the counts of its toy problem",
           expected="toy_y = rng.poisson(4.0, size=200) (say)", got="no toy_y")
    if isinstance(value, (pd.Series, list, tuple)):
        value = np.asarray(value)
    expect(type(value).__name__ == "ndarray" and value.ndim == 1 and value.dtype.kind in "fiu",
           "toy_y should be a 1-D array of counts", expected="ndarray of shape (n,)",
           got=describe(value))
    y = value.astype(float)
    ok = (len(y) >= 5 and bool(np.all(np.isfinite(y))) and bool(np.all(y >= 0))
          and bool(np.all(y == np.round(y))) and float(np.ptp(y)) > 0)
    expect(ok, "toy_y should be a sample of counts: at least 5 whole numbers >= 0, not all "
           "equal (a toy whose answer is known, log(mean(toy_y)), and still a real fit)",
           expected="counts such as [3, 5, 2, 4, ...]",
           got=f"{len(y)} values: {np.round(y[:6], 3).tolist()}")
    return y


def toy_intercept(values: dict[str, Any]) -> tuple[float, np.ndarray]:
    """toy_fit.coef[0], checked to be the only coefficient, and toy_y."""
    y = toy_counts(values["toy_y"])
    fit = values.get("toy_fit", True)
    current.checking = "toy_fit"
    expect(fit is not None and values["toy_coef"] is not None, f"{NOTEBOOK} should define "
           "toy_fit, fit_glm's fit of the toy problem",
           expected="toy_fit = fit_glm(np.empty((len(toy_y), 0)), toy_y, Poisson())",
           got="no toy_fit" if fit is None else describe(fit))
    coef = values["toy_coef"]
    current.checking = "toy_fit.coef"
    expect(type(coef).__name__ == "ndarray" and coef.shape == (1,), "toy_fit should be an "
           "intercept-only fit: X with no columns, so coef holds the intercept alone",
           expected="coef of shape (1,)", got=describe(coef))
    return float(coef[0]), y


@milestone("6.4")
def test_notebook_runs_top_to_bottom(week):
    run(week)


@milestone("6.4")
def test_toy_problem_has_its_known_answer(week):
    values = public(week)
    got, y = toy_intercept(values)
    want = float(np.log(y.mean()))
    if abs(got - want) > TOL:
        extra = []
        if abs(got - y.mean()) <= TOL:
            extra = ["Fix       that is mean(toy_y): a Gaussian (identity link) fit; the toy "
                     "is a Poisson with the log link"]
        raise CheckFailed("toy_fit.coef[0] should be the known answer of an intercept-only "
                          "Poisson: the maximum likelihood intercept is log(mean(toy_y))",
                          expected=f"{want:.9f} = log({y.mean():.6g})", got=f"{got:.9f}",
                          lines=extra)


@milestone("6.4")
def test_comparison_shows_three_families_within_1e_6(week):
    expect_comparison(public(week)["comparison"])


def expect_comparison(got: Any) -> pd.DataFrame:
    current.checking = "comparison"
    expect(got is not None, f"{NOTEBOOK} should define comparison, fit_glm against "
           "statsmodels for each family", expected="a DataFrame indexed by family",
           got="no comparison")
    expect_type(got, pd.DataFrame, "comparison")
    index = [str(i).lower() for i in got.index]
    expect(sorted(index) == sorted(FAMILIES), "comparison should have one row per family, "
           "indexed by the family's name", expected=", ".join(FAMILIES),
           got=", ".join(map(str, got.index[:6])) or "no rows")
    missing = [c for c in COLUMNS if c not in got.columns]
    expect(not missing, "comparison should have the three differences as columns",
           expected=", ".join(COLUMNS), got=f"columns {', '.join(map(str, got.columns))}")
    table = got[list(COLUMNS)]
    table.index = index
    expect(all(table[c].dtype.kind in "fiu" for c in COLUMNS), "comparison's differences "
           "should be numbers", expected="float columns",
           got=", ".join(f"{c}: {table[c].dtype}" for c in COLUMNS))
    values = table.to_numpy(dtype=float)
    bad = ~(np.isfinite(values) & (values >= 0) & (values <= TOL))
    if bad.any():
        rows = [f"{table.index[i]} {COLUMNS[j]} = {values[i, j]:.3g}"
                for i, j in zip(*np.nonzero(bad), strict=True)][:3]
        raise CheckFailed("every difference in comparison should be between 0 and 1e-6: "
                          "fit_glm matches statsmodels to the sixth decimal (absolute "
                          "differences, not signed)", expected="values such as 3e-13",
                          got="\n".join(rows))
    return table


@milestone("6.4")
def test_comparison_and_toy_come_from_fit_glm(week):
    before = public(week)
    old = expect_comparison(before["comparison"])
    moved = moved_run(week, PUBLIC_SHIFT)
    table = moved_table(moved)
    delta = PUBLIC_SHIFT["coef"]
    off = [f for f in FAMILIES if f not in table.index or "max_coef_diff" not in table
           or abs(table.loc[f, "max_coef_diff"] - delta) > old.loc[f, "max_coef_diff"] + 1e-9]
    expect(not off, "comparison does not follow fit_glm: the judge ran the notebook again "
           f"with every coefficient fit_glm returns moved by {delta:g}, so max_coef_diff "
           f"should have read about {delta:g} for every family. Typed in, or computed "
           "without glm.fit_glm?", expected=f"max_coef_diff ≈ {delta:g}",
           got=", ".join(f"{f} {table.loc[f, 'max_coef_diff']:.3g}" if f in table.index
                         and "max_coef_diff" in table else f"{f} missing" for f in off))
    expect_calls_cover_families(moved)
    expect_toy_follows(before, moved, delta)


def moved_run(week, shift: dict[str, float]) -> dict[str, Any]:
    key = f"{NOTEBOOK} moved by {sorted(shift.items())}"
    return week.once(key, lambda: ref_notebook.run_with_shifted_fits(week, NOTEBOOK, shift,
                                                                     READ))


def expect_calls_cover_families(moved: dict[str, Any]) -> None:
    current.checking = f"which families {NOTEBOOK} fits with glm.fit_glm"
    seen = {c["family"] for c in moved["calls"]}
    missing = [f for f in FAMILIES if f not in seen]
    expect(not missing, "comparison should compare glm.fit_glm (your module) with statsmodels "
           "for each family: the notebook never called fit_glm for some of them",
           expected="fit_glm(X, y, Binomial()), Poisson() and Gaussian() on simulated data",
           got="fit_glm called for " + (", ".join(sorted(seen)) or "no family")
           + f"; not for {', '.join(missing)}")


def moved_table(moved: dict[str, Any]) -> pd.DataFrame:
    current.checking = "comparison, with fit_glm's results moved"
    got = moved["values"]["comparison"]
    if got is None or not isinstance(got, pd.DataFrame):
        raise missing_after_moved_run(moved, "comparison", "computed from fit_glm's fits")
    table = got[[c for c in COLUMNS if c in got.columns]].copy()
    table.index = [str(i).lower() for i in got.index]
    return table


def missing_after_moved_run(moved: dict[str, Any], name: str, what: str) -> CheckFailed:
    """`name` is missing after the moved run: which cell should have assigned it, and why not.

    The cell that assigns `name` (found in its code) comes first with its error, then the
    other cells that failed: the one that blocked `name` is never cut off the list.
    """
    errors = moved["errors"]
    owners = moved.get("assigned_in", {}).get(name, [])
    blocking = [e for e in errors if e["label"] in owners]
    if blocking:
        e = blocking[-1]
        got = f"{e['label']}, which assigns {name}, raised {e['ename']}" + (
            f": {e['evalue']}" if e["evalue"] else "")
    elif owners:
        got = f"no {name}, although {owners[-1]} assigns it"
    else:
        got = f"no {name}: no code cell assigns it"
    others = [f"cell {e['cell']} ({e['ename']})" for e in errors if e not in blocking]
    if others:
        got += "\nother failing cells: " + ", ".join(others[:5]) + (
            f" and {len(others) - 5} more" if len(others) > 5 else "")
    return CheckFailed(
        f"with fit_glm's results moved, the notebook no longer defines {name}",
        expected=f"{name} {what}, whatever numbers fit_glm returns", got=got,
        lines=["Why       the judge runs the notebook again with fit_glm's results moved a "
               "little (assert statements skipped) to tell computed numbers from typed ones: "
               f"a cell that raises when they change (if ...: raise) leaves {name} undefined. "
               "Check with assert instead"])


def expect_toy_follows(before: dict[str, Any], moved: dict[str, Any], delta: float) -> None:
    got_before, _ = toy_intercept(before)
    current.checking = "toy_fit.coef[0], with fit_glm's results moved"
    coef = moved["values"]["toy_coef"]
    if coef is None:
        raise missing_after_moved_run(moved, "toy_fit", "fitted by fit_glm")
    moved_y = moved["values"]["toy_y"]
    if moved_y is None:
        raise missing_after_moved_run(moved, "toy_y", "(the toy counts)")
    ok = (type(coef).__name__ == "ndarray" and coef.shape == (1,)
          and abs(float(coef[0]) - float(np.log(toy_counts(moved_y).mean())) - delta)
          <= TOL)
    expect(ok, "toy_fit does not follow fit_glm: with every coefficient fit_glm returns "
           f"moved by {delta:g}, toy_fit.coef[0] should be log(mean(toy_y)) + {delta:g}",
           expected=f"{got_before + delta:.6f}",
           got=f"{float(coef[0]):.6f}" if type(coef).__name__ == "ndarray" and coef.shape == (1,)
           else describe(coef))
