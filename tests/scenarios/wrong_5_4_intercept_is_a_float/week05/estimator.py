# scenario: patch
class ScratchLogisticRegression(ClassifierMixin, BaseEstimator):
    """Right in every number, but intercept_ is a float where scikit-learn keeps an array."""

    def __init__(self, tol=1e-8, max_iter=100):
        self.tol = tol
        self.max_iter = max_iter

    def fit(self, X, y):
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        self.classes_, coded = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError("Only binary classification is supported. The target has "
                             f"{len(self.classes_)} classes")
        fit = fit_irls(X, coded.astype(float), tol=self.tol, max_iter=self.max_iter)
        self.intercept_ = float(fit.coef[0])  # a bare number, not an array of shape (1,)
        self.coef_ = fit.coef[1:].reshape(1, -1)
        self.n_iter_ = fit.n_iter
        return self

    def decision_function(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_[0] + self.intercept_

    def predict_proba(self, X):
        logits = self.decision_function(X)
        return np.column_stack([sigmoid(-logits), sigmoid(logits)])

    def predict(self, X):
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags
