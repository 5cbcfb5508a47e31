"""Milestone 3.5: both models scored on the folds they are given, and a choice a person can read.

The judge hands compare_models three folds whose test rows hold very different churn shares
(about 11 %, 27 % and 52 %; see `ref_tuning.skewed_folds`). ROC-AUC barely notices, PR-AUC
follows the share: the logistic regression rows must match the judge's own pipeline fold by
fold, which they only do on exactly these folds. Gradient boosting is not recomputed; its
ROC-AUC must stay near the judge's logistic regression, which a model scored on the rows it
was fit on does not. CHOICE and REASON are read in the sandbox; a person reads REASON.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import expect, expect_type, milestone
from grader.week03 import ref_pipeline, ref_tuning
from grader.week03.ref_tuning import MODEL_NAMES

COLUMNS = ["model", "fold", "roc_auc", "pr_auc"]
#: How far a learner's logistic regression may sit from the judge's, per fold and metric.
TOLERANCE = 0.01
#: Gradient boosting's ROC-AUC on a fold, relative to the judge's logistic regression there.
BOOSTING_BELOW, BOOSTING_ABOVE = 0.07, 0.04
PUBLIC_SEED = 2024
OWN_FOLDS = ("Fit on X.iloc[folds[i][0]] and score on X.iloc[folds[i][1]], for the folds you "
             "are given: did you make your own folds?")
READ_CHOICE = """
import compare
result = {name: getattr(compare, name, None) for name in ("CHOICE", "REASON")}
result = {name: value if isinstance(value, str) else f"<{type(value).__name__}>"
          for name, value in result.items()}
"""


def compared(week: Any, data: str = "telco_churn_clean", n_folds: int = 3,
             seed: int = PUBLIC_SEED) -> tuple[pd.DataFrame, pd.DataFrame, list[float]]:
    """The learner's comparison on the judge's folds (once), the judge's LR scores, the shares."""
    X, y = ref_pipeline.features_and_target(week.data(data))
    folds = ref_tuning.skewed_folds(y, n_folds, seed)
    shares = ref_tuning.fold_shares(y, folds)
    week.label(X, "X")
    week.label(y, "y")
    week.label(folds, f"folds ({n_folds} folds, churn shares "
               + "/".join(f"{s:.0%}" for s in shares) + ")")

    def compare() -> Any:
        return week.call("compare.compare_models", X, y, folds)

    got = week.once(f"compare_models({data}, {n_folds}, {seed})", compare)
    expect_rows(got, n_folds)
    return normalised(got), ref_tuning.reference_fold_scores(X, y, folds), shares


def expect_rows(got: Any, n_folds: int) -> None:
    """A DataFrame with one row per (model, fold): both names, each given fold exactly once."""
    expect_type(got, pd.DataFrame, "compare_models(X, y, folds)")
    missing = [c for c in COLUMNS if c not in got.columns]
    expect(not missing, "compare_models should return one row per (model, fold)",
           expected=f"columns {', '.join(COLUMNS)}",
           got=f"columns {', '.join(map(str, got.columns))}")
    names = sorted(map(str, got["model"].unique()))
    expect(sorted(MODEL_NAMES) == names, "compare_models should name the two models exactly",
           expected=", ".join(MODEL_NAMES), got=", ".join(names))
    for name in MODEL_NAMES:
        folds = sorted(_fold_numbers(got.loc[got["model"] == name, "fold"]))
        expect(len(folds) == n_folds, f"{name} should be scored once on each of the "
               f"{n_folds} folds given. {OWN_FOLDS}" if len(folds) > n_folds else
               f"{name} should be scored once on each of the {n_folds} folds given, not on "
               "some of them", expected=f"{n_folds} rows for {name} (folds 0 to {n_folds - 1})",
               got=f"{len(folds)} row{'' if len(folds) == 1 else 's'}")
        expect(folds in (list(range(n_folds)), list(range(1, n_folds + 1))),
               f"{name}'s rows should number the folds in the order given",
               expected=f"fold 0 to {n_folds - 1}, once each", got=f"fold {folds}")


def _fold_numbers(values: pd.Series) -> list[int]:
    """Fold labels as ints; -1 for a label that is not a whole number."""
    numbers = []
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = -1.0
        numbers.append(int(number) if number.is_integer() else -1)
    return numbers


def normalised(got: pd.DataFrame) -> pd.DataFrame:
    """Scores indexed by (model, fold 0, 1, ...): folds numbered from 1 are shifted."""
    table = got[COLUMNS].copy()
    table["fold"] = _fold_numbers(table["fold"])
    if table["fold"].min() == 1:
        table["fold"] -= 1
    table["model"] = table["model"].astype(str)
    return table.set_index(["model", "fold"]).sort_index().astype(float)


@milestone("3.5")
def test_one_row_per_model_and_given_fold(week):
    got, _, _ = compared(week)
    bad = got[~np.isfinite(got).all(axis=1) | (got < 0).any(axis=1) | (got > 1).any(axis=1)]
    expect(bad.empty, "every row should hold a ROC-AUC and a PR-AUC between 0 and 1",
           expected="roc_auc and pr_auc in [0, 1]",
           got=f"{len(bad)} rows outside, e.g. {bad.head(2).reset_index().to_dict('records')}")


@milestone("3.5")
def test_boosting_is_scored_on_rows_it_did_not_see(week):
    got, reference, _ = compared(week)
    boosting = got.loc["hist_gradient_boosting", "roc_auc"]
    logistic = got.loc["logistic_regression", "roc_auc"]
    for fold, auc in boosting.items():
        judge = reference.loc[fold, "roc_auc"]
        expect(auc <= judge + BOOSTING_ABOVE, f"hist_gradient_boosting's ROC-AUC on fold {fold} "
               "is far above what logistic regression reaches on customers it did not see. "
               "Scored on the rows it was fit on?",
               expected=f"about {judge:.2f} (at most {judge + BOOSTING_ABOVE:.2f}), scored on "
                        f"X.iloc[folds[{fold}][1]]", got=f"{auc:.3f}")
        expect(auc >= judge - BOOSTING_BELOW, f"hist_gradient_boosting's ROC-AUC on fold {fold}"
               " is far below logistic regression's: is it fit on that fold's training rows, "
               "with build_pipeline's preparation?",
               expected=f"about {judge:.2f} (at least {judge - BOOSTING_BELOW:.2f})",
               got=f"{auc:.3f}")
    expect(not np.allclose(boosting.to_numpy(), logistic.to_numpy(), rtol=0, atol=1e-6),
           "the hist_gradient_boosting rows equal the logistic_regression rows: is the same "
           "model scored twice?", expected="build_pipeline(HistGradientBoostingClassifier("
           "random_state=0)) for hist_gradient_boosting",
           got="the same ROC-AUC on every fold: " + ", ".join(f"{a:.4f}" for a in boosting))


@milestone("3.5")
def test_logistic_rows_match_the_judges_on_the_given_folds(week):
    got, reference, shares = compared(week)
    logistic = got.loc["logistic_regression"]
    for fold in reference.index:
        for metric in ("roc_auc", "pr_auc"):
            mine, judge = logistic.loc[fold, metric], reference.loc[fold, metric]
            expect(abs(mine - judge) <= TOLERANCE,
                   f"logistic_regression's {metric} on fold {fold} differs from the judge's "
                   f"build_pipeline() on the same rows. This fold's test rows are "
                   f"{shares[fold]:.0%} churners on purpose. {OWN_FOLDS}",
                   expected=f"{judge:.3f} (± {TOLERANCE})", got=f"{mine:.3f}")


@milestone("3.5")
def test_choice_names_a_model_and_reason_cites_numbers(week):
    compared(week)  # a choice comes after the comparison (and the starter is "not started")
    got = week.run_snippet(READ_CHOICE, label="compare.CHOICE, compare.REASON",
                           target="compare.CHOICE")
    choice, reason = got["CHOICE"], got["REASON"]
    expect(choice in MODEL_NAMES, "CHOICE should name the model you would ship",
           expected=" or ".join(f'"{n}"' for n in MODEL_NAMES), got=repr(choice))
    words = reason.split()
    placeholder = reason.strip().strip(".").upper() in {"", "TODO", "TBD", "...", "REASON"}
    expect(not placeholder and len(words) >= 20,
           "REASON should say why, in a few sentences of your own: a person reads it when "
           "your week is reviewed",
           expected="at least 20 words, citing the numbers compare_models gave you",
           got=f"{len(words)} words: {reason[:60]!r}")
    expect(any(ch.isdigit() for ch in reason), "REASON should cite the numbers behind the "
           "choice (a mean ROC-AUC, the spread across folds): a person reads it",
           expected="a REASON with numbers, e.g. 'mean ROC-AUC 0.85 vs ...'",
           got=f"no number in {reason[:60]!r}...")
