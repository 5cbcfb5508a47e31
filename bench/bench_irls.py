"""Week 6's IRLS against statsmodels' GLM, side by side, on one large logistic regression.

The week 6 solution's ``glm.fit_glm(X, y, families.Binomial(), tol=TOL)`` and statsmodels'
``sm.GLM(y, sm.add_constant(X), family=sm.families.Binomial()).fit(tol=TOL)`` fit the same
simulated data (100,000 rows, 50 standard-normal features, coefficients drawn once, seeded).
Both stop by the same rule (the deviance changed by at most TOL), so they run the same number
of iterations; the script asserts that, and that the coefficients agree to 1e-6, before it
reports any time. Calls alternate (ours, statsmodels, ours, ...) after one warm-up call each,
so both see the same machine load; the medians and their ratio are printed, with the CPU
seconds of each call (all threads, BLAS included) and statsmodels' ``.fit()`` alone (model
built outside the timer).
Usage: python bench/bench_irls.py [--rows N] [--features P] [--repeats R] [--tol T]
       [--week DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import statsmodels.api as sm

ROOT = Path(__file__).resolve().parents[1]
WEEK = ROOT / "solutions" / "week06"
TARGET_RATIO = 1.5  # fit_glm's median time / statsmodels' median time
AGREE = 1e-6  # largest coefficient difference allowed


def simulate(n: int, p: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """X (n, p) standard normal; y 0/1 from a logistic model with N(0, 0.2^2) coefficients."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    coef = rng.normal(scale=0.2, size=p + 1)
    eta = coef[0] + X @ coef[1:]
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-eta))).astype(float)
    return X, y


def timed(call: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of the process, result) of one call."""
    cpu, start = time.process_time(), time.perf_counter()
    result = call()
    return time.perf_counter() - start, time.process_time() - cpu, result


def measure(week: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Warm up, check agreement, then time `args.repeats` alternating calls of each."""
    sys.path.insert(0, str(week))
    sys.dont_write_bytecode = True
    from families import Binomial
    from glm import fit_glm

    X, y = simulate(args.rows, args.features, args.seed)

    def ours() -> Any:
        return fit_glm(X, y, Binomial(), tol=args.tol)

    def theirs() -> Any:
        exog = sm.add_constant(X, has_constant="add")
        return sm.GLM(y, exog, family=sm.families.Binomial()).fit(tol=args.tol)

    model = sm.GLM(y, sm.add_constant(X, has_constant="add"), family=sm.families.Binomial())

    def theirs_fit_only() -> Any:
        return model.fit(tol=args.tol)

    fit, ref = ours(), theirs()  # warm-up, and the agreement check
    coef_diff = float(np.max(np.abs(fit.coef - ref.params)))
    se_diff = float(np.max(np.abs(fit.standard_errors - ref.bse)))
    assert coef_diff <= AGREE, f"coefficients differ by {coef_diff:.2e} > {AGREE}"
    assert fit.n_iter == ref.fit_history["iteration"], (fit.n_iter, ref.fit_history)
    theirs_fit_only()

    runs: dict[str, list[tuple[float, float]]] = {"fit_glm": [], "statsmodels": [],
                                                  "statsmodels_fit_only": []}
    for _ in range(args.repeats):
        for name, call in (("fit_glm", ours), ("statsmodels", theirs),
                           ("statsmodels_fit_only", theirs_fit_only)):
            wall, cpu, _ = timed(call)
            runs[name].append((wall, cpu))
    figures: dict[str, Any] = {
        "rows": args.rows, "features": args.features, "tol": args.tol,
        "repeats": args.repeats, "iterations": fit.n_iter, "max_coef_diff": coef_diff,
        "max_se_diff": se_diff, "deviance_diff": abs(fit.deviance - ref.deviance),
    }
    for name, times in runs.items():
        figures[f"{name}_median_s"] = statistics.median(wall for wall, _ in times)
        figures[f"{name}_min_s"] = min(wall for wall, _ in times)
        figures[f"{name}_cpu_median_s"] = statistics.median(cpu for _, cpu in times)
    figures["ratio"] = figures["fit_glm_median_s"] / figures["statsmodels_median_s"]
    figures["ratio_fit_only"] = (figures["fit_glm_median_s"]
                                 / figures["statsmodels_fit_only_median_s"])
    figures["target_met"] = figures["ratio"] <= TARGET_RATIO
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows simulated")
    parser.add_argument("--features", type=int, default=50, help="features (no intercept)")
    parser.add_argument("--repeats", type=int, default=5, help="timed calls of each")
    parser.add_argument("--tol", type=float, default=1e-8, help="deviance tolerance, both")
    parser.add_argument("--seed", type=int, default=0, help="seed of the simulated data")
    parser.add_argument("--week", type=Path, default=WEEK,
                        help="folder holding families.py and glm.py (default: solutions/week06)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    week = args.week.resolve()

    load_before = os.getloadavg()[0]
    figures = measure(week, args)
    figures.update(week=str(week), cpus=os.cpu_count(), load_before=load_before,
                   load_after=os.getloadavg()[0])
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0

    shown = week.relative_to(ROOT) if week.is_relative_to(ROOT) else week
    print(f"{shown}/glm.py fit_glm vs statsmodels GLM, Binomial, {args.rows:,} rows x "
          f"{args.features} features, tol={args.tol:g}, {figures['iterations']} iterations "
          f"each; {figures['cpus']} CPUs, load average {load_before:.1f} before, "
          f"{figures['load_after']:.1f} after")
    print(f"agreement: coefficients {figures['max_coef_diff']:.1e}, standard errors "
          f"{figures['max_se_diff']:.1e}, deviance {figures['deviance_diff']:.1e}")
    print(f"{'call':<34}{'median s':>10}{'min s':>9}{'CPU s':>9}")
    for name, label in (("fit_glm", "fit_glm(X, y, Binomial())"),
                        ("statsmodels", "sm.GLM(y, add_constant(X)).fit()"),
                        ("statsmodels_fit_only", "statsmodels .fit() only")):
        print(f"{label:<34}{figures[f'{name}_median_s']:>10.3f}{figures[f'{name}_min_s']:>9.3f}"
              f"{figures[f'{name}_cpu_median_s']:>9.3f}")
    met = "met" if figures["target_met"] else "NOT MET"
    print(f"ratio fit_glm / statsmodels = {figures['ratio']:.2f} (target <= {TARGET_RATIO}: "
          f"{met}); against .fit() alone {figures['ratio_fit_only']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
