"""Train the churn model: a hand-written fold loop and a grid of thresholds."""

import argparse
import sys

import numpy as np
import pandas as pd
from persist import save_model
from pipeline import build_pipeline
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m train")
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", default="models")
    args = parser.parse_args(argv)
    try:
        table = pd.read_parquet(args.data)
    except FileNotFoundError:
        raise SystemExit(f"train: no such data file: {args.data}") from None
    X = table.drop(columns="churn")
    y = table["churn"].astype(int).to_numpy()
    oof = np.zeros(len(y))
    for train_idx, test_idx in StratifiedKFold(5, shuffle=True, random_state=7).split(X, y):
        model = build_pipeline().fit(X.iloc[train_idx], y[train_idx])
        oof[test_idx] = model.predict_proba(X.iloc[test_idx])[:, 1]
    grid = np.arange(0.01, 1.0, 0.01)
    costs = [500 * np.sum((y == 1) & (oof < t)) + 50 * np.sum(oof >= t) for t in grid]
    threshold = round(float(grid[int(np.argmin(costs))]), 2)
    metrics = {"roc_auc": float(roc_auc_score(y, oof)),
               "pr_auc": float(average_precision_score(y, oof)),
               "expected_cost": float(min(costs))}
    final = build_pipeline().fit(X, y)
    folder = save_model(final, args.out, data_path=args.data, metrics=metrics,
                        threshold=threshold)
    print(f"saved to {folder}: ROC-AUC {metrics['roc_auc']:.3f}, threshold {threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
