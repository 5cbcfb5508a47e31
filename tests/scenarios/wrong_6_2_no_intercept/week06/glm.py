# scenario: patch
# The mistake: X is used as it is; no column of ones, no intercept.
def fit_glm(X, y, family, *, tol=1e-8, max_iter=100):
    Xt = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    mu = family.starting_mu(y)
    eta = family.link(mu)
    criterion = family.deviance(y, mu)
    n_iter, converged = 0, False
    while not converged and n_iter < max_iter:
        n_iter += 1
        g = family.link_derivative(mu)
        z = eta + (y - mu) * g
        w = 1.0 / (g**2 * family.variance(mu))
        sqrt_w = np.sqrt(w)
        coef = np.linalg.lstsq(Xt * sqrt_w[:, None], z * sqrt_w, rcond=None)[0]
        eta = Xt @ coef
        mu = family.inverse_link(eta)
        new_criterion = family.deviance(y, mu)
        converged = bool(abs(new_criterion - criterion) <= tol)
        criterion = new_criterion
    scale = 1.0
    if not family.scale_known:
        scale = float(np.sum((y - mu) ** 2 / family.variance(mu)) / (len(y) - Xt.shape[1]))
    if not converged:
        warnings.warn("no convergence", ConvergenceWarning, stacklevel=2)
    cov = np.linalg.pinv((Xt * w[:, None]).T @ Xt)
    return GLMFit(coef=coef, standard_errors=np.sqrt(scale * np.diag(cov)),
                  deviance=family.deviance(y, mu), scale=scale, n_iter=n_iter,
                  converged=converged)
