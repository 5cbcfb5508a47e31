"""Week 5's solution estimator under scikit-learn's own test suite, as its maintainers run it.

The grader runs the same checks on a learner's class in the sandbox (milestone 5.4); here
``parametrize_with_checks`` turns each of them into a pytest case, so a change to the
solution that breaks one rule of the scikit-learn API shows up by the check's name. The
week's modules are imported by their plain names (``estimator`` imports ``logistic``), as the
learner's kernel does; they stay in ``sys.modules`` (pickling the estimator needs its module)
but the week folder leaves ``sys.path`` again.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

WEEK = Path(__file__).resolve().parents[1] / "solutions" / "week05"


def _import_estimator() -> type:
    """ScratchLogisticRegression from solutions/week05, without leaving the path changed."""
    sys.path.insert(0, str(WEEK))
    try:
        import estimator
    finally:
        sys.path.remove(str(WEEK))
    return estimator.ScratchLogisticRegression


ScratchLogisticRegression = _import_estimator()


@parametrize_with_checks([ScratchLogisticRegression()])
@pytest.mark.filterwarnings("ignore")  # separable toy data: IRLS warns, as documented
def test_scikit_learn_accepts_the_estimator(estimator, check):
    check(estimator)


def test_same_probabilities_as_unpenalised_scikit_learn():
    """The claim of the week: the same model as LogisticRegression(C=np.inf), not C=1."""
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    X, y = make_classification(n_samples=800, n_features=6, n_redundant=0, random_state=3)
    ours = ScratchLogisticRegression().fit(X, y).predict_proba(X)
    theirs = LogisticRegression(C=np.inf, max_iter=10_000, tol=1e-12).fit(X, y)
    np.testing.assert_allclose(ours, theirs.predict_proba(X), atol=1e-6)
    default = LogisticRegression().fit(X, y).predict_proba(X)
    assert np.abs(ours - default).max() > 1e-4, "C=1 should shrink: a different model"
