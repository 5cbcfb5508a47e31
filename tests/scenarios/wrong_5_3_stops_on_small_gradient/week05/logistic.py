# scenario: patch
# Stops when the gradient is small. On ordinary data that is the maximum; on separable
# classes the gradient fades as the coefficients run off to infinity.
def fit_irls(X, y, *, tol=1e-8, max_iter=100):
    beta = np.zeros(X.shape[1] + 1)
    for n_iter in range(max_iter):
        g = gradient(beta, X, y)
        if np.max(np.abs(g)) < tol:
            return Fit(beta, n_iter, True)
        beta = beta - np.linalg.lstsq(hessian(beta, X), g, rcond=None)[0]
    warnings.warn("IRLS did not converge", ConvergenceWarning, stacklevel=2)
    return Fit(beta, max_iter, False)
