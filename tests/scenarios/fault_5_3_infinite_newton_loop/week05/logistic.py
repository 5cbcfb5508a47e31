# scenario: patch
def fit_irls(X, y, *, tol=1e-8, max_iter=100):
    # A while loop whose exit test can never be met: the step is never updated.
    beta = np.zeros(X.shape[1] + 1)
    step = np.ones_like(beta)
    while np.max(np.abs(step)) >= tol:
        beta = beta - np.linalg.lstsq(hessian(beta, X), gradient(beta, X, y), rcond=None)[0]
    return Fit(beta, 0, True)
