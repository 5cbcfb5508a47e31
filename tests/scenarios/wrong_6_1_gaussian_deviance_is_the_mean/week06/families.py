# scenario: patch
# The mistake: the mean squared error, np.mean((y - mu) ** 2), where the deviance is the
# residual sum of squares.
class Gaussian(Family):
    name = "gaussian"
    scale_known = False

    def link(self, mu):
        return np.asarray(mu, dtype=float).copy()

    def inverse_link(self, eta):
        return np.asarray(eta, dtype=float).copy()

    def link_derivative(self, mu):
        return np.ones_like(mu, dtype=float)

    def variance(self, mu):
        return np.ones_like(mu, dtype=float)

    def deviance(self, y, mu):
        return float(np.mean((y - mu) ** 2))
