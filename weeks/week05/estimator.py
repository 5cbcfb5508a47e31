# Starter generated from solutions/week05/estimator.py by `make starters`.
# This file is yours: edit it.
"""Milestone 5.4: your logistic regression, as an estimator scikit-learn accepts as its own.

``fit_irls`` fits one clean NumPy array. The churn pipeline of week 3 hands its model other
things: a few dozen one-hot columns, labels that are booleans or strings ("Yes"/"No"), and
later, in a grid search or a saved file, a copy of the model rebuilt from its parameters.
scikit-learn works with any model that follows its rules, and checks them with
``sklearn.utils.estimator_checks.check_estimator``: about fifty tests that feed the model
lists, NaN, a single row, string labels, three classes, and read-only arrays. The
grader runs all of them on your class.

The rules, briefly (https://scikit-learn.org/stable/developers/develop.html):

- ``__init__`` stores its arguments under the same names and does nothing else: ``clone``
  and ``get_params`` rebuild the model from them, and ``set_params`` may change them later.
- ``fit`` validates its input, learns attributes whose names end in ``_``, and returns
  ``self``. It never changes the parameters.
- Every other method first checks the model is fitted, then validates its input against what
  ``fit`` saw.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from logistic import fit_irls, sigmoid


class ScratchLogisticRegression(ClassifierMixin, BaseEstimator):
    """Binary logistic regression without a penalty, fitted by your IRLS (``fit_irls``).

    The same model as statsmodels' Binomial GLM and as
    ``LogisticRegression(C=np.inf)``: the maximum-likelihood coefficients, nothing shrunk.
    scikit-learn's default ``LogisticRegression()`` is a different model: its L2 penalty
    (C=1.0) pulls every coefficient towards 0.

    Parameters
    ----------
    tol : float, default=1e-8
        Passed to ``fit_irls``: stop when the largest Newton step is below this.
    max_iter : int, default=100
        Passed to ``fit_irls``: the most Newton steps.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels, sorted; ``classes_[1]`` is the "positive" one whose probability the
        model gives (True, 1, or "Yes" for churn).
    coef_ : ndarray of shape (1, n_features)
        Coefficients of the features (as scikit-learn's LogisticRegression stores them).
    intercept_ : ndarray of shape (1,)
        The intercept.
    n_iter_ : int
        Newton steps taken.
    n_features_in_ : int
        Number of features seen in `fit` (set by ``validate_data``).
    feature_names_in_ : ndarray of shape (n_features,)
        Column names seen in `fit`, when it was given a DataFrame with string column names.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> model = ScratchLogisticRegression().fit(X, ["stay", "leave", "stay", "leave"])
    >>> model.classes_.tolist()
    ['leave', 'stay']
    >>> model.predict_proba(X).shape
    (4, 2)
    """

    def __init__(self, tol: float = 1e-8, max_iter: int = 100):
        raise NotImplementedError("Milestone 5.4: write __init__")

    def fit(self, X, y):
        """Fit the coefficients by IRLS on the rows of `X` and their labels `y`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numbers only, no NaN (an imputer belongs in the pipeline, before the model).
        y : array-like of shape (n_samples,)
            Exactly two distinct labels, of any type scikit-learn accepts as classes
            (bool, int, str); ``classes_[1]`` (the larger one) is coded 1.

        Returns
        -------
        self
            Fitted: ``classes_``, ``coef_``, ``intercept_``, ``n_iter_`` and
            ``n_features_in_`` are set. A ``ValueError`` starting "Only binary
            classification is supported." for one or for three or more classes; on
            perfectly separable rows, ``fit_irls``'s ``ConvergenceWarning``.
        """
        raise NotImplementedError("Milestone 5.4: write fit")

    def decision_function(self, X):
        """The log-odds of ``classes_[1]`` for each row: ``intercept_ + X @ coef_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The same columns as in `fit`.

        Returns
        -------
        ndarray of shape (n_samples,)
            Positive where ``classes_[1]`` is the more likely label.
        """
        raise NotImplementedError("Milestone 5.4: write decision_function")

    def predict_proba(self, X):
        """The probability of each class, for each row.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2)
            Column j is the probability of ``classes_[j]``; each row sums to 1. Column 1 is
            ``sigmoid(decision_function(X))``.
        """
        raise NotImplementedError("Milestone 5.4: write predict_proba")

    def predict(self, X):
        """The more likely label of each row (probability threshold 0.5).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Values from ``classes_``, of their type: ``classes_[1]`` where the log-odds are
            positive, else ``classes_[0]``.
        """
        raise NotImplementedError("Milestone 5.4: write predict")

    def __sklearn_tags__(self):
        """Tell scikit-learn's checks that this classifier handles two classes only."""
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags
