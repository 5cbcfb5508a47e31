# scenario: patch
# The mistake: at the cap it returns quietly, and says it converged.
def fit_glm(X, y, family, *, tol=1e-8, max_iter=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Xt = np.column_stack([np.ones(len(y)), X])
    mu = family.starting_mu(y)
    eta = family.link(mu)
    df_resid = len(y) - Xt.shape[1]
    scale = 1.0 if family.scale_known else float(np.sum((y - mu) ** 2) / df_resid)
    criterion = family.deviance(y, mu) / scale
    n_iter = 0
    for n_iter in range(1, max_iter + 1):
        g = family.link_derivative(mu)
        z = eta + (y - mu) * g
        w = 1.0 / (g**2 * family.variance(mu))
        sqrt_w = np.sqrt(w)
        coef = np.linalg.lstsq(Xt * sqrt_w[:, None], z * sqrt_w, rcond=None)[0]
        eta = Xt @ coef
        mu = family.inverse_link(eta)
        new_criterion = family.deviance(y, mu) / scale
        if not family.scale_known:
            scale = float(np.sum((y - mu) ** 2 / family.variance(mu)) / df_resid)
        done = abs(new_criterion - criterion) <= tol
        criterion = new_criterion
        if done:
            break
    cov = np.linalg.pinv((Xt * w[:, None]).T @ Xt)
    return GLMFit(coef=coef, standard_errors=np.sqrt(scale * np.diag(cov)),
                  deviance=family.deviance(y, mu), scale=scale, n_iter=n_iter,
                  converged=True)
