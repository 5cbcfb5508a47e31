"""Milestone 2.6: keep every stayer and fewer churners, then watch the metrics move.

Subsamples are judged by what they must be (every stayer, the right number of churners, sorted
positions, fixed by the seed), not by scikit-learn's exact draw. The drift table is then
compared with the judge's metrics on the rows the learner's own `subsample_churners` keeps,
with the same seed: any correct draw passes. Probabilities come from the judge's own
LogisticRegression, so 2.6 does not lean on 2.3.
"""

from __future__ import annotations

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

SOLVE_K = "k churners among n stayers give a share k / (n + k): k = round(p * n / (1 - p))"


# -- helpers shared with the hidden checks -----------------------------------------------------

def get_subsample(week: Any, y: np.ndarray, prevalence: float, seed: int, label: str = "y"
                  ) -> np.ndarray:
    """subsample_churners(y, prevalence, seed): sorted, distinct int positions into y."""
    got = week.call("drift.subsample_churners", week.label(y, label), prevalence, seed=seed)
    expect_type(got, np.ndarray, what="subsample_churners")
    expect(got.ndim == 1 and got.dtype.kind in "iu",
           "subsample_churners should return row positions (integers)",
           expected="1-d ndarray of int", got=describe(got))
    expect(got.size == 0 or (got.min() >= 0 and got.max() < len(y)),
           "subsample_churners returned positions outside y",
           expected=f"positions 0 to {len(y) - 1}", got=f"min {got.min()}, max {got.max()}")
    expect(bool(np.all(np.diff(got) > 0)), "the positions should be sorted, each once",
           expected="strictly increasing positions (np.sort of the kept rows)",
           got=f"{got[:6].tolist()} ..." if np.unique(got).size == got.size
               else f"{got.size - np.unique(got).size} repeated positions")
    return got


def expect_subsample(keep: np.ndarray, y: np.ndarray, prevalence: float) -> None:
    """Every stayer kept; the number of churners gives `prevalence` to within one customer."""
    stayers = np.flatnonzero(~y)
    lost = np.setdiff1d(stayers, keep)
    if lost.size:
        failed = CheckFailed(f"subsample_churners dropped {lost.size} of {stayers.size} "
                             "customers who stayed",
                             expected="every stayer kept; only churners are left out",
                             got=f"{np.isin(stayers, keep).sum()} stayers kept, "
                                 f"{int(y[keep].sum())} churners")
        if y[keep].sum() == y.sum():
            failed.lines.append("Tip       subsample the churners (y True), keep the stayers")
        raise failed
    kept, needed = int(y[keep].sum()), ref.churners_needed(stayers.size, prevalence)
    if abs(kept - needed) > 1:
        share = kept / keep.size if keep.size else float("nan")
        failed = CheckFailed(f"the subsample's churn share should be {prevalence:g}",
                             expected=f"{round(needed)} churners with {stayers.size} stayers "
                                      f"(share {prevalence:g})",
                             got=f"{kept} churners: share {share:.4f}")
        if abs(kept - prevalence * stayers.size) <= 1:
            failed.lines.append("Tip       that is prevalence * n_stay: " + SOLVE_K)
        else:
            failed.lines.append(f"Tip       {SOLVE_K}")
        raise failed


def expect_drift_table(got: Any, y: np.ndarray, prevalences: list[float]) -> None:
    """Indexed by prevalence (the share in y first, then each asked), three metric columns."""
    expect_type(got, pd.DataFrame, what="metric_drift")
    expect_columns(got, list(ref.DRIFT_COLUMNS), what="metric_drift")
    want = [float(y.mean()), *prevalences]
    shown = ", ".join(f"{p:.4g}" for p in want)
    expect(len(got) == len(want), "metric_drift should have a row for all customers, then one "
           "per prevalence", expected=f"{len(want)} rows, index {shown}",
           got=f"{len(got)} rows, index {list(got.index)[:6]}")
    expect(got.index.name == "prevalence", "metric_drift should be indexed by prevalence",
           expected="index named 'prevalence'", got=f"index named {got.index.name!r}")
    index = pd.to_numeric(pd.Series(got.index), errors="coerce").to_numpy(dtype=np.float64)
    expect(bool(np.allclose(index, want, atol=1e-3)),
           "metric_drift's index should be the share in y first, then each prevalence",
           expected=f"index {shown}", got="index " + ", ".join(f"{p:.4g}" for p in index))


def subsamples(week: Any, y: np.ndarray, prevalences: list[float], seed: int
               ) -> list[np.ndarray]:
    """The learner's own subsample per prevalence: the rows its metric_drift should score.

    Fetched before metric_drift is called, so a message about metric_drift names it.
    """
    return [get_subsample(week, y, p, seed) for p in prevalences]


def expect_drift_values(got: pd.DataFrame, y: np.ndarray, proba: np.ndarray,
                        prevalences: list[float], kept: list[np.ndarray], seed: int) -> None:
    """Each row equals the judge's metrics on the rows subsample_churners(y, p, seed) keeps."""
    rows = [np.arange(len(y)), *kept]
    expected = pd.DataFrame([ref.drift_scores(y, proba, keep) for keep in rows],
                            columns=list(ref.DRIFT_COLUMNS))
    mine = got[list(ref.DRIFT_COLUMNS)].to_numpy(dtype=np.float64, na_value=np.nan)
    if np.allclose(mine[:, 2], mine[:, 1], atol=1e-9):
        failed = CheckFailed("metric_drift's pr_auc is its roc_auc in every row",
                             expected="pr_auc = average_precision_score(y, proba)",
                             got="pr_auc equal to roc_auc")
        failed.lines.append("Tip       PR-AUC is average_precision_score, not roc_auc_score")
        raise failed
    for j, column in enumerate(ref.DRIFT_COLUMNS):
        off = ~np.isclose(mine[:, j], expected[column].to_numpy(), rtol=1e-6, atol=1e-9)
        if off.any():
            labels = ["all customers", *(f"prevalence {p:g}" for p in prevalences)]
            lines = "\n".join(f"{labels[i]}: expected {expected[column].iloc[i]:.4f}, got "
                              f"{mine[i, j]:.4f}" for i in np.flatnonzero(off)[:4])
            raise CheckFailed(
                f"metric_drift: {column} is off in {off.sum()} of {len(off)} rows",
                expected=f"{column} of proba on the rows subsample_churners(y, p, seed={seed}) "
                         "keeps" + (" (churn when proba >= 0.5)" if column == "accuracy" else ""),
                got=lines)


# -- subsample_churners -------------------------------------------------------------------------

def _y(week: Any) -> np.ndarray:
    return ref.churn(week.data("telco_churn_clean"))


@milestone("2.6")
def test_subsample_keeps_every_stayer(week):
    y = _y(week)
    expect_subsample(get_subsample(week, y, 0.10, seed=0), y, 0.10)


@milestone("2.6")
def test_subsample_hits_each_prevalence(week):
    y = _y(week)
    for prevalence in (0.05, 0.02):
        expect_subsample(get_subsample(week, y, prevalence, seed=0), y, prevalence)


@milestone("2.6")
def test_subsample_seed_fixes_which_churners_stay(week):
    y = _y(week)
    first = get_subsample(week, y, 0.05, seed=4)
    again = get_subsample(week, y, 0.05, seed=4)
    expect(np.array_equal(first, again), "the same seed should keep the same churners",
           expected="identical positions for seed=4, twice",
           got="other positions on the second call: np.random.default_rng(seed)")
    other = get_subsample(week, y, 0.05, seed=5)
    expect(not np.array_equal(first, other), "another seed should keep other churners",
           expected="different positions for seed=4 and seed=5",
           got="the same positions (is the seed passed to the random generator?)")


TOO_MANY = """
import numpy as np
from drift import subsample_churners

try:
    kept = subsample_churners(np.asarray(y, dtype=bool), prevalence, seed=0)
    result = {"raised": None, "churners": int(np.asarray(y, dtype=bool)[kept].sum())}
except ValueError as exc:
    result = {"raised": str(exc), "churners": None}
"""


@milestone("2.6")
def test_subsample_refuses_a_share_it_cannot_reach(week):
    y = _y(week)
    prevalence = 0.6  # needs more churners than the table holds (26 %)
    got = week.run_snippet(TOO_MANY, label=f"subsample_churners(y, {prevalence})",
                           target="drift.subsample_churners", y=y, prevalence=prevalence)
    expect(got["raised"] is not None,
           f"a churn share of {prevalence:g} needs more churners than y holds: say so",
           expected="ValueError (the docstring's Raises section), not a smaller sample",
           got=f"{got['churners']} churners returned without an error; the table has only "
               f"{int(y.sum())}")


# -- metric_drift --------------------------------------------------------------------------------

PREVALENCES = [0.10, 0.05, 0.02]


def _drift(week: Any) -> tuple[Any, np.ndarray, np.ndarray]:
    y, proba = ref.churn_and_proba(week, "telco_churn_clean")
    got = week.once("metric_drift(customers)", lambda: week.call(
        "drift.metric_drift", week.label(y, "y"), week.label(proba, "proba (a fitted model's)"),
        seed=0))
    return got, y, proba


@milestone("2.6")
def test_metric_drift_has_a_row_per_prevalence(week):
    got, y, _ = _drift(week)
    expect_drift_table(got, y, PREVALENCES)


@milestone("2.6")
def test_metric_drift_scores_each_subsample(week):
    kept = subsamples(week, _y(week), PREVALENCES, seed=0)
    got, y, proba = _drift(week)
    expect_drift_table(got, y, PREVALENCES)
    expect_drift_values(got, y, proba, PREVALENCES, kept, seed=0)


# -- plot_metric_drift ---------------------------------------------------------------------------

INSPECT_FIGURE = """
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
import drift as learner_drift

fig = learner_drift.plot_metric_drift(table)
info = {"type": type(fig).__name__, "figure": isinstance(fig, Figure), "axes": []}
if info["figure"]:
    for ax in fig.get_axes():
        legend = ax.get_legend()
        info["axes"].append({
            "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
            "legend": [t.get_text() for t in legend.get_texts()] if legend else [],
            "lines": [[float(v) for v in line.get_ydata()] for line in ax.get_lines()],
        })
    info["suptitle"] = fig._suptitle.get_text() if fig._suptitle is not None else ""
    info["fig_legend"] = [t.get_text() for lg in fig.legends for t in lg.get_texts()]
    plt.close(fig)
result = info
"""


def drift_example() -> pd.DataFrame:
    """A small drift table with distinct values per metric, as metric_drift returns it."""
    return pd.DataFrame({"accuracy": [0.81, 0.86, 0.88, 0.895],
                         "roc_auc": [0.85, 0.846, 0.851, 0.843],
                         "pr_auc": [0.66, 0.41, 0.27, 0.12]},
                        index=pd.Index([0.265, 0.10, 0.05, 0.02], name="prevalence"))


def inspect_plot(week: Any, table: pd.DataFrame) -> dict[str, Any]:
    return week.run_snippet(INSPECT_FIGURE, label="plot_metric_drift(drift)",
                            target="drift.plot_metric_drift", table=table)


def expect_drift_plot(info: dict[str, Any], table: pd.DataFrame) -> None:
    """A Figure; a title, labelled axes, a line per metric through its values, a legend."""
    if not info["figure"]:
        failed = CheckFailed("plot_metric_drift should return a matplotlib Figure",
                             expected="a Figure", got=f"an object of type {info['type']}")
        if info["type"] == "Axes":
            failed.lines.append("Tip       an Axes knows its figure: return ax.figure")
        raise failed
    axes = info["axes"]
    expect(bool(axes), "the figure is empty", expected="an axes with a line per metric",
           got="no axes")
    titled = bool(info["suptitle"].strip()) or any(ax["title"].strip() for ax in axes)
    expect(titled, "the figure needs a title that says what it shows",
           expected="ax.set_title(...) or fig.suptitle(...)", got="no title")
    unlabelled = [i for i, ax in enumerate(axes) if not (ax["xlabel"].strip()
                                                         and ax["ylabel"].strip())]
    expect(not unlabelled, "label both axes: the churn share and the score",
           expected="ax.set_xlabel(...) and ax.set_ylabel(...)",
           got=f"x label {axes[unlabelled[0]]['xlabel']!r}, y label "
               f"{axes[unlabelled[0]]['ylabel']!r}" if unlabelled else "")
    lines = [np.asarray(y, dtype=np.float64) for ax in axes for y in ax["lines"]]
    missing = []
    for column in ref.DRIFT_COLUMNS:
        values = table[column].to_numpy(dtype=np.float64)
        if not any(line.shape == values.shape and (np.allclose(line, values, atol=1e-6)
                                                   or np.allclose(line, 100 * values, atol=1e-4))
                   for line in lines):
            missing.append(column)
    expect(not missing, "plot_metric_drift should draw one line per metric through its values",
           expected="lines for accuracy, roc_auc and pr_auc (ax.plot(drift.index, "
                    "drift[column]))",
           got=f"{len(lines)} lines; none through the values of {', '.join(missing)}")
    entries = info["fig_legend"] + [text for ax in axes for text in ax["legend"]]
    expect(len(entries) >= 3, "add a legend: which line is which metric?",
           expected="ax.legend() with an entry per metric",
           got=f"legend entries {entries}" if entries else "no legend")


@milestone("2.6")
def test_plot_metric_drift_draws_a_labelled_line_per_metric(week):
    table = drift_example()
    expect_drift_plot(inspect_plot(week, table), table)
