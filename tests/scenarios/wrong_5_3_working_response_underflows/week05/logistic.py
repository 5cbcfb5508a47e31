# scenario: patch
# IRLS as statisticians write it: regress the working response z on X~ with weights w.
def fit_irls(X, y, *, tol=1e-8, max_iter=100):
    design = np.column_stack([np.ones(len(X)), X])
    beta = np.zeros(design.shape[1])
    for n_iter in range(1, max_iter + 1):
        eta = design @ beta
        w = sigmoid(eta) * sigmoid(-eta)
        z = eta + (y - sigmoid(eta)) / w
        root = np.sqrt(w)
        new = np.linalg.lstsq(design * root[:, None], z * root, rcond=None)[0]
        step, beta = new - beta, new
        if np.max(np.abs(step)) < tol:
            return Fit(beta, n_iter, True)
    warnings.warn("IRLS did not converge", ConvergenceWarning, stacklevel=2)
    return Fit(beta, max_iter, False)
