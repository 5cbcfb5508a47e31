# scenario: patch
# Steps with the mean gradient but stops on the summed one: hundreds of steps too many.
def fit_gradient_descent(X, y, *, learning_rate=0.1, tol=1e-6, max_iter=10_000):
    beta = np.zeros(X.shape[1] + 1)
    for n_iter in range(max_iter):
        g = gradient(beta, X, y)
        if np.max(np.abs(g)) < tol:
            return Fit(beta, n_iter, True)
        beta = beta + learning_rate * g / len(y)
    warnings.warn("gradient descent did not converge", ConvergenceWarning, stacklevel=2)
    return Fit(beta, max_iter, False)
