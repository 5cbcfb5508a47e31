"""Judge-side for 7.1 (and its hidden checks): does each claimed fix do what its issue asks?

The learner's function runs in the sandbox, imported from their ``upstream/`` the way the
project's users import it (``import churnkit.lift``); its answer comes back as data and is
compared here with `ref_fixes`. One ``expect_<issue>`` per issue, each given its inputs, so
the public checks and the hidden ones (seeded inputs) say the same things.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import CheckFailed, describe, expect
from grader.week07 import ref_changelog as C
from grader.week07 import ref_fixes as R
from grader.week07 import ref_runs as runs

#: Runs in the sandbox: import the learner's module from their upstream/ copy.
IMPORT = """
import importlib
import sys

if UPSTREAM not in sys.path:
    sys.path.insert(0, UPSTREAM)
module = importlib.import_module("churnkit." + MODULE)
"""
#: Then call their function on data; its answer comes back as data.
CALL = IMPORT + "result = getattr(module, FUNCTION)(*ARGS, **KWARGS)\n"
#: The same, for a call that should raise: what it raised, as data.
CALL_RAISES = IMPORT + """
try:
    answer = getattr(module, FUNCTION)(*ARGS, **KWARGS)
    result = {"raised": None, "answer": repr(answer)[:80]}
except Exception as error:
    result = {"raised": type(error).__name__, "value_error": isinstance(error, ValueError),
              "message": str(error)[:200]}
"""
SHOWN_ROWS = 3


def call(week: Any, issue: int, args: list[Any], kwargs: dict[str, Any] | None = None, *,
         shown: str, code: str = CALL) -> Any:
    """The learner's fixed function of `issue` on `args`, in the sandbox; its answer."""
    module, function = C.MODULES[issue], C.FUNCTIONS[issue]
    return week.run_snippet(code, label=f"{function}({shown})",
                            target=f"{runs.UPSTREAM}.churnkit.{module}.{function}",
                            UPSTREAM=str(week.sandbox.root / runs.UPSTREAM), MODULE=module,
                            FUNCTION=function, ARGS=list(args), KWARGS=kwargs or {})


# --- #1 ---------------------------------------------------------------------------------------


def expect_missing(week: Any, frame: pd.DataFrame, shown: str) -> None:
    got = call(week, 1, [frame], shown=shown)
    want = R.missing_report(frame)
    expect(isinstance(got, pd.DataFrame), "missing_report should still return its report "
           "table", expected="DataFrame indexed by column, with n_missing and share_missing",
           got=describe(got))
    expect({"n_missing", "share_missing"} <= set(got.columns), "missing_report's report "
           "keeps its columns", expected="n_missing, share_missing",
           got=", ".join(map(str, got.columns)))
    counts = {str(k): v for k, v in got["n_missing"].items()}
    wrong = [f"{column}: expected {n}, got {counts.get(str(column), 'no row')}"
             for column, n in want["n_missing"].items() if counts.get(str(column)) != n]
    if wrong:
        over = any(isinstance(counts.get(str(c)), (int, np.integer)) and counts[str(c)] > n
                   for c, n in want["n_missing"].items())
        raise CheckFailed(
            "missing_report should count NaN, None, NaT and pd.NA, and strings that are "
            "empty once stripped (\"\", \" \", \"\\t\"), as missing (issue #1)",
            expected="n_missing per column: " + ", ".join(
                f"{c} {n}" for c, n in want["n_missing"].items() if n)[:200],
            got="\n".join(wrong[:SHOWN_ROWS]),
            lines=["Note      strings with content (\"N/A\", \"No phone service\") are not "
                   "missing: that is #6, not accepted"] if over else [])
    expect(got["n_missing"].dtype.kind in "iu" and got["share_missing"].dtype.kind == "f",
           "keep the report's dtypes (the maintainer's comment on #1)",
           expected="n_missing int64, share_missing float64",
           got=f"n_missing {got['n_missing'].dtype}, share_missing {got['share_missing'].dtype}")
    order = [str(c) for c in got.index]
    expect(order == [str(c) for c in want.index], "missing_report sorts its rows by "
           "n_missing, largest first; equal counts keep the frame's column order",
           expected=", ".join(map(str, want.index))[:200], got=", ".join(order)[:200])
    share = got["share_missing"].to_numpy(dtype=float)
    expect(np.allclose(share, want["share_missing"].to_numpy(), rtol=1e-12, atol=0),
           "share_missing is n_missing / the number of rows",
           expected=want["share_missing"].round(4).tolist()[:6],
           got=np.round(share, 4).tolist()[:6])


# --- #2 ---------------------------------------------------------------------------------------


def _lift_variants(y: list[int], p: list[float], fraction: float) -> dict[str, float]:
    """What the usual slips give: the bug itself, an unstable descending sort, floor()."""
    n, base = len(y), sum(y) / len(y)

    def lift(order: list[int], k: int) -> float:
        top = order[:k]
        return (sum(y[i] for i in top) / len(top)) / base if top else float("nan")

    k = R.top_count(fraction, n)
    ascending = sorted(range(n), key=lambda i: p[i])
    return {
        "the lowest probabilities first: the bug of #2": lift(ascending, k),
        "ties in reversed input order (a descending sort that is not stable, like "
        "np.argsort(p)[::-1]): equal probabilities keep their input order": lift(
            list(np.argsort(np.asarray(p), kind="stable")[::-1]), k),
        f"{int(fraction * n)} customers (floor): the top is ceil(fraction * n) = {k}": lift(
            sorted(range(n), key=lambda i: -p[i]), max(int(fraction * n), 1)),
    }


def expect_lift(week: Any, y: list[int], p: list[float], fraction: float, shown: str) -> None:
    got = call(week, 2, [y, p], {"fraction": fraction}, shown=shown)
    want = R.lift_at(y, p, fraction)
    expect(isinstance(got, (int, float)) and not isinstance(got, bool),
           "lift_at returns one number", expected=f"a float such as {want:.4g}",
           got=describe(got))
    if math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12):
        return
    slips = [why for why, value in _lift_variants(y, p, fraction).items()
             if math.isclose(got, value, rel_tol=1e-9) and not math.isclose(value, want)]
    raise CheckFailed(
        f"lift_at should take the top ceil(fraction * n) = {R.top_count(fraction, len(y))} "
        "customers by probability, highest first, ties in input order (issue #2)",
        expected=f"{want:.6g}", got=f"{got:.6g}",
        lines=[f"Looks like {slips[0]}"] if slips else [])


# --- #3 ---------------------------------------------------------------------------------------


def expect_threshold(week: Any, y: list[int], p: list[float], cost_missed: float,
                     cost_offer: float, shown: str) -> None:
    got = call(week, 3, [y, p], {"cost_missed": cost_missed, "cost_offer": cost_offer},
               shown=shown)
    expect(isinstance(got, (int, float)) and not isinstance(got, bool),
           "best_threshold returns one threshold", expected="a float, one of proba",
           got=describe(got))
    problem = R.threshold_problem(y, p, float(got), cost_missed, cost_offer)
    if problem is None:
        return
    ignored = R.best_threshold(y, p, cost_missed, 50.0)
    lines = [f"Looks like cost_offer is still ignored: {ignored:g} is the best threshold "
             "for cost_offer=50 (the module's constant)"] if float(got) == ignored else []
    raise CheckFailed(
        f"best_threshold should use the caller's cost_missed={cost_missed:g} and "
        f"cost_offer={cost_offer:g} (issue #3): the cheapest probability as threshold, "
        "the highest among equally cheap ones",
        expected=f"{R.best_threshold(y, p, cost_missed, cost_offer):g}",
        got=f"{got!r}: {problem}", lines=lines)


# --- #4 ---------------------------------------------------------------------------------------


def _split(week: Any, frame: pd.DataFrame, test_size: float, seed: int | None,
           shown: str) -> list[Any]:
    """The learner's split of `frame`, checked for shape; the test rows' index labels."""
    kwargs = {"test_size": test_size, **({"seed": seed} if seed is not None else {})}
    got = call(week, 4, [frame, "churn"], kwargs, shown=shown)
    expect(isinstance(got, (tuple, list)) and len(got) == 2 and
           all(isinstance(part, pd.DataFrame) for part in got),
           "holdout_split returns (train, test), two DataFrames",
           expected="a tuple of two DataFrames", got=describe(got))
    train, test = got
    problems = R.split_problems(list(frame.index), frame["churn"].tolist(), test_size,
                                list(train.index), list(test.index))
    expect(not problems, "holdout_split's answer should still be the stratified split it was "
           "(only the seeding changes, says the maintainer on #4)", expected="every row once; "
           "per class round(test_size * n_class) test rows; rows in the table's order",
           got="\n".join(problems[:SHOWN_ROWS]))
    return list(test.index)


def expect_split(week: Any, frame: pd.DataFrame, test_size: float, seeds: tuple[int, int],
                 shown: str) -> None:
    """Each seed (and the default, 0) gives the documented draw's split, every time."""
    labels = frame["churn"].tolist()
    for seed in (*seeds, None):
        said = f"seed={seed}" if seed is not None else "the default seed"
        test = _split(week, frame, test_size, seed, f"{shown}, {said}")
        want = list(frame.index[R.holdout_test_rows(labels, test_size, seed or 0)])
        if test == want:
            continue
        again = _split(week, frame, test_size, seed, f"{shown}, {said}, again")
        moved = len(set(test) ^ set(again)) // 2
        expect(test == again, f"two calls with {said} gave different splits (issue #4): "
               "seed the generator, np.random.default_rng(seed)",
               expected="the same test rows twice",
               got=f"{moved} of {len(test)} test rows differ between the two calls")
        constant = [s for s in (0, 42, 1, *seeds) if s != (seed or 0) and
                    list(frame.index[R.holdout_test_rows(labels, test_size, s)]) == test]
        raise CheckFailed(
            f"{said} gives the same split every time, but not the one churnkit's users get: "
            "only the seeding should change (the maintainer on #4), "
            "np.random.default_rng(seed), with the draw as it was",
            expected=f"test rows {', '.join(map(str, want[:4]))}, ...",
            got=f"test rows {', '.join(map(str, test[:4]))}, ..."
                + (f" (the split of seed={constant[0]}: a constant seed?)" if constant else ""))


# --- #5 ---------------------------------------------------------------------------------------


def expect_psi(week: Any, expected: list[float], actual: list[float], bins: int,
               epsilon: float | None, shown: str) -> None:
    kwargs = {"bins": bins, **({"epsilon": epsilon} if epsilon is not None else {})}
    got = call(week, 5, [expected, actual], kwargs, shown=shown)
    eps = 1e-4 if epsilon is None else epsilon
    want = R.population_stability_index(expected, actual, bins, eps)
    other = R.population_stability_index(expected, actual, bins, eps, floor_in_difference=False)
    expect(isinstance(got, (int, float)) and not isinstance(got, bool),
           "population_stability_index returns one number", expected=f"a float such as "
           f"{want:.4g}", got=describe(got))
    if math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12):
        return
    epsilon_shown = "the default epsilon=1e-4" if epsilon is None else f"epsilon={epsilon:g}"
    if math.isinf(got) or math.isnan(got):
        hint = "the PSI is still not finite: floor both bin shares at epsilon before the log"
    elif math.isclose(got, _psi_variant(expected, actual, bins, eps, "add"), rel_tol=1e-9):
        hint = ("adding epsilon to every share changes every bin: floor them instead, "
                "np.maximum(share, epsilon)")
    elif math.isclose(got, _psi_variant(expected, actual, bins, eps, "actual"), rel_tol=1e-9):
        hint = "only actual's shares are floored: expected's can be empty too (floor both)"
    elif math.isclose(got, other, rel_tol=1e-9):
        hint = ("the floored shares go into the log only: the maintainer floors them before "
                "the whole formula, (a - e) included")
    else:
        hint = ""
    raise CheckFailed(
        f"population_stability_index with {epsilon_shown} should floor both bin shares at "
        "epsilon before the log, so an empty bin gives a finite PSI (issue #5)",
        expected=f"{want:.6g}", got=f"{got:.6g}", lines=[f"Looks like {hint}"] if hint else [])


def expect_epsilon_checked(week: Any) -> None:
    """epsilon=0 and a negative epsilon raise ValueError (the maintainer on #5)."""
    for epsilon in (0.0, -1e-4):
        got = call(week, 5, [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0]], {"bins": 2, "epsilon": epsilon},
                   shown=f"[1.0, 2.0, 3.0, 4.0], [1.0, 2.0], bins=2, epsilon={epsilon:g}",
                   code=CALL_RAISES)
        expect(bool(got.get("value_error")), "population_stability_index should raise "
               "ValueError when epsilon is not positive (the maintainer on #5)",
               expected="ValueError naming epsilon",
               got=f"{got['raised']}: {got['message']}" if got.get("raised") else
               f"no error; it returned {got.get('answer')}")


def _psi_variant(expected: list[float], actual: list[float], bins: int, eps: float,
                 slip: str) -> float:
    """The usual slips: epsilon added to every share ("add"), or actual's floored only."""
    e_values, a_values = np.asarray(expected, float), np.asarray(actual, float)
    inner = np.unique(np.quantile(e_values, np.linspace(0, 1, bins + 1))[1:-1])
    e, a = R.shares(e_values, inner), R.shares(a_values, inner)
    if slip == "add":
        e, a = e + eps, a + eps
    else:
        a = np.maximum(a, eps)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum((a - e) * np.log(a / e)))
