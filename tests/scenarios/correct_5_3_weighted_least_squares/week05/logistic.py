# scenario: patch
# IRLS as statisticians write it: regress the working response z on X~ with weights w.
# Rows whose weight underflowed to 0 (logits past ~745 on separable data) carry no
# information, and z would divide by 0 there: they are left out of the regression.
def fit_irls(X, y, *, tol=1e-8, max_iter=100):
    design = np.column_stack([np.ones(len(X)), X])
    beta = np.zeros(design.shape[1])
    for n_iter in range(1, max_iter + 1):
        eta = design @ beta
        w = sigmoid(eta) * sigmoid(-eta)
        residual = y * sigmoid(-eta) - (1 - y) * sigmoid(eta)  # y - p, without rounding
        keep = w > 0
        z = eta[keep] + residual[keep] / w[keep]
        root = np.sqrt(w[keep])
        new = np.linalg.lstsq(design[keep] * root[:, None], z * root, rcond=None)[0]
        step, beta = new - beta, new
        if np.max(np.abs(step)) < tol and keep.any():
            return Fit(beta, n_iter, True)
    warnings.warn("IRLS did not converge", ConvergenceWarning, stacklevel=2)
    return Fit(beta, max_iter, False)
