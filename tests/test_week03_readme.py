"""Week 3's README quotes the reference solution's results: recompute them, compare as printed.

The figures come from solutions/week03 itself (`python -m train`'s rule, `persist.load_model`,
`build_pipeline`), run in a subprocess with the week folder as working directory, as a learner
would run it. The held-out customers are not shipped in the learner edition: skip there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEEK = ROOT / "solutions" / "week03"
PUBLIC = ROOT / "data" / "telco_churn_clean.parquet"
HOLDOUT = ROOT / "grader" / "hidden" / "data" / "telco_churn_holdout_clean.parquet"

RESULTS = """
import json, sys, tempfile
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score
import train
from persist import load_model
from pipeline import build_pipeline

public, holdout = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as out:
    assert train.main(["--data", public, "--out", out]) == 0
    model, meta = load_model(out)
table = pd.read_parquet(holdout)
X, y = table.drop(columns="churn"), table["churn"].to_numpy(dtype=bool)
proba = model.predict_proba(X)[:, 1]
customers = pd.read_parquet(public)
folds = StratifiedKFold(train.N_FOLDS, shuffle=True, random_state=0)
cv = cross_val_score(build_pipeline(), customers.drop(columns="churn"), customers["churn"],
                     scoring="roc_auc", cv=folds)
print(json.dumps({
    "threshold": meta["threshold"],
    "roc_auc": roc_auc_score(y, proba),
    "pr_auc": average_precision_score(y, proba),
    "cost_at_threshold": train.expected_cost(y, proba, meta["threshold"]),
    "cost_at_half": train.expected_cost(y, proba, 0.5),
    "cv_mean": cv.mean(), "cv_std": cv.std(ddof=1)}))
"""

#: README row label -> how the figure is printed there.
ROWS = {
    "5-fold CV ROC-AUC on the public customers (mean ± std)":
        lambda r: f"{r['cv_mean']:.3f} ± {r['cv_std']:.3f}",
    "Threshold chosen by `python -m train`": lambda r: f"{r['threshold']:.3f}",
    "Held-out ROC-AUC": lambda r: f"{r['roc_auc']:.3f}",
    "Held-out PR-AUC": lambda r: f"{r['pr_auc']:.3f}",
    "Held-out expected cost at the chosen threshold": lambda r: f"${r['cost_at_threshold']:,.0f}",
    "Held-out expected cost at 0.5": lambda r: f"${r['cost_at_half']:,.0f}",
}


def readme_rows() -> dict[str, str]:
    """The `| figure | value |` rows of the README's Reference results table."""
    text = (WEEK / "README.md").read_text(encoding="utf-8")
    section = text.split("## Reference results", 1)[1].split("\n## ", 1)[0]
    lines = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]
    rows = {}
    for line in lines[2:]:  # after the header and its |---| line
        label, _, value = line.strip("|").rpartition("|")
        rows[label.strip()] = value.strip()
    return rows


@pytest.fixture(scope="module")
def results() -> dict[str, float]:
    if not HOLDOUT.exists():
        pytest.skip("the held-out customers are not shipped in the learner edition")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(WEEK),
           "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", RESULTS, str(PUBLIC), str(HOLDOUT)],
                          cwd=WEEK, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, f"recomputing the reference results failed:\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_readme_has_the_reference_results_table():
    assert set(readme_rows()) == set(ROWS), (
        f"solutions/week03/README.md's Reference results table should have exactly the rows "
        f"{sorted(ROWS)}; it has {sorted(readme_rows())}")


@pytest.mark.parametrize("label", list(ROWS))
def test_readme_figure_matches_the_solution(label: str, results: dict[str, float]):
    want = ROWS[label](results)
    got = readme_rows().get(label)
    assert got == want, (
        f"solutions/week03/README.md says {label!r} is {got!r}, but the reference solution "
        f"gives {want!r}: update the README (or find out why the solution changed)")
