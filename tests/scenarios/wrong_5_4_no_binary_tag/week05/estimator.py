# scenario: patch
class ScratchLogisticRegression(ClassifierMixin, BaseEstimator):
    """Refuses three classes, but never tells scikit-learn's checks it is binary only."""

    def __init__(self, tol=1e-8, max_iter=100):
        self.tol = tol
        self.max_iter = max_iter

    def fit(self, X, y):
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, coded = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError("Only binary classification is supported, got "
                             f"{len(self.classes_)} class(es)")
        fit = fit_irls(X, coded.astype(float), tol=self.tol, max_iter=self.max_iter)
        self.intercept_, self.coef_ = fit.coef[:1], fit.coef[1:].reshape(1, -1)
        self.n_iter_ = fit.n_iter
        return self

    def decision_function(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        p = sigmoid(self.decision_function(X))
        return np.column_stack([1 - p, p])

    def predict(self, X):
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]


def __sklearn_tags__(self):
    return None
