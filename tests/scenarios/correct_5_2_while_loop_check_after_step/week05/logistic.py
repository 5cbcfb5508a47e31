# scenario: patch
# A while loop that steps first and tests afterwards: the same steps, counted another way.
def fit_gradient_descent(X, y, *, learning_rate=0.1, tol=1e-6, max_iter=10_000):
    beta = np.zeros(X.shape[1] + 1)
    g = gradient(beta, X, y) / len(y)
    steps = 0
    while np.abs(g).max() >= tol:
        if steps == max_iter:
            warnings.warn(f"no convergence after {max_iter} steps", ConvergenceWarning)
            return Fit(coef=beta, n_iter=steps, converged=False)
        beta += learning_rate * g
        steps += 1
        g = gradient(beta, X, y) / X.shape[0]
    return Fit(coef=beta, n_iter=steps, converged=True)
