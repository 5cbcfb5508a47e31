# scenario: patch
# The mistake: "no nan" by leaving out the people with no visits; their 2 mu is lost.
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
        seen = y > 0
        return float(2.0 * np.sum(y[seen] * np.log(y[seen] / mu[seen]) - (y[seen] - mu[seen])))
