# scenario: patch
# y - sigmoid(eta): right to 1e-16 on ordinary data, but 1 - sigmoid(eta) rounds to 0.0 once
# eta passes 37, so the rows the model is sure about drop out of the gradient.
def gradient(beta, X, y):
    design = np.column_stack([np.ones(len(X)), X])
    return design.T @ (y - sigmoid(design @ beta))
