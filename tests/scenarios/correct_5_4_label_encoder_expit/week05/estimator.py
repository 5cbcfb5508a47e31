# scenario: patch
from scipy.special import expit
from sklearn.preprocessing import LabelEncoder
from sklearn.utils.multiclass import type_of_target

import logistic


class ScratchLogisticRegression(ClassifierMixin, BaseEstimator):
    """Labels through a LabelEncoder, probabilities through scipy's expit."""

    def __init__(self, tol=1e-8, max_iter=100):
        self.tol = tol
        self.max_iter = max_iter

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def fit(self, X, y):
        X, y = validate_data(self, X, y, y_numeric=False)
        check_classification_targets(y)
        kind = type_of_target(y, input_name="y")
        if kind != "binary":
            raise ValueError(f"Only binary classification is supported. The target is {kind}.")
        encoder = LabelEncoder().fit(y)
        self.classes_ = encoder.classes_
        result = logistic.fit_irls(X, encoder.transform(y).astype(float), tol=self.tol,
                                   max_iter=self.max_iter)
        self.coef_ = np.atleast_2d(result.coef[1:])
        self.intercept_ = np.array([result.coef[0]])
        self.n_iter_ = int(result.n_iter)
        return self

    def decision_function(self, X):
        check_is_fitted(self, ["coef_", "intercept_"])
        X = validate_data(self, X, reset=False)
        return (X @ self.coef_.T + self.intercept_).ravel()

    def predict_proba(self, X):
        positive = expit(self.decision_function(X))
        return np.stack([expit(-self.decision_function(X)), positive], axis=1)

    def predict(self, X):
        check_is_fitted(self)
        return np.take(self.classes_, (self.decision_function(X) > 0).astype(np.intp))
