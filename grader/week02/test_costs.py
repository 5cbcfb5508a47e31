"""Milestone 2.4: the confusion matrix, what a threshold costs, and the cheapest threshold.

Counts and costs are compared with the judge's own (a missed churner costs 500, every offer
50). choose_threshold is graded by what its threshold costs: the judge tries every distinct
probability and the learner's threshold must cost within 1 % (or one offer) of the cheapest.
The figure stays in the sandbox: a snippet there reads its labels, title and texts.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from grader.engine.checks import expect, expect_type, milestone
from grader.week02 import ref_model as ref

#: Cell counts of the public check: all different, so a swap always shows.
COUNTS = {"true_negative": 61, "false_positive": 9, "false_negative": 14, "true_positive": 23}
SYNTHETIC_SEED = 7
RAVEL = ("confusion_matrix(y_true, y_pred, labels=[False, True]).ravel() gives tn, fp, fn, tp: "
         "rows are what happened, columns what was predicted")


def predictions(counts: dict[str, int], seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(y_true, y_pred) bool arrays, shuffled, with exactly these confusion-matrix counts."""
    pairs = {"true_negative": (False, False), "false_positive": (False, True),
             "false_negative": (True, False), "true_positive": (True, True)}
    rows = np.array([pairs[name] for name, n in counts.items() for _ in range(n)],
                    dtype=bool).reshape(-1, 2)
    rows = rows[np.random.default_rng(seed).permutation(len(rows))]
    return rows[:, 0].copy(), rows[:, 1].copy()


def expect_cells(got: Any, expected: dict[str, int], what: str) -> None:
    """The four names, integer counts, and the counts themselves (a fp/fn swap named)."""
    expect_type(got, dict, what)
    missing = [name for name in ref.CELLS if name not in got]
    expect(not missing, f"{what} should name the four cells", expected=f"keys {ref.CELLS}",
           got=f"keys {list(got)[:6]}; missing {missing}")
    for name in ref.CELLS:
        value = got[name]
        expect(isinstance(value, (int, np.integer)) and not isinstance(value, bool),
               f"{what}[{name!r}] should be a whole number of customers",
               expected="int", got=f"{type(value).__name__} {value!r}"[:60])
    mine = {name: int(got[name]) for name in ref.CELLS}
    swapped = (mine["false_positive"] == expected["false_negative"]
               and mine["false_negative"] == expected["false_positive"]
               and expected["false_positive"] != expected["false_negative"])
    expect(mine == expected, f"{what}: the counts are not right" + (
        ": false_positive and false_negative are swapped" if swapped else ""),
        expected=f"{expected}" + (f"\n{RAVEL}" if swapped else ""), got=f"{mine}")


def as_number(got: Any, what: str) -> float:
    expect(isinstance(got, (int, float, np.integer, np.floating)) and not isinstance(got, bool),
           f"{what} should be a number", expected="float", got=f"{type(got).__name__} {got!r}"[:60])
    return float(got)


# -- confusion_cells -------------------------------------------------------------------------


@milestone("2.4")
def test_confusion_cells_names_and_counts(week):
    y_true, y_pred = predictions(COUNTS)
    got = week.call("costs.confusion_cells", week.label(y_true, "y_true"),
                    week.label(y_pred, "y_pred"))
    expect_cells(got, COUNTS, "confusion_cells(y_true, y_pred)")


QUIET_MONTH = """
import costs
result = costs.confusion_cells(y_true, y_pred)
"""


@milestone("2.4")
def test_confusion_cells_when_nobody_churns(week):
    y = np.zeros(20, dtype=bool)
    out = week.run_snippet(QUIET_MONTH, capture=True, target="costs.confusion_cells",
                           label="confusion_cells(y_true, y_pred): 20 customers, nobody churns "
                                 "or is predicted to", y_true=y, y_pred=y)
    error = out["error"]
    expect(error is None, "confusion_cells should count a month where nobody churns",
           expected="20 true negatives, 0 elsewhere: with labels=[False, True] the matrix stays "
                    "2 x 2",
           got=f"raised {error['type']}: {error['message'][:120]}" if error else "")
    expect_cells(out["result"], {"true_negative": 20, "false_positive": 0, "false_negative": 0,
                                 "true_positive": 0}, "confusion_cells on a quiet month")


# -- expected_cost ---------------------------------------------------------------------------


@milestone("2.4")
def test_expected_cost_is_500_per_missed_churner_and_50_per_offer(week):
    y, proba = ref.synthetic_scores(SYNTHETIC_SEED, n=400)
    y, proba = week.label(y, "y_true"), week.label(proba, "proba")
    for threshold in (0.5, 0.15, float(np.sort(proba)[-60])):  # the last is a tie in proba
        got = as_number(week.call("costs.expected_cost", y, proba, threshold),
                        f"expected_cost(y_true, proba, {threshold})")
        want = ref.cost(y, proba, threshold)
        counts = ref.cells(y, proba >= threshold)
        tp, fp, fn = counts["true_positive"], counts["false_positive"], counts["false_negative"]
        if abs(got - want) <= 1e-6:
            continue
        if abs(got - (500 * fn + 50 * fp)) <= 1e-6:
            why = ": every offer costs 50, also the ones to churners we keep (TP)"
        elif abs(got - ref.cost(y, proba, np.nextafter(threshold, 2.0))) <= 1e-6:
            why = ": a customer whose proba equals the threshold gets an offer (>=, not >)"
        else:
            why = ""
        expect(False, f"expected_cost at threshold {threshold:g} is off{why}",
               expected=f"500 * FN + 50 * (TP + FP) = 500 * {fn} + 50 * ({tp} + {fp}) = "
                        f"{want:g}", got=f"{got:g}")


# -- choose_threshold ------------------------------------------------------------------------


def expect_near_optimal(got: Any, y: np.ndarray, proba: np.ndarray, what: str) -> None:
    """The learner's threshold costs at most 1 % (or one offer) more than the cheapest."""
    threshold = as_number(got, what)
    mine = ref.cost(y, proba, threshold)
    best, optimum = ref.best_threshold(y, proba)
    at_half = ref.cost(y, proba, 0.5)
    half = "" if threshold == 0.5 else f" (at 0.5: {at_half:,.0f})"
    expect(ref.near_optimal(mine, optimum), "the threshold does not minimise the cost (a missed "
           "churner costs 500, an offer 50): try every distinct probability as a threshold",
           expected=f"a threshold costing at most {max(optimum * 1.01, optimum + 50):,.0f} "
                    f"(the cheapest: {best:.3f} costs {optimum:,.0f})",
           got=f"threshold {threshold:.3f} costs {mine:,.0f}{half}")


@milestone("2.4")
def test_choose_threshold_costs_near_the_minimum(week):
    y, proba = ref.synthetic_scores(SYNTHETIC_SEED)
    got = week.call("costs.choose_threshold", week.label(y, "y_true"),
                    week.label(proba, "proba"))
    expect_near_optimal(got, y, proba, "choose_threshold(y_true, proba)")


# -- plot_confusion_matrix -------------------------------------------------------------------

READ_FIGURE = """
from matplotlib.figure import Figure

def texts(ax):
    return [(t.get_text(), *map(float, t.get_position())) for t in ax.texts if t.get_visible()]

if isinstance(fig, Figure):
    result = {
        "suptitle": fig.get_suptitle(),
        "axes": [{"xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
                  "title": " ".join(ax.get_title(loc) for loc in ("left", "center", "right")),
                  "texts": texts(ax)} for ax in fig.axes],
    }
else:
    result = None
"""
#: How a cell may be named on the figure (lower case, "_" and "-" read as spaces).
CELL_NAMES = {"true_negative": ("true negative", "tn"), "false_positive": ("false positive", "fp"),
              "false_negative": ("false negative", "fn"), "true_positive": ("true positive", "tp")}


def _words(text: str) -> str:
    return " " + re.sub(r"[\s_\-]+", " ", text.lower()) + " "


def _names(text: str, cell: str) -> bool:
    words = re.sub(r"[^a-z0-9 ]", " ", _words(text))
    return any(f" {name} " in f" {words} " for name in CELL_NAMES[cell])


def _shows(text: str, count: int) -> bool:
    return re.search(rf"(?<![\d.]){count}(?![\d.])", text) is not None


def figure(week: Any) -> dict[str, Any]:
    """What the learner's figure shows, read in the sandbox (it never leaves it)."""
    y_true, y_pred = predictions(COUNTS)
    fig = week.once("plot_confusion_matrix", lambda: week.call(
        "costs.plot_confusion_matrix", week.label(y_true, "y_true"),
        week.label(y_pred, "y_pred")))
    kind = fig.type_name if hasattr(fig, "type_name") else type(fig).__name__
    expect(kind == "matplotlib.figure.Figure", "plot_confusion_matrix should return the "
           "matplotlib Figure (fig, not ax; not (fig, ax))", expected="a matplotlib Figure",
           got=f"a {kind}" + (f" of {len(fig)}" if isinstance(fig, tuple) else ""))
    return week.run_snippet(READ_FIGURE, label="plot_confusion_matrix(y_true, y_pred): its "
                            "labels, title and texts", target="costs.plot_confusion_matrix",
                            fig=fig)


@milestone("2.4")
def test_plot_confusion_matrix_has_labels_and_a_title(week):
    seen = figure(week)
    main = max(seen["axes"], key=lambda ax: len(ax["texts"]), default=None)
    expect(main is not None, "the figure should have axes", expected="one heat map",
           got="an empty figure")
    expect(bool(main["xlabel"].strip() and main["ylabel"].strip()), "label the axes so the "
           "team can read which way the matrix goes",
           expected="x label (e.g. 'predicted') and y label (e.g. 'actual')",
           got=f"x label {main['xlabel']!r}, y label {main['ylabel']!r}")
    expect(bool(main["title"].strip() or seen["suptitle"].strip()),
           "give the figure a title", expected="a non-empty title", got="no title")


@milestone("2.4")
def test_plot_confusion_matrix_names_and_counts_each_cell(week):
    seen = figure(week)
    texts = [t for ax in seen["axes"] for t in ax["texts"]]
    shown = [t[0] for t in texts]
    missing = [str(n) for n in COUNTS.values() if not any(_shows(t, n) for t in shown)]
    expect(not missing, "each cell should show its count", expected=f"the counts {COUNTS}",
           got=f"no text shows {', '.join(missing)}; texts: {shown[:6]}"[:200])
    unnamed = [cell for cell in ref.CELLS if not any(_names(t, cell) for t in shown)]
    expect(not unnamed, "each cell should say what it is, so the retention team need not "
           "remember which corner is which", expected="texts naming each cell, e.g. "
           "'false negative\\n14'",
           got="no text names " + ", ".join(CELL_NAMES[c][0] for c in unnamed))
    for cell, count in COUNTS.items():
        labels = [t for t in texts if _names(t[0], cell)]
        near = [t[0] for t in texts for lab in labels
                if abs(t[1] - lab[1]) <= 0.5 and abs(t[2] - lab[2]) <= 0.5]
        expect(any(_shows(t, count) for t in near), f"the cell named "
               f"{CELL_NAMES[cell][0]!r} should show its own count",
               expected=f"{count} in or next to the text naming it",
               got=f"texts there: {near[:3]}" + ("; cells swapped?" if near else ""))
