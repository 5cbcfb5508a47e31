# scenario: patch
# The pseudo-inverse: the same minimum-norm step as lstsq, singular Hessian or not.
def fit_irls(X, y, *, tol=1e-8, max_iter=100):
    beta = np.zeros(X.shape[1] + 1)
    for n_iter in range(1, max_iter + 1):
        step = np.linalg.pinv(hessian(beta, X)) @ gradient(beta, X, y)
        beta -= step
        if np.abs(step).max() < tol:
            return Fit(beta, n_iter, True)
    warnings.warn(f"IRLS stopped after {max_iter} steps", ConvergenceWarning)
    return Fit(beta, max_iter, False)


# Cholesky of -H: the same numbers as inv for a full-rank design.
def standard_errors(beta, X):
    information = -hessian(beta, X)
    inverse = np.linalg.solve(information, np.eye(len(beta)))
    return np.sqrt(np.diag(inverse))
