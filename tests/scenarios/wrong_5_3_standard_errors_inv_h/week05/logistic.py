# scenario: patch
# inv(H), not inv(-H): H is negative definite, so the "variances" are negative.
def standard_errors(beta, X):
    return np.sqrt(np.diag(np.linalg.inv(hessian(beta, X))))
