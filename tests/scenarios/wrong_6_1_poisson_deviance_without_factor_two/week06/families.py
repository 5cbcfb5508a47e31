# scenario: patch
# The mistake: the log-likelihood gap without its factor 2, sum(y log(y / mu) - (y - mu)).
class Poisson(Family):
    name = "poisson"
    scale_known = True

    def link(self, mu):
        return np.log(np.clip(mu, EPS, None))

    def inverse_link(self, eta):
        return np.exp(eta)

    def link_derivative(self, mu):
        return 1.0 / np.clip(mu, EPS, None)

    def variance(self, mu):
        return np.asarray(mu, dtype=float).copy()

    def deviance(self, y, mu):
        return float(np.sum(xlogy(y, y / mu) - (y - mu)))
