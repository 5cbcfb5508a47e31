# scenario: patch
# Runs out of steps and says nothing: converged=True, no warning.
def fit_gradient_descent(X, y, *, learning_rate=0.1, tol=1e-6, max_iter=10_000):
    beta = np.zeros(X.shape[1] + 1)
    n_iter = 0
    while n_iter < max_iter:
        g = gradient(beta, X, y) / len(y)
        if np.max(np.abs(g)) < tol:
            break
        beta = beta + learning_rate * g
        n_iter += 1
    return Fit(beta, n_iter, True)
