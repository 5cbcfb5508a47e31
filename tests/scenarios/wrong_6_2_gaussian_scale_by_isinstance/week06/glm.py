# scenario: patch
from families import Gaussian


# The mistake: the scale is estimated only for `isinstance(family, Gaussian)`. The grader's
# Gaussian is its own class (built on Family), so the scale stays 1: use family.scale_known.
def fit_glm(X, y, family, *, tol=1e-8, max_iter=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Xt = np.column_stack([np.ones(len(y)), X])
    df_resid = len(y) - Xt.shape[1]

    def pearson_scale(mu):
        if not isinstance(family, Gaussian):
            return 1.0
        return float(np.sum((y - mu) ** 2 / family.variance(mu)) / df_resid)

    mu = family.starting_mu(y)
    eta = family.link(mu)
    scale = pearson_scale(mu)
    criterion = family.deviance(y, mu) / scale
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
        new_criterion = family.deviance(y, mu) / scale
        scale = pearson_scale(mu)
        converged = abs(new_criterion - criterion) <= tol
        criterion = new_criterion
    if not converged:
        warnings.warn("no convergence", ConvergenceWarning, stacklevel=2)
    cov = np.linalg.inv((Xt * w[:, None]).T @ Xt)
    return GLMFit(coef=coef, standard_errors=np.sqrt(scale * np.diag(cov)),
                  deviance=family.deviance(y, mu), scale=scale, n_iter=n_iter,
                  converged=converged)
