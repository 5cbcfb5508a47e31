# scenario: patch
# The textbook formula: np.exp(-z) overflows for z below about -709.
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
