# scenario: patch
# W as an n x n diagonal matrix: right numbers, 3 GB for 20,000 rows.
def hessian(beta, X):
    eta = beta[0] + X @ beta[1:]
    design = np.column_stack([np.ones(len(X)), X])
    return -design.T @ np.diag(sigmoid(eta) * sigmoid(-eta)) @ design
