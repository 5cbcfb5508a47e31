# scenario: patch
# The mistake: the working variate forgets eta, z = (y - mu) g'(mu).
def fit_glm(X, y, family, *, tol=1e-8, max_iter=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Xt = np.column_stack([np.ones(len(y)), X])
    scale = 1.0
    mu = family.starting_mu(y)
    criterion = family.deviance(y, mu)
    n_iter, converged = 0, False
    while not converged and n_iter < max_iter:
        n_iter += 1
        g = family.link_derivative(mu)
        z = (y - mu) * g
        w = 1.0 / (g**2 * family.variance(mu))
        sqrt_w = np.sqrt(w)
        coef = np.linalg.lstsq(Xt * sqrt_w[:, None], z * sqrt_w, rcond=None)[0]
        mu = family.inverse_link(Xt @ coef)
        new_criterion = family.deviance(y, mu)
        converged = abs(new_criterion - criterion) <= tol
        criterion = new_criterion
    if not family.scale_known:
        scale = float(np.sum((y - mu) ** 2 / family.variance(mu)) / (len(y) - Xt.shape[1]))
    if not converged:
        warnings.warn("no convergence", ConvergenceWarning, stacklevel=2)
    cov = np.linalg.inv((Xt * w[:, None]).T @ Xt)
    return GLMFit(coef=coef, standard_errors=np.sqrt(scale * np.diag(cov)),
                  deviance=family.deviance(y, mu), scale=scale, n_iter=n_iter,
                  converged=converged)
