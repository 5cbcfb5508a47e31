# scenario: patch
# W = p * (1 - p): 1 - p rounds to 0 for eta beyond about 37.
def hessian(beta, X):
    p = sigmoid(beta[0] + X @ beta[1:])
    design = np.column_stack([np.ones(len(X)), X])
    return -(design * (p * (1 - p))[:, None]).T @ design
