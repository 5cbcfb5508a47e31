# scenario: patch
# The Hessian without W: -X~^T X~, as if every customer weighed the same.
def hessian(beta, X):
    design = np.column_stack([np.ones(len(X)), X])
    return -design.T @ design
