# scenario: patch
# The mistake: the variance of a count grows like its square (that is the gamma family).
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
        return mu**2

    def deviance(self, y, mu):
        return float(2.0 * np.sum(xlogy(y, y / mu) - (y - mu)))
