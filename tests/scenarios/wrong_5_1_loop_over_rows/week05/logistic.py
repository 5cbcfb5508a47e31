# scenario: patch
# Right numbers, one row at a time.
def gradient(beta, X, y):
    total = np.zeros(len(beta))
    for row, label in zip(X, y):
        x = np.concatenate([[1.0], row])
        eta = x @ beta
        total += (label * sigmoid(-eta) - (1 - label) * sigmoid(eta)) * x
    return total


def hessian(beta, X):
    total = np.zeros((len(beta), len(beta)))
    for row in X:
        x = np.concatenate([[1.0], row])
        eta = x @ beta
        total -= sigmoid(eta) * sigmoid(-eta) * np.outer(x, x)
    return total
