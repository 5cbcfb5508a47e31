"""Hidden checks for milestone 5.4: the estimator on seeded data with other labels.

Labels of other types and values (ints that are not 0/1, other words), features in a
DataFrame, and a seeded shape; the probabilities are statsmodels'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from grader.engine.checks import milestone
from grader.week05 import ref_logistic as ref
from grader.week05.test_estimator import expect_like_statsmodels, fitted

LABELS = [("churned", "stayed"), ("No", "Yes"), (-1, 1), (3, 7), ("b", "a")]


@milestone("5.4", category="fails on other labels or data")
def test_seeded_labels_and_data(week, seed):
    rng = np.random.default_rng(seed)
    X, y = ref.classification_data(seed, n=int(rng.integers(120, 400)), p=int(rng.integers(2, 6)))
    pair = LABELS[int(rng.integers(len(LABELS)))]
    low, high = sorted(pair)
    labels = np.where(y == 1, high, low)
    frame = pd.DataFrame(X, columns=[f"feature_{i}" for i in range(X.shape[1])])
    got = fitted(week, frame, labels, frame.iloc[:30], "ScratchLogisticRegression()"
                 ".fit(X, y).predict_proba(X)")
    expect_like_statsmodels(got, X, y, X[:30], [low, high])
