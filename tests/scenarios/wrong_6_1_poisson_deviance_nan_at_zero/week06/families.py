# scenario: patch
# The mistake: y * log(y / mu) is 0 * -inf = nan where a person had no visits.
class Poisson(Family):
    name = "poisson"
    scale_known = True

    def link(self, mu):
        return np.log(mu)

    def inverse_link(self, eta):
        return np.exp(eta)

    def link_derivative(self, mu):
        return 1.0 / mu

    def variance(self, mu):
        return np.asarray(mu, dtype=float).copy()

    def deviance(self, y, mu):
        return float(2.0 * np.sum(y * np.log(y / mu) - (y - mu)))
