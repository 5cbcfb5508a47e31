# scenario: patch
# np.linalg.solve: fine on full-rank data, LinAlgError once one-hot levels add up to 1.
def fit_irls(X, y, *, tol=1e-8, max_iter=100):
    beta = np.zeros(X.shape[1] + 1)
    for n_iter in range(1, max_iter + 1):
        step = np.linalg.solve(hessian(beta, X), gradient(beta, X, y))
        beta = beta - step
        if np.max(np.abs(step)) < tol:
            return Fit(beta, n_iter, True)
    warnings.warn("IRLS did not converge", ConvergenceWarning, stacklevel=2)
    return Fit(beta, max_iter, False)
