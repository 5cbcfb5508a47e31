# scenario: patch
# Two slips: a scalar variance (not an array shaped like mu), and a "known" scale.
class Gaussian(Family):
    name = "gaussian"
    scale_known = True

    def link(self, mu):
        return mu

    def inverse_link(self, eta):
        return eta

    def link_derivative(self, mu):
        return np.ones_like(mu, dtype=float)

    def variance(self, mu):
        return 1.0

    def deviance(self, y, mu):
        return float(np.sum((y - mu) ** 2))
