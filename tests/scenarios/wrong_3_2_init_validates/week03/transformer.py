# scenario: patch
class QuantileClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    def __init__(self, lower=0.01, upper=0.99):
        # fail early on nonsense
        if not 0 <= lower < upper <= 1:
            raise ValueError(f"need 0 <= lower < upper <= 1, got {lower}, {upper}")
        self.lower = float(lower)
        self.upper = float(upper)

    def fit(self, X, y=None):
        X = validate_data(self, X, ensure_all_finite="allow-nan")
        self.lower_, self.upper_ = np.nanquantile(X, [self.lower, self.upper], axis=0)
        return self

    def transform(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, ensure_all_finite="allow-nan")
        return np.clip(X, self.lower_, self.upper_)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags
