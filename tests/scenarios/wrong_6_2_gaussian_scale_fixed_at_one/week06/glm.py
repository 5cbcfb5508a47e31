# scenario: patch
# The mistake: scale 1 for every family, so Gaussian standard errors ignore the noise level.
def fit_glm(X, y, family, *, tol=1e-8, max_iter=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Xt = np.column_stack([np.ones(len(y)), X])
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
    if not converged:
        warnings.warn("no convergence", ConvergenceWarning, stacklevel=2)
    cov = np.linalg.pinv((Xt * w[:, None]).T @ Xt)
    return GLMFit(coef=coef, standard_errors=np.sqrt(np.diag(cov)),
                  deviance=family.deviance(y, mu), scale=1.0, n_iter=n_iter,
                  converged=converged)
