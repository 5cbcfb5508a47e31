# scenario: patch
def fit_irls(X, y, *, tol=1e-8, max_iter=100):
    # YOUR CODE HERE
    raise NotImplementedError("Milestone 5.3: write fit_irls")
