"""Hidden 7.1: each claimed fix against the judge's reference on inputs drawn from GRADER_SEED.

Other sizes, ties everywhere (probabilities with one or two decimals), other costs, string
labels and small classes for the split, samples that leave several PSI bins empty, and the
held-out customers' raw export for missing_report. A fix that hard-codes the public inputs'
answers, or handles only the case its issue shows, fails here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from grader.engine.checks import milestone
from grader.week07 import ref_behaviour as B
from grader.week07 import ref_changelog as C
from grader.week07 import ref_upstream as U

UNSEEN = "does not fix the issue on inputs it has not seen"
ROUNDS = 3


def seeded(seed: int, *tag: int) -> np.random.Generator:
    return np.random.default_rng([seed, 71, *tag])


def gappy_frame(rng: np.random.Generator) -> pd.DataFrame:
    """A table whose columns miss values every way: NaN, None, pd.NA, NaT and blanks."""
    n = int(rng.integers(5, 300))
    blanks = np.array(["", " ", "  ", "\t", " \n"], dtype=object)
    words = np.array(["Yes", "No", "DSL", "Fiber optic", "29.85", "0"], dtype=object)
    columns = {}
    for j in range(int(rng.integers(2, 8))):
        kind = rng.integers(0, 6)
        holes = rng.random(n) < rng.uniform(0, 0.4)
        if kind == 0:
            values = rng.normal(50, 20, n)
            values[holes] = np.nan
            columns[f"number_{j}"] = values
        elif kind in (1, 2):
            values = words[rng.integers(0, len(words), n)].copy()
            spaces = rng.random(n) < rng.uniform(0, 0.3)
            values[spaces] = blanks[rng.integers(0, len(blanks), int(spaces.sum()))]
            values[holes & ~spaces] = None
            columns[f"text_{j}"] = values if kind == 1 else pd.array(values, dtype="string")
        elif kind == 3:
            columns[f"count_{j}"] = pd.array(np.where(holes, None, rng.integers(0, 9, n)),
                                             dtype="Int64")
        elif kind == 4:
            dates = pd.Series(pd.date_range("2024-01-01", periods=n, freq="D"))
            columns[f"date_{j}"] = dates.where(~holes)
        else:
            columns[f"full_{j}"] = rng.integers(0, 100, n)
    return pd.DataFrame(columns)


def fraction_for(rng: np.random.Generator, n: int) -> float:
    """A fraction whose fraction * n is not a hair above or below a whole number."""
    while True:
        fraction = float(rng.choice([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1.0,
                                     round(float(rng.uniform(0.01, 1)), 3)]))
        product = fraction * n
        if product == round(product) or abs(product - round(product)) > 1e-6:
            return fraction


def scores(rng: np.random.Generator, n: int) -> tuple[list[int], list[float]]:
    """Churn labels (at least one churner) and probabilities with many ties."""
    proba = np.round(rng.random(n), int(rng.integers(1, 3)))
    y = (rng.random(n) < proba).astype(int)
    y[int(rng.integers(0, n))] = 1
    return y.tolist(), proba.tolist()


def customers(rng: np.random.Generator) -> pd.DataFrame:
    n = int(rng.integers(40, 400))
    churn = (rng.random(n) < rng.uniform(0.1, 0.5)).astype(int)
    churn[:2] = [0, 1]
    labels = np.where(churn == 1, "Yes", "No") if rng.random() < 0.5 else churn
    index = rng.permutation(np.arange(10_000, 10_000 + 3 * n, 3))
    return pd.DataFrame({"tenure": rng.integers(0, 72, n), "churn": labels},
                        index=pd.Index(index, name="customer"))


def samples(rng: np.random.Generator) -> tuple[list[float], list[float]]:
    """A reference sample, and one that moved (often leaving bins empty)."""
    n = int(rng.integers(50, 1000))
    kind = rng.integers(0, 4)
    if kind == 0:
        expected = rng.normal(65, 30, n)
    elif kind == 1:
        expected = rng.uniform(0, 120, n)
    elif kind == 2:
        expected = rng.integers(0, 12, n).astype(float)  # ties: repeated edges merge
    else:  # a few tariffs: bins of expected itself are empty
        expected = rng.choice(np.round(rng.uniform(15, 120, int(rng.integers(2, 5))), 2), n)
    shift = float(rng.uniform(-1, 1)) * float(np.std(expected) or 1) * 3
    actual = expected[: int(rng.integers(10, n))] + shift
    return expected.tolist(), actual.tolist()


def check_unseen(week, issue: int, seed: int) -> None:
    rng = seeded(seed, issue)
    if issue == 1:
        holdout = week.data("telco_churn_holdout")
        B.expect_missing(week, week.label(holdout, "telco_churn_holdout"), "a raw export")
        for _ in range(ROUNDS):
            B.expect_missing(week, gappy_frame(rng), "a table with gaps")
    elif issue == 2:
        for _ in range(ROUNDS):
            y, p = scores(rng, int(rng.integers(5, 500)))
            B.expect_lift(week, y, p, fraction_for(rng, len(y)), f"{len(y)} customers")
    elif issue == 3:
        for _ in range(ROUNDS):
            y, p = scores(rng, int(rng.integers(3, 400)))
            B.expect_threshold(week, y, p, float(rng.integers(1, 1000)),
                               float(rng.integers(1, 1000)), f"{len(y)} customers")
    elif issue == 4:
        frame = customers(rng)
        first, other = (int(s) for s in rng.choice(10_000, 2, replace=False))
        B.expect_split(week, frame, float(rng.choice([0.1, 0.2, 0.25, 0.3, 0.4])),
                       (first, other), f"{len(frame)} customers")
    elif issue == 5:
        for _ in range(ROUNDS):
            expected, actual = samples(rng)
            epsilon = None if rng.random() < 0.3 else float(10 ** rng.uniform(-6, -1))
            B.expect_psi(week, expected, actual, int(rng.integers(2, 16)), epsilon,
                         f"{len(expected)} against {len(actual)} values")
    else:
        raise ValueError(f"no issue #{issue}")


@pytest.mark.parametrize("issue", sorted(C.MODULES))
@milestone("7.1", category=UNSEEN)
def test_a_claimed_fix_behaves_on_unseen_inputs(week, issue, seed):
    if issue in U.claims(week).issues:
        check_unseen(week, issue, seed)
