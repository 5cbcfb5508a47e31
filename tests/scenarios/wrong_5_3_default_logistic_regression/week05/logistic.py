# scenario: patch
from sklearn.linear_model import LogisticRegression


# "The same model", from scikit-learn: but LogisticRegression() has an L2 penalty, C=1.0.
def fit_irls(X, y, *, tol=1e-8, max_iter=100):
    model = LogisticRegression(tol=tol, max_iter=max_iter).fit(X, y)
    coef = np.concatenate([model.intercept_, model.coef_.ravel()])
    return Fit(coef, int(model.n_iter_[0]), True)
