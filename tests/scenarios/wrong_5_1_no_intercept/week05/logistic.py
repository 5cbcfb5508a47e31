# scenario: patch
# The intercept is forgotten: eta uses the feature coefficients only, beta[0] does nothing.
def log_likelihood(beta, X, y):
    eta = X @ beta[1:]
    return float(np.sum(y * eta - np.logaddexp(0.0, eta)))


def gradient(beta, X, y):
    eta = X @ beta[1:]
    residual = y - sigmoid(eta)
    return np.concatenate([[residual.sum()], X.T @ residual])


def hessian(beta, X):
    eta = X @ beta[1:]
    weights = sigmoid(eta) * sigmoid(-eta)
    design = np.column_stack([np.ones(len(X)), X])
    return -(design * weights[:, None]).T @ design
