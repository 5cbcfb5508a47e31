# scenario: patch
# The mistake: always max_iter iterations; "converged" because it ran long enough.
def fit_glm(X, y, family, *, tol=1e-8, max_iter=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Xt = np.column_stack([np.ones(len(y)), X])
    mu = family.starting_mu(y)
    eta = family.link(mu)
    for _ in range(max_iter):
        g = family.link_derivative(mu)
        z = eta + (y - mu) * g
        w = 1.0 / (g**2 * family.variance(mu))
        sqrt_w = np.sqrt(w)
        coef = np.linalg.lstsq(Xt * sqrt_w[:, None], z * sqrt_w, rcond=None)[0]
        eta = Xt @ coef
        mu = family.inverse_link(eta)
    scale = 1.0
    if not family.scale_known:
        scale = float(np.sum((y - mu) ** 2 / family.variance(mu)) / (len(y) - Xt.shape[1]))
    cov = np.linalg.pinv((Xt * w[:, None]).T @ Xt)
    return GLMFit(coef=coef, standard_errors=np.sqrt(scale * np.diag(cov)),
                  deviance=family.deviance(y, mu), scale=scale, n_iter=max_iter,
                  converged=True)
