"""Milestone 2.5: stratified folds, their churn shares, a score per fold, mean and spread.

Folds are judged by what they must be (a partition of the rows, the whole table's churn share
in every test fold, fixed by the seed), not compared with scikit-learn's exact draw: any
correct dealing passes. Scores are compared with the judge's own LogisticRegression on the
same folds and the same numeric X (encoded here, so 2.5 does not lean on 2.3).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import (
    CheckFailed,
    describe,
    expect,
    expect_columns,
    expect_type,
    milestone,
)
from grader.week02 import ref_validation as ref

STRATIFY = ("KFold deals rows without looking at churn: StratifiedKFold(n_splits, shuffle=True, "
            "random_state=seed) keeps each fold's share")
#: How close a fold's score must be to the judge's LogisticRegression(max_iter=1000).
TOLERANCE = {"roc_auc": 0.01, "pr_auc": 0.01, "accuracy": 0.01, "recall": 0.02}


# -- helpers shared with the hidden checks -----------------------------------------------------

def get_folds(week: Any, y: Any, *, label: str, **kwargs: Any) -> list[tuple[np.ndarray,
                                                                             np.ndarray]]:
    """stratified_folds(y, ...) from the learner, checked to be a list of (train, test) arrays."""
    got = week.call("validation.stratified_folds", week.label(y, label), **kwargs)
    if not isinstance(got, (list, tuple)):
        failed = CheckFailed("stratified_folds should return a list of (train, test) pairs",
                             expected="a list of tuples of two int arrays", got=describe(got))
        failed.lines.append("Tip       split() gives a generator: wrap it, list(splitter.split("
                            "X, y))")
        raise failed
    folds = []
    for number, pair in enumerate(got):
        expect(isinstance(pair, (list, tuple)) and len(pair) == 2,
               "each fold should be a pair (train positions, test positions)",
               expected="(train, test)", got=f"fold {number}: {describe(pair)}")
        for side, positions in zip(("train", "test"), pair, strict=True):
            expect_type(positions, np.ndarray, what=f"fold {number}'s {side} positions")
            expect(positions.ndim == 1 and positions.dtype.kind in "iu",
                   f"fold {number}'s {side} positions should be integer row positions",
                   expected="1-d ndarray of int", got=f"ndarray of {positions.dtype}, "
                   f"shape {positions.shape}")
        folds.append((pair[0], pair[1]))
    return folds


def expect_partition(folds: list[tuple[np.ndarray, np.ndarray]], n_rows: int,
                     n_splits: int) -> None:
    """n_splits folds; per fold train and test disjoint, together every row; tested once each."""
    expect(len(folds) == n_splits, f"stratified_folds should make n_splits={n_splits} folds",
           expected=f"{n_splits} (train, test) pairs", got=f"{len(folds)} pairs")
    tested = np.zeros(n_rows, dtype=np.int64)
    for number, (train, test) in enumerate(folds):
        inside = ((train >= 0) & (train < n_rows)).all() and ((test >= 0) & (test < n_rows)).all()
        expect(inside, f"fold {number} holds positions outside the table",
               expected=f"positions 0 to {n_rows - 1}",
               got=f"min {min(train.min(), test.min())}, max {max(train.max(), test.max())}")
        both = np.intersect1d(train, test)
        expect(both.size == 0, f"fold {number} tests rows it also trains on",
               expected="train and test share no position",
               got=f"{both.size} shared positions, e.g. {both[:5].tolist()}")
        covered = np.union1d(train, test).size
        expect(covered == n_rows and train.size + test.size == n_rows,
               f"fold {number} should use every row once: in train or in test",
               expected=f"{n_rows} positions in train + test",
               got=f"{train.size} train + {test.size} test, {covered} distinct")
        np.add.at(tested, test, 1)
    twice, never = np.flatnonzero(tested > 1), np.flatnonzero(tested == 0)
    expect(twice.size == 0 and never.size == 0,
           "every row should be in exactly one test fold",
           expected="each position tested once over all folds",
           got=f"{twice.size} positions tested more than once, {never.size} never "
               f"(e.g. {np.concatenate([twice, never])[:4].tolist()})")


def expect_stratified(folds: list[tuple[np.ndarray, np.ndarray]], y: np.ndarray) -> None:
    """Each test fold's churn share is the whole table's, to within one customer."""
    overall = float(y.mean())
    shares = [float(y[test].mean()) for _, test in folds]
    off = [abs(share - overall) > 1.0 / len(test) + 1e-9
           for share, (_, test) in zip(shares, folds, strict=True)]
    if any(off):
        one = 1.0 / min(len(test) for _, test in folds)
        failed = CheckFailed(
            "each test fold should hold the whole table's churn share (stratified folds)",
            expected=f"{overall:.1%} churners in every test fold (± {one:.2%}: one customer)",
            got="test fold shares " + ", ".join(f"{share:.1%}" for share in shares))
        failed.lines.append(f"Tip       {STRATIFY}")
        raise failed


def expect_scores(got: Any, expected: pd.DataFrame, what: str,
                  mistake: Callable[[], pd.DataFrame] | None = None) -> None:
    """One row per fold, the four score columns, each within TOLERANCE of the judge's.

    `mistake()` gives the scores of a known mistake, computed only when a column is off.
    """
    expect_columns(got, list(ref.SCORE_COLUMNS), what=what)
    expect(len(got) == len(expected), f"{what} should have one row per fold",
           expected=f"{len(expected)} rows", got=f"{len(got)} rows")
    for column in ref.SCORE_COLUMNS:
        mine = got[column].to_numpy(dtype=np.float64, na_value=np.nan)
        theirs = expected[column].to_numpy()
        off = ~(np.abs(mine - theirs) <= TOLERANCE[column])
        if not off.any():
            continue
        rows = "\n".join(f"fold {i}: expected {theirs[i]:.3f}, got {mine[i]:.3f}"
                         for i in np.flatnonzero(off)[:4])
        failed = CheckFailed(f"{what}: {column} is off in {off.sum()} of {len(off)} folds",
                             expected=f"within {TOLERANCE[column]} of LogisticRegression("
                                      "max_iter=1000) fit on each fold's train rows",
                             got=rows)
        if mistake is not None and np.allclose(mine, mistake()[column].to_numpy(), atol=1e-6):
            failed.lines.append(f"Tip       these are the {column} of 0/1 predictions: rank "
                                "the test rows by predict_proba(X)[:, 1], not predict(X)")
        raise failed


def _real(week: Any) -> tuple[np.ndarray, np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """The cleaned customers encoded by the judge, their churn, and the judge's 5 folds."""
    table = week.data("telco_churn_clean")
    y = ref.churn(table)
    return ref.encode(table), y, ref.folds(y, 5, seed=0)


# -- stratified_folds ----------------------------------------------------------------------------

@milestone("2.5")
def test_folds_partition_the_customers(week):
    churn = week.data("telco_churn_clean")["churn"]
    folds = get_folds(week, churn, label="customers['churn']", n_splits=5, seed=0)
    expect_partition(folds, len(churn), 5)


@milestone("2.5")
def test_each_test_fold_keeps_the_churn_share(week):
    churn = week.data("telco_churn_clean")["churn"]
    folds = get_folds(week, churn, label="customers['churn']", n_splits=5, seed=0)
    expect_partition(folds, len(churn), 5)
    expect_stratified(folds, churn.to_numpy(dtype=bool))


@milestone("2.5")
def test_n_splits_sets_the_number_of_folds(week):
    y = ref.churn(week.data("telco_churn_clean"))
    folds = get_folds(week, y, label="y", n_splits=3, seed=0)
    expect_partition(folds, len(y), 3)
    expect_stratified(folds, y)


@milestone("2.5")
def test_seed_fixes_the_folds(week):
    y = ref.churn(week.data("telco_churn_clean"))
    first = get_folds(week, y, label="y", n_splits=5, seed=1)
    again = get_folds(week, y, label="y", n_splits=5, seed=1)
    same = all(np.array_equal(a[1], b[1]) for a, b in zip(first, again, strict=False))
    expect(same and len(first) == len(again), "the same seed should give the same folds",
           expected="identical test folds for seed=1, twice",
           got="different folds on the second call (a seed not passed to the splitter?)")
    other = get_folds(week, y, label="y", n_splits=5, seed=2)
    differ = any(not np.array_equal(a[1], b[1]) for a, b in zip(first, other, strict=False))
    if not differ:
        failed = CheckFailed("another seed should deal the rows into other folds",
                             expected="different test folds for seed=1 and seed=2",
                             got="the same folds: the rows are dealt in table order")
        failed.lines.append("Tip       without shuffle=True the splitter ignores random_state: "
                            "StratifiedKFold(n_splits, shuffle=True, random_state=seed)")
        raise failed


# -- fold_prevalence -----------------------------------------------------------------------------

@milestone("2.5")
def test_fold_prevalence_is_each_test_folds_churn_share(week):
    y = ref.churn(week.data("telco_churn_clean"))
    folds = ref.folds(y, 5, seed=3)
    got = week.call("validation.fold_prevalence", week.label(y, "y"),
                    week.label(folds, "folds"))
    expected = np.array([y[test].mean() for _, test in folds])
    expect_type(got, np.ndarray, what="fold_prevalence")
    expect(got.shape == expected.shape, "fold_prevalence should give one share per fold",
           expected=f"ndarray of shape {expected.shape}", got=describe(got))
    close = np.isclose(got.astype(np.float64), expected, rtol=1e-9, atol=1e-12)
    expect(close.all(), "fold_prevalence should be the churn share of each test fold",
           expected="y[test].mean() per fold: "
                    + ", ".join(f"{share:.4f}" for share in expected),
           got=", ".join(f"{share:.4f}" for share in got.astype(np.float64)))


# -- cross_validate_logistic ---------------------------------------------------------------------

def _scores(week: Any) -> Any:
    """cross_validate_logistic on the judge's encoded customers and folds, once per kernel."""
    X, y, folds = _real(week)
    return week.once("cross_validate_logistic(customers)", lambda: week.call(
        "validation.cross_validate_logistic", week.label(X, "X (customers, encoded)"),
        week.label(y, "y"), week.label(folds, "folds (5, stratified)")))


@milestone("2.5")
def test_cross_validate_logistic_scores_every_fold(week):
    X, y, folds = _real(week)
    got = _scores(week)
    expect_type(got, pd.DataFrame, what="cross_validate_logistic")
    expect_scores(got, ref.fold_scores(X, y, folds), "cross_validate_logistic",
                  mistake=lambda: ref.fold_scores(X, y, folds, from_predict=True))


#: Random features, random labels: nothing to learn, so an honest fold scores about 0.5.
NOISE_ROWS, NOISE_FEATURES = 200, 80


def noise(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded pure-noise data where a model that saw its test rows looks brilliant."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(NOISE_ROWS, NOISE_FEATURES)), rng.random(NOISE_ROWS) < 0.3


@milestone("2.5")
def test_each_fold_model_never_sees_its_test_rows(week):
    X, y = noise(2025)
    folds = ref.folds(y, 5, seed=0)
    got = week.call("validation.cross_validate_logistic",
                    week.label(X, f"X (random noise, {NOISE_ROWS} x {NOISE_FEATURES})"),
                    week.label(y, "y (random labels)"), week.label(folds, "folds"))
    expect_type(got, pd.DataFrame, what="cross_validate_logistic")
    expect_columns(got, list(ref.SCORE_COLUMNS), what="cross_validate_logistic")
    honest = float(ref.fold_scores(X, y, folds)["roc_auc"].mean())
    mine = float(got["roc_auc"].mean())
    expect(mine <= honest + 0.15,
           "on pure noise the folds score far above chance: each model saw its test rows",
           expected=f"mean roc_auc near {honest:.2f} (chance) when each model is fit on "
                    "X[train], y[train] only",
           got=f"mean roc_auc {mine:.2f} (fit on all of X, then scored on rows it learned?)")


# -- summarize -----------------------------------------------------------------------------------

def expect_summary(got: Any, scores: pd.DataFrame, what: str = "summarize") -> None:
    """Rows mean and std (ddof 1 as pandas, or 0 as NumPy), the columns of `scores`."""
    expect_type(got, pd.DataFrame, what=what)
    rows = [str(label) for label in got.index]
    if rows != ["mean", "std"]:
        failed = CheckFailed(f"{what} should have two rows: 'mean', then 'std'",
                             expected="index ['mean', 'std']", got=f"index {rows}")
        if rows == ["mean"] or "std" not in rows:
            failed.lines.append("Tip       a mean alone hides how much one fold's score can "
                                "stray: scores.agg(['mean', 'std'])")
        raise failed
    expect_columns(got, [str(c) for c in scores.columns], what=what)
    mean = got.loc["mean", list(scores.columns)].to_numpy(dtype=np.float64)
    std = got.loc["std", list(scores.columns)].to_numpy(dtype=np.float64)
    expect(np.allclose(mean, scores.mean().to_numpy(), rtol=1e-9),
           f"{what}: the 'mean' row should be each column's mean over the folds",
           expected=_numbers(scores.mean()), got=_numbers(mean))
    ok = any(np.allclose(std, scores.std(ddof=ddof).to_numpy(), rtol=1e-9) for ddof in (1, 0))
    expect(ok, f"{what}: the 'std' row should be each column's standard deviation over the folds",
           expected=_numbers(scores.std()) + " (ddof=1; ddof=0 also accepted)",
           got=_numbers(std))


def _numbers(values: Any) -> str:
    return ", ".join(f"{float(v):.4f}" for v in np.asarray(values, dtype=np.float64))


def score_table(seed: int, n_folds: int, columns: list[str]) -> pd.DataFrame:
    """Plausible fold scores, seeded."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(rng.uniform(0.55, 0.9, size=(n_folds, len(columns))), columns=columns)


@milestone("2.5")
def test_summarize_gives_mean_and_std_rows(week):
    scores = score_table(5, 5, list(ref.SCORE_COLUMNS))
    got = week.call("validation.summarize", week.label(scores, "scores (5 folds)"))
    expect_summary(got, scores)
