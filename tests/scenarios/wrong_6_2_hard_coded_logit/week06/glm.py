# scenario: patch
from scipy.special import expit


# The mistake: week 5's logistic IRLS with a family argument it never asks.
def fit_glm(X, y, family, *, tol=1e-8, max_iter=100):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Xt = np.column_stack([np.ones(len(y)), X])
    eta = np.zeros(len(y))  # week 5: start from coefficients 0
    mu = expit(eta)
    criterion = np.inf
    n_iter, converged = 0, False
    while not converged and n_iter < max_iter:
        n_iter += 1
        w = mu * (1.0 - mu)
        z = eta + (y - mu) / w
        sqrt_w = np.sqrt(w)
        coef = np.linalg.lstsq(Xt * sqrt_w[:, None], z * sqrt_w, rcond=None)[0]
        eta = Xt @ coef
        mu = expit(eta)
        new_criterion = family.deviance(y, mu)
        converged = bool(abs(new_criterion - criterion) <= tol)
        criterion = new_criterion
    if not converged:
        warnings.warn("no convergence", ConvergenceWarning, stacklevel=2)
    cov = np.linalg.pinv((Xt * w[:, None]).T @ Xt)
    return GLMFit(coef=coef, standard_errors=np.sqrt(np.diag(cov)),
                  deviance=family.deviance(y, mu), scale=1.0, n_iter=n_iter,
                  converged=converged)
