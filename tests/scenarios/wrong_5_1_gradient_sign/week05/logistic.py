# scenario: patch
# The gradient of the loss (p - y), not of the log-likelihood: it points downhill.
def gradient(beta, X, y):
    eta = beta[0] + X @ beta[1:]
    residual = sigmoid(eta) - y
    return np.concatenate([[residual.sum()], X.T @ residual])
