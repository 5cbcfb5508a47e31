# Starter generated from solutions/week04/build_model.py by `make starters`.
# This file is yours: edit it.
"""A model for week 4 to serve, when week 3's is not ready yet.

    python -m build_model            # writes models/churn_model.joblib and .json

Week 4 serves whatever model week 3's ``python -m train`` saved. If you have one, copy it::

    cp ../week03/models/churn_model.* models/

If not, this script fits the course's reference pipeline on the cleaned customers, picks the
cheapest threshold (500 per missed churner, 50 per offer) on out-of-fold probabilities, and
saves both files in week 3's format. Nothing here is graded: it is given.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
from datetime import UTC, datetime
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

DATA = Path(__file__).resolve().parents[2] / "data" / "telco_churn_clean.parquet"
NUMBERS = ["tenure", "monthly_charges", "total_charges"]


def reference_pipeline(categories: list[str]) -> Pipeline:
    """Week 3's pipeline: impute and scale the amounts, one-hot the rest, then LR."""
    prepare = ColumnTransformer([
        ("numbers", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMBERS),
        ("categories", OneHotEncoder(handle_unknown="ignore"), categories)])
    return Pipeline([("prepare", prepare), ("model", LogisticRegression(max_iter=1000))])


def cheapest_threshold(churned: np.ndarray, proba: np.ndarray) -> float:
    """The threshold with the lowest retention cost, every distinct probability tried."""
    order = np.argsort(-proba)
    flagged = np.arange(1, len(proba) + 1)  # flag the k most likely churners, k = 1..n
    missed = churned.sum() - np.cumsum(churned[order])
    cost = 500 * missed + 50 * flagged
    return float(proba[order][int(np.argmin(cost))])


def main(argv: list[str] | None = None) -> int:
    """Fit, choose the threshold, save; print where the files went."""
    parser = argparse.ArgumentParser(prog="python -m build_model", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="the cleaned customers")
    parser.add_argument("--out", type=Path, default=Path("models"), help="default: models")
    args = parser.parse_args(argv)
    table = pd.read_parquet(args.data)
    X, y = table.drop(columns="churn"), table["churn"].to_numpy(dtype=bool)
    pipeline = reference_pipeline([c for c in X.columns if c not in NUMBERS])
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    proba = cross_val_predict(pipeline, X, y, cv=folds, method="predict_proba")[:, 1]
    pipeline.fit(X, y)
    args.out.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, args.out / "churn_model.joblib")
    metadata = {
        "sklearn_version": sklearn.__version__, "python_version": platform.python_version(),
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "features": list(X.columns), "metrics": {}, "threshold": cheapest_threshold(y, proba),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (args.out / "churn_model.json").write_text(json.dumps(metadata, indent=2) + "\n")
    print(f"saved {args.out}/churn_model.joblib, threshold {metadata['threshold']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
