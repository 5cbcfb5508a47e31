"""Milestone 3.4: train the churn model from the command line, and save it with its facts.

    python -m train --data ../../data/telco_churn_clean.parquet --out models

One command anyone (or a monthly job) can rerun when new customers arrive: it estimates how
good the model is with 5-fold cross-validation, picks the threshold that costs the retention
team least, fits the pipeline on every customer, and saves it with `persist.save_model`.
Week 4's web service serves ``models/churn_model.joblib``.

What goes to the log (stderr): one line per step. Exit codes: 0 saved, 1 data file not found,
2 bad arguments (argparse's own code).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from persist import MODEL_FILE, save_model
from pipeline import build_pipeline

log = logging.getLogger("telco.train")

#: A churner nobody called: the revenue lost (week 2, milestone 2.4).
COST_MISSED_CHURNER = 500
#: A retention offer, made to everyone the model flags, churner or not.
COST_OFFER = 50
#: Folds of the cross-validation that gives the metrics and the threshold.
N_FOLDS = 5


def expected_cost(y_true: np.ndarray, proba: np.ndarray, threshold: float) -> float:
    """What flagging customers with ``proba >= threshold`` costs: 500 per miss, 50 per offer.

    Your week 2 ``costs.expected_cost``, given here so this week stands on its own.

    >>> expected_cost(np.array([True, False]), np.array([0.9, 0.2]), 0.5)
    50.0
    """
    flagged = np.asarray(proba) >= threshold
    churned = np.asarray(y_true, dtype=bool)
    missed = int(np.sum(churned & ~flagged))
    return float(COST_MISSED_CHURNER * missed + COST_OFFER * int(np.sum(flagged)))


def choose_threshold(y_true: np.ndarray, proba: np.ndarray) -> float:
    """The threshold with the lowest `expected_cost` (week 2's ``costs.choose_threshold``).

    Every distinct probability is tried (between two of them the decisions do not change);
    ties go to the highest threshold, the fewest offers.

    >>> choose_threshold(np.array([True, False, False]), np.array([0.9, 0.2, 0.1]))
    0.9
    """
    candidates = np.unique(proba)[::-1]  # high to low: argmin keeps the first, highest tie
    costs = [expected_cost(y_true, proba, t) for t in candidates]
    return float(candidates[int(np.argmin(costs))])


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``--data``, ``--out`` and an optional ``--seed``."""
    parser = argparse.ArgumentParser(
        prog="python -m train",
        description="Train the churn pipeline on a cleaned table and save it with metadata.",
    )
    parser.add_argument("--data", required=True, type=Path, metavar="CLEAN.parquet",
                        help="the cleaned customers (week 1's table), with a churn column")
    parser.add_argument("--out", default=Path("models"), type=Path, metavar="FOLDER",
                        help=f"where to write {MODEL_FILE} and its .json (default: models)")
    parser.add_argument("--seed", default=0, type=int,
                        help="seed of the cross-validation folds (default: 0)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the training on the command line `argv`; return the exit code.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``python -m train``; None reads ``sys.argv[1:]``.

    Returns
    -------
    int
        0 when the model was saved; 1 when the data file does not exist (one line on
        stderr, never a traceback).

    Notes
    -----
    The saved metadata's ``metrics`` hold ``roc_auc`` and ``pr_auc`` of the out-of-fold
    probabilities (each customer scored by a model that never saw them), and the
    ``threshold`` minimises `expected_cost` on those same probabilities. The saved pipeline
    itself is fitted on every row.

    Examples
    --------
    >>> main(["--data", "../../data/telco_churn_clean.parquet",
    ...       "--out", "models"])  # doctest: +SKIP
    0
    """
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # BEGIN SOLUTION
    if not args.data.is_file():
        print(f"error: data file not found: {args.data}", file=sys.stderr)  # one line to act on
        return 1
    table = pd.read_parquet(args.data)
    X, y = table.drop(columns="churn"), table["churn"].to_numpy(dtype=bool)
    log.info("read %d customers from %s", len(table), args.data)
    folds = StratifiedKFold(N_FOLDS, shuffle=True, random_state=args.seed)
    # Out-of-fold: each customer's probability comes from a model that never saw them, so
    # the threshold is chosen on honest probabilities, not on ones the model memorised.
    proba = cross_val_predict(build_pipeline(), X, y, cv=folds, method="predict_proba")[:, 1]
    threshold = choose_threshold(y, proba)
    metrics = {"roc_auc": roc_auc_score(y, proba), "pr_auc": average_precision_score(y, proba),
               "cost_at_threshold": expected_cost(y, proba, threshold),
               "cost_at_half": expected_cost(y, proba, 0.5)}
    log.info("%d-fold ROC-AUC %.3f, PR-AUC %.3f; threshold %.3f", N_FOLDS, metrics["roc_auc"],
             metrics["pr_auc"], threshold)
    # cross_val_predict fitted copies; the model we ship learns from every customer.
    pipeline = build_pipeline().fit(X, y)
    folder = save_model(pipeline, args.out, data_path=args.data, metrics=metrics,
                        threshold=threshold)
    log.info("saved %s", folder / MODEL_FILE)
    return 0
    # END SOLUTION


if __name__ == "__main__":
    raise SystemExit(main())
