# scenario: patch
# Another correct answer: start from the data itself (kept inside the domain), solve the
# normal equations, standard errors from the weights at the final means.
def fit_glm(X, y, family, *, tol=1e-8, max_iter=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(y)
    design = np.hstack([np.ones((n, 1)), X])
    if family.name == "binomial":
        mu = np.clip(y, 0.25, 0.75)
    elif family.name == "poisson":
        mu = np.maximum(y, 0.5)
    else:
        mu = y.copy()
    eta = family.link(mu)
    old = family.deviance(y, mu)
    converged = False
    for n_iter in range(1, max_iter + 1):
        gprime = family.link_derivative(mu)
        weights = 1.0 / (gprime**2 * family.variance(mu))
        working = eta + (y - mu) * gprime
        xtw = design.T * weights
        coef = np.linalg.solve(xtw @ design, xtw @ working)
        eta = design @ coef
        mu = family.inverse_link(eta)
        new = family.deviance(y, mu)
        if abs(new - old) <= tol:
            converged = True
            break
        old = new
    if not converged:
        warnings.warn(f"IRLS stopped at max_iter={max_iter}", ConvergenceWarning, stacklevel=2)
    gprime = family.link_derivative(mu)
    weights = 1.0 / (gprime**2 * family.variance(mu))
    p = design.shape[1]
    scale = 1.0
    if not family.scale_known:
        scale = float(((y - mu) ** 2 / family.variance(mu)).sum() / (n - p))
    information = (design.T * weights) @ design
    standard_errors = np.sqrt(scale * np.diag(np.linalg.inv(information)))
    return GLMFit(coef, standard_errors, family.deviance(y, mu), scale, n_iter, converged)
