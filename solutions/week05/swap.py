"""Milestone 5.5: your estimator inside the week 3 churn pipeline.

Week 3's pipeline imputes and scales the amounts, one-hot encodes the rest, and ends in
scikit-learn's ``LogisticRegression(max_iter=1000)``. Swap that last step for your
``ScratchLogisticRegression`` and nothing else changes: same columns, same preprocessing,
same ``fit`` / ``predict_proba``. That is the point of following scikit-learn's rules.

Then compare them where it counts, on customers neither model saw. They are not the same
model: scikit-learn's default has an L2 penalty (C=1.0), yours has none, and the one-hot
columns of each feature add up to the intercept, so your design matrix is rank-deficient
(your ``fit_irls`` handles that). With thousands of customers and 39 columns the penalty
barely matters: the two should rank customers almost identically, ROC-AUC within 0.002.
"""

from __future__ import annotations

from sklearn.base import clone
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline

from estimator import ScratchLogisticRegression


def with_scratch_model(pipeline: Pipeline) -> Pipeline:
    """An unfitted copy of `pipeline` whose last step is a ``ScratchLogisticRegression()``.

    Parameters
    ----------
    pipeline : Pipeline
        Fitted or not, ending in a classifier (week 3's ends in ``("model",
        LogisticRegression(...))``).

    Returns
    -------
    Pipeline
        A new, unfitted pipeline (``sklearn.base.clone``): the same steps with the same
        names and parameters, except the last, which is ``ScratchLogisticRegression()``
        under the same name. `pipeline` itself is not changed.
    """
    # BEGIN SOLUTION
    scratch = clone(pipeline)  # unfitted copies of every step; the argument is untouched
    name, _ = scratch.steps[-1]
    scratch.steps[-1] = (name, ScratchLogisticRegression())
    return scratch
    # END SOLUTION


def compare_on_holdout(pipeline: Pipeline, X_train, y_train, X_test,
                       y_test) -> dict[str, float]:
    """Fit scikit-learn's pipeline and yours on the training rows, score both on the test rows.

    Parameters
    ----------
    pipeline : Pipeline
        Unfitted (week 3's reference pipeline, say); it is cloned, never fitted itself.
    X_train, y_train : DataFrame of shape (n_train, n_features), Series of shape (n_train,)
        The only rows either model learns from.
    X_test, y_test : DataFrame of shape (n_test, n_features), Series of shape (n_test,)
        Customers neither model saw; ``y_test`` is True (or 1) for those who left.

    Returns
    -------
    dict[str, float]
        ``{"sklearn_roc_auc": ..., "scratch_roc_auc": ..., "difference": ...}``: the
        ROC-AUC of ``clone(pipeline)`` and of ``with_scratch_model(pipeline)`` on the test
        rows, and scratch minus sklearn. On the churn data ``|difference| < 0.002``.
    """
    # BEGIN SOLUTION
    scores = {}
    for label, model in (("sklearn", clone(pipeline)), ("scratch", with_scratch_model(pipeline))):
        model.fit(X_train, y_train)
        # The probability of classes_[1] (True: left) ranks the customers.
        scores[f"{label}_roc_auc"] = float(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
    scores["difference"] = scores["scratch_roc_auc"] - scores["sklearn_roc_auc"]
    return scores
    # END SOLUTION
