# scenario: patch
# The log-likelihood has its intercept, the gradient forgets it in eta.
def gradient(beta, X, y):
    eta = X @ beta[1:]
    residual = y * sigmoid(-eta) - (1.0 - y) * sigmoid(eta)
    return np.concatenate([[residual.sum()], X.T @ residual])
