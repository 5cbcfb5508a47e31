"""Milestone 3.2: a transformer of your own that scikit-learn treats as one of its own.

Next month a sales agent types 10,000 instead of 100.00 into monthly_charges. A logistic
regression multiplies that number by its coefficient, and the customer gets a churn
probability of 0.0 or 1.0 that nobody can explain. `QuantileClipper` guards against that: in
``fit`` it learns, for every column, the 1st and 99th percentiles of the training rows; in
``transform`` it clips any value to that range. A typo becomes "a very high bill", not an
absurd score.

To live inside a ``Pipeline``, a ``GridSearchCV`` and a saved file, it must follow
scikit-learn's rules: ``__init__`` only stores its arguments (``clone`` and ``get_params``
rebuild the object from them), ``fit`` learns attributes ending in ``_`` and returns
``self``, ``transform`` applies what ``fit`` learned and changes nothing. scikit-learn's own
``check_estimator`` tests those rules; the grader runs it on your class.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data


class QuantileClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Clip every column to the quantiles it had in the training rows.

    Missing values stay missing (an imputer later in the pipeline decides what they become),
    and are ignored when the quantiles are learned.

    Parameters
    ----------
    lower : float, default=0.01
        Quantile (between 0 and 1) below which values are raised to it.
    upper : float, default=0.99
        Quantile (between 0 and 1, at least `lower`) above which values are lowered to it.

    Attributes
    ----------
    lower_ : ndarray of shape (n_features,)
        The `lower` quantile of each column in the rows `fit` saw.
    upper_ : ndarray of shape (n_features,)
        The `upper` quantile of each column in the rows `fit` saw.
    n_features_in_ : int
        Number of columns seen in `fit`.
    feature_names_in_ : ndarray of shape (n_features,)
        Column names seen in `fit`, when it was given a DataFrame with string column names.

    Examples
    --------
    >>> X = np.array([[1.0], [2.0], [3.0], [4.0], [100.0]])
    >>> clipper = QuantileClipper(lower=0.0, upper=0.75).fit(X)
    >>> clipper.upper_
    array([4.])
    >>> clipper.transform(np.array([[0.5], [np.nan], [10_000.0]])).ravel().tolist()
    [1.0, nan, 4.0]
    """

    def __init__(self, lower: float = 0.01, upper: float = 0.99):
        # Store the arguments as given, nothing else: clone() and get_params() rebuild the
        # object from them, and a search may set them later with set_params().
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):
        """Learn each column's `lower` and `upper` quantiles from the rows of `X`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numbers; NaN is allowed and ignored.
        y : ignored
            Accepted so that the clipper fits in a Pipeline.

        Returns
        -------
        self
            Fitted: ``lower_`` and ``upper_`` hold one bound per column.
        """
        if not 0.0 <= self.lower <= self.upper <= 1.0:
            # Checked here, not in __init__: set_params() can change them after construction.
            raise ValueError(f"need 0 <= lower <= upper <= 1, got lower={self.lower!r}, "
                             f"upper={self.upper!r}")
        # Records n_features_in_ (and feature_names_in_ for a DataFrame); NaN is allowed.
        X = validate_data(self, X, dtype=np.float64, ensure_all_finite="allow-nan")
        self.lower_, self.upper_ = np.nanquantile(X, [self.lower, self.upper], axis=0)
        return self

    def transform(self, X):
        """Clip every column of `X` to the range `fit` learned; NaN stays NaN.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The same columns as in `fit`.

        Returns
        -------
        ndarray of shape (n_samples, n_features)
            A new float64 array (a DataFrame after ``set_output(transform="pandas")``).
        """
        check_is_fitted(self)
        # reset=False: compare with what fit saw (count and names), learn nothing new.
        X = validate_data(self, X, reset=False, dtype=np.float64,
                          ensure_all_finite="allow-nan")
        # Saves a copy: clips the caller's array in place.
        return np.clip(X, self.lower_, self.upper_, out=X)

    def __sklearn_tags__(self):
        """Tell scikit-learn's checks that NaN is a valid input here."""
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags
