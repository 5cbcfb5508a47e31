# scenario: patch
# No stopping rule: every one of max_iter steps is taken.
def fit_gradient_descent(X, y, *, learning_rate=0.1, tol=1e-6, max_iter=10_000):
    beta = np.zeros(X.shape[1] + 1)
    for _ in range(max_iter):
        beta = beta + learning_rate * gradient(beta, X, y) / len(y)
    warnings.warn("gradient descent did not converge", ConvergenceWarning, stacklevel=2)
    return Fit(beta, max_iter, False)
