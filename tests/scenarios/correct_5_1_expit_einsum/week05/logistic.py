# scenario: patch
from scipy.special import expit


# scipy's stable logistic function
def sigmoid(z):
    return expit(np.asarray(z, dtype=float))


# The signed form: each row contributes -log(1 + exp(-s * eta)), s = +1 or -1.
def log_likelihood(beta, X, y):
    eta = beta[0] + X @ beta[1:]
    return float(-np.sum(np.logaddexp(0.0, -(2 * y - 1) * eta)))


# y - p as y (1 - p) - (1 - y) p, with 1 - p = expit(-eta): no rounding to 0 past eta = 37.
def gradient(beta, X, y):
    design = np.hstack([np.ones((len(X), 1)), X])
    eta = design @ beta
    return design.T @ (y * expit(-eta) - (1 - y) * expit(eta))


# No loop, no n-by-n W: einsum sums w_i x_ij x_ik over rows.
def hessian(beta, X):
    design = np.hstack([np.ones((len(X), 1)), X])
    eta = design @ beta
    return -np.einsum("i,ij,ik->jk", expit(eta) * expit(-eta), design, design)
