# scenario: patch
class ScratchLogisticRegression(ClassifierMixin, BaseEstimator):
    """predict_proba returns the probability of classes_[1] only: one column, not two."""

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
        self.intercept_ = fit.coef[:1].copy()
        self.coef_ = fit.coef[1:].reshape(1, -1)
        self.n_iter_ = fit.n_iter
        return self

    def decision_function(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        logits = self.decision_function(X)
        return sigmoid(logits).reshape(-1, 1)  # only the probability of classes_[1]

    def predict(self, X):
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags
