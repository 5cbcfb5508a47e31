# scenario: patch
import pandas as pd


class QuantileClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    def __init__(self, lower=0.01, upper=0.99):
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):
        X = validate_data(self, X, dtype=np.float64, ensure_all_finite="allow-nan")
        bounds = pd.DataFrame(X).quantile([self.lower, self.upper])  # skips NaN
        self.lower_ = bounds.iloc[0].to_numpy()
        self.upper_ = bounds.iloc[1].to_numpy()
        return self

    def transform(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64, ensure_all_finite="allow-nan")
        # np.maximum / np.minimum propagate NaN (np.fmax would fill it)
        return np.minimum(np.maximum(X, self.lower_), self.upper_)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags
