"""Weeks 5 and 6's READMEs quote the reference solution's results: recompute, compare as printed.

Week 5's table of ROC-AUCs on the churn customers (week 3's reference pipeline with
scikit-learn's model and with the scratch one) and week 6's table of the doctor-visits
coefficients are the figures a learner compares their own against, so they must be the
solutions' own. The held-out customers are not in the learner edition: that row is skipped
there.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
HOLDOUT = ROOT / "grader" / "hidden" / "data" / "telco_churn_holdout_clean.parquet"


def week_module(week: str, name: str):
    """A solution module imported by its plain name, as the learner's kernel imports it."""
    folder = str(ROOT / "solutions" / week)
    sys.path.insert(0, folder)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(folder)


def table_rows(readme: str, first_cell: str) -> list[list[str]]:
    """The cells of the Markdown table rows whose first cell starts with `first_cell`."""
    text = (ROOT / "solutions" / readme).read_text(encoding="utf-8")
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|")]
    return [row for row in rows if row[0].startswith(first_cell)]


def churn_split(holdout: bool):
    from grader.week03 import ref_pipeline

    public = pd.read_parquet(ROOT / "data" / "telco_churn_clean.parquet")
    if not holdout:
        return ref_pipeline.judge_split(public)
    X_train, y_train = ref_pipeline.features_and_target(public)
    X_test, y_test = ref_pipeline.features_and_target(pd.read_parquet(HOLDOUT))
    return X_train, X_test, y_train, y_test


@pytest.mark.parametrize("row, holdout", [("4,225 → 1,409", False), ("all 5,634 public", True)])
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_week05_roc_auc_table(row, holdout):
    if holdout and not HOLDOUT.exists():
        pytest.skip("held-out customers are not shipped in the learner edition")
    from grader.week03.ref_persist import judge_pipeline

    [cells] = table_rows("week05/README.md", row)
    X_train, X_test, y_train, y_test = churn_split(holdout)
    got = week_module("week05", "swap").compare_on_holdout(
        judge_pipeline(), X_train, y_train, X_test, y_test)
    printed = [f"{got['sklearn_roc_auc']:.4f}", f"{got['scratch_roc_auc']:.4f}",
               f"{got['difference']:+.4f}"]
    assert cells[1:4] == printed
    assert abs(got["difference"]) <= 0.002  # the week's promise


def test_week06_doctor_visits_table():
    visits = week_module("week06", "visits")
    table = visits.load_visits()
    fit = visits.fit_visits(table)
    names = list(table.columns.drop("mdvis"))
    ratios = visits.rate_ratios(fit, names)
    rows = {cells[0]: cells[1:] for cells in table_rows("week06/README.md", "")
            if cells[0] in {"intercept", *names}}
    assert list(rows) == ["intercept", *names]
    for i, name in enumerate(["intercept", *names]):
        coef, se, ratio = rows[name]
        assert float(coef.replace("−", "-")) == pytest.approx(fit.coef[i], abs=5e-5), name
        assert float(se) == pytest.approx(fit.standard_errors[i], abs=5e-5), name
        if name == "intercept":
            visits_at_zero = float(re.search(r"[\d.]+", ratio).group())
            assert visits_at_zero == pytest.approx(np.exp(fit.coef[0]), abs=5e-4)
        else:
            assert float(ratio) == pytest.approx(ratios[name], abs=5e-4), name
