# scenario: patch
class QuantileClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    def __init__(self, lower=0.01, upper=0.99):
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):
        X = validate_data(self, X, dtype="numeric", ensure_all_finite="allow-nan")
        lows, highs = [], []
        for column in X.T:  # one column at a time, missing values left out
            present = column[~np.isnan(column)]
            lows.append(np.percentile(present, 100 * self.lower))
            highs.append(np.percentile(present, 100 * self.upper))
        self.lower_, self.upper_ = np.array(lows), np.array(highs)
        return self

    def transform(self, X):
        check_is_fitted(self, ["lower_", "upper_"])
        X = validate_data(self, X, reset=False, dtype=np.float64, ensure_all_finite="allow-nan",
                          copy=True)
        too_low, too_high = X < self.lower_, X > self.upper_  # NaN is neither
        X = np.where(too_low, self.lower_, X)
        return np.where(too_high, self.upper_, X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags
