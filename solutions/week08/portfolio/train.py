"""Milestones 8.1-8.2: train the churn model, measure it honestly, and draw the two figures.

    python train.py                       # from this folder; writes models/ and images/

The one script behind every number in README.md. A reader who doubts a number reruns it and
gets the same one: the data file is the course's cleaned table, the split is week 2's (seeded,
stratified), and nothing is tuned on the test customers. It writes:

    models/churn_model.joblib    the fitted pipeline that app.py serves
    models/metrics.json          what README.md's Results section quotes
    images/confusion_matrix.png  who we would call, and who they turned out to be
    images/precision_recall.png  how many churners we find for how many wasted offers

What goes to the log (stderr): one line per step. Exit codes: 0 done, 1 data file not found,
2 bad arguments (argparse's own code).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    ConfusionMatrixDisplay,
    PrecisionRecallDisplay,
    average_precision_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

log = logging.getLogger("portfolio.train")

HERE = Path(__file__).resolve().parent
#: The course's cleaned table (week 1), three folders up: right in the repo and in a clean copy.
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "data" / "telco_churn_clean.parquet"
MODEL_FILE = "churn_model.joblib"
METRICS_FILE = "metrics.json"

#: A churner nobody called: the revenue lost (weeks 2 and 3).
COST_MISSED_CHURNER = 500
#: A retention offer, made to every customer the model flags, churner or not.
COST_OFFER = 50
#: Flag a customer when an offer costs less than the loss it may prevent: P(churn) * 500 >= 50.
#: Decided by the business costs before looking at any test customer, so it is not tuned.
THRESHOLD = COST_OFFER / COST_MISSED_CHURNER

#: Amounts: scaled, so that the regression's penalty treats every column alike.
NUMERIC_COLUMNS = ["tenure", "monthly_charges", "total_charges"]
#: Text levels and yes/no flags: one-hot encoded.
CATEGORICAL_COLUMNS = [
    "gender", "senior_citizen", "partner", "dependents", "phone_service", "multiple_lines",
    "internet_service", "online_security", "online_backup", "device_protection",
    "tech_support", "streaming_tv", "streaming_movies", "contract", "paperless_billing",
    "payment_method",
]  # fmt: skip


def load_customers(path: str | Path = DEFAULT_DATA) -> pd.DataFrame:
    """Read the cleaned customer table: one row per customer, indexed by ``customer_id``.

    Given, not yours to write: every portfolio reads the same file, so every headline number
    is comparable and the grader can recompute yours.

    Parameters
    ----------
    path : str or Path, default=DEFAULT_DATA
        ``data/telco_churn_clean.parquet``, written by week 1's cleaning.

    Returns
    -------
    DataFrame of shape (5634, 20)
        19 feature columns and the bool target ``churn``.
    """
    return pd.read_parquet(path)


def split(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Week 2's split: 80% to learn from, 20% (1,127 customers) set aside to measure on.

    Given, not yours to write: seeded and stratified on ``churn``, so that your numbers, the
    grader's and next month's rerun are all measured on the very same test customers.

    Returns
    -------
    train, test : tuple of two DataFrames
        `table`'s columns and index; each side has the whole table's churn share (26.5%).
    """
    train, test = train_test_split(table, test_size=0.2, stratify=table["churn"],
                                   random_state=42)
    return train, test


def build_pipeline() -> Pipeline:
    """Return the unfitted model: prepare the cleaned columns, then the classifier you chose.

    scikit-learn built-ins only, so that ``joblib.load`` in app.py (or on any machine with
    requirements.txt installed) needs no code from this file. The model you settled on, not a
    search for it: the grader refits this pipeline within its time limit (30 s).

    Returns
    -------
    Pipeline
        Unfitted. It takes every column of the cleaned table but ``churn``, in any order, and
        ends with a classifier that has ``predict_proba``. To compare its probabilities with
        `THRESHOLD` directly, keep them honest: ``class_weight="balanced"`` inflates every one.

    Examples
    --------
    >>> train, test = split(load_customers())  # doctest: +SKIP
    >>> pipe = build_pipeline().fit(train.drop(columns="churn"), train["churn"])  # doctest: +SKIP
    """
    # BEGIN SOLUTION 8.1
    prepare = ColumnTransformer([
        ("numbers", StandardScaler(), NUMERIC_COLUMNS),
        # handle_unknown="ignore": a payment method launched next month scores, not crashes.
        ("categories", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL_COLUMNS),
    ])
    return Pipeline([("prepare", prepare), ("model", LogisticRegression(max_iter=1000))])
    # END SOLUTION


def evaluate(pipeline: Pipeline, X_test: pd.DataFrame, y_test: pd.Series) -> dict[str, Any]:
    """Measure the fitted `pipeline` on customers it never saw.

    Parameters
    ----------
    pipeline : Pipeline
        Fitted on the training customers only.
    X_test : DataFrame
        The test customers, without ``churn``.
    y_test : Series of bool
        Whether each of them churned.

    Returns
    -------
    dict
        ``roc_auc`` and ``average_precision`` (ranking quality, threshold-free: the headline);
        ``precision`` and ``recall`` of flagging ``P(churn) >= threshold``; ``n_test``;
        ``threshold``; and what the retention budget would be on these customers, in dollars:
        ``cost_with_model`` (flag as above), ``cost_call_nobody`` (every churner lost),
        ``cost_call_everyone`` (an offer each).
    """
    # BEGIN SOLUTION 8.1
    churned = np.asarray(y_test, dtype=bool)
    proba = pipeline.predict_proba(X_test)[:, 1]
    flagged = proba >= THRESHOLD

    def cost(flags: np.ndarray) -> float:
        return float(COST_MISSED_CHURNER * np.sum(churned & ~flags) + COST_OFFER * np.sum(flags))

    return {
        "roc_auc": float(roc_auc_score(churned, proba)),
        "average_precision": float(average_precision_score(churned, proba)),
        "precision": float(precision_score(churned, flagged)),
        "recall": float(recall_score(churned, flagged)),
        "n_test": len(churned),
        "threshold": THRESHOLD,
        "cost_with_model": cost(flagged),
        "cost_call_nobody": cost(np.zeros_like(flagged)),
        "cost_call_everyone": cost(np.ones_like(flagged)),
    }
    # END SOLUTION


def save_figures(pipeline: Pipeline, X_test: pd.DataFrame, y_test: pd.Series,
                 folder: str | Path) -> list[Path]:
    """Draw the confusion matrix and the precision-recall curve of the test customers as PNGs.

    Written for the README's reader, not for us: titled, with axes in business words
    ("churned", "stayed", "share of churners we reach"), about 6 x 5 inches at 120 dpi, so they
    stay readable on GitHub's page and on a laptop screen.

    Parameters
    ----------
    pipeline : Pipeline
        Fitted on the training customers only.
    X_test, y_test : DataFrame, Series of bool
        The test customers and whether they churned.
    folder : str or Path
        Created if needed; the two files in it are overwritten.

    Returns
    -------
    list of Path
        ``folder/confusion_matrix.png`` and ``folder/precision_recall.png``.
    """
    # BEGIN SOLUTION 8.1
    import matplotlib

    matplotlib.use("Agg")  # files, never a window: works on a server and in CI
    from matplotlib.figure import Figure  # no pyplot state: each figure is freed when done

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    churned = np.asarray(y_test, dtype=bool)
    proba = pipeline.predict_proba(X_test)[:, 1]
    n = f"{len(churned):,}"

    figure = Figure(figsize=(6, 5), layout="constrained")
    ax = figure.subplots()
    ConfusionMatrixDisplay.from_predictions(
        churned, proba >= THRESHOLD, labels=[False, True], display_labels=["stayed", "churned"],
        values_format="d", cmap="Blues", colorbar=False, ax=ax)
    ax.set_title(f"Who we would call: {n} test customers\n"
                 f"(offer when P(churn) ≥ {THRESHOLD:.2f})")
    ax.set_xlabel("Model predicts (churned = gets an offer)")
    ax.set_ylabel("What the customer did")
    confusion = folder / "confusion_matrix.png"
    figure.savefig(confusion, dpi=120)

    figure = Figure(figsize=(6, 5), layout="constrained")
    ax = figure.subplots()
    PrecisionRecallDisplay.from_predictions(
        churned, proba, name="logistic regression", plot_chance_level=True,
        chance_level_kw={"label": f"no model ({churned.mean():.1%} churn)"}, ax=ax)
    flagged = proba >= THRESHOLD
    ax.plot(recall_score(churned, flagged), precision_score(churned, flagged), "o",
            color="C3", label=f"offer at P(churn) ≥ {THRESHOLD:.2f}")
    ax.set_title(f"Churners found vs offers wasted: {n} test customers")
    ax.set_xlabel("Recall: share of churners we reach")
    ax.set_ylabel("Precision: share of offers that go to churners")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower left")
    curve = folder / "precision_recall.png"
    figure.savefig(curve, dpi=120)
    return [confusion, curve]
    # END SOLUTION


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``--data``, ``--out``, ``--images``, each with a working default."""
    parser = argparse.ArgumentParser(
        prog="python train.py",
        description="Train the churn model on week 2's split; write the model, its test "
                    "metrics and the README's figures.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="CLEAN.parquet",
                        help="the cleaned customer table (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=HERE / "models", metavar="FOLDER",
                        help=f"where to write {MODEL_FILE} and {METRICS_FILE} "
                             "(default: models/ next to train.py)")
    parser.add_argument("--images", type=Path, default=HERE / "images", metavar="FOLDER",
                        help="where to write the PNGs (default: images/ next to train.py)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Fit on the training customers, measure on the test ones, save everything.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``python train.py``; None reads ``sys.argv[1:]``.

    Returns
    -------
    int
        0 when the model, metrics and figures are written; 1 when the data file does not exist
        (one line on stderr naming the path and ``--data``, never a traceback).

    Notes
    -----
    The saved model is the one fitted on the training customers only, so the numbers in
    ``metrics.json`` describe exactly the model app.py serves.
    """
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not args.data.is_file():
        print(f"error: data file not found: {args.data}; pass the cleaned table's path with "
              "--data PATH", file=sys.stderr)
        return 1
    # BEGIN SOLUTION 8.2
    table = load_customers(args.data)
    train, test = split(table)
    log.info("read %d customers from %s: %d to train on, %d to test on", len(table), args.data,
             len(train), len(test))
    X_train, y_train = train.drop(columns="churn"), train["churn"]
    X_test, y_test = test.drop(columns="churn"), test["churn"]
    pipeline = build_pipeline().fit(X_train, y_train)
    log.info("fitted the pipeline on %d customers", len(train))
    metrics = evaluate(pipeline, X_test, y_test)
    log.info("test ROC-AUC %.3f, average precision %.3f; at P(churn) >= %.2f precision %.3f, "
             "recall %.3f (%d customers)", metrics["roc_auc"], metrics["average_precision"],
             metrics["threshold"], metrics["precision"], metrics["recall"], metrics["n_test"])
    log.info("retention budget on the test customers: $%s with the model, $%s calling nobody, "
             "$%s calling everyone", f"{metrics['cost_with_model']:,.0f}",
             f"{metrics['cost_call_nobody']:,.0f}", f"{metrics['cost_call_everyone']:,.0f}")
    args.out.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, args.out / MODEL_FILE)
    facts = {"metrics": metrics, "split": "week 2: test_size=0.2, stratify=churn, "
             "random_state=42", "n_train": len(train), "data": args.data.name,
             "sklearn_version": sklearn.__version__}
    (args.out / METRICS_FILE).write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    log.info("saved %s and %s", args.out / MODEL_FILE, args.out / METRICS_FILE)
    for path in save_figures(pipeline, X_test, y_test, args.images):
        log.info("drew %s", path)
    return 0
    # END SOLUTION


if __name__ == "__main__":
    raise SystemExit(main())
