# scenario: patch
# y log p + (1 - y) log(1 - p): log(0) = -inf once sigmoid rounds to 0 or 1.
def log_likelihood(beta, X, y):
    p = sigmoid(beta[0] + X @ beta[1:])
    return float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
