# scenario: patch
# The mistake: the derivative of log(mu) where the logit's is needed.
class Binomial(Family):
    name = "binomial"
    scale_known = True

    def starting_mu(self, y):
        return (y + 0.5) / 2.0

    def link(self, mu):
        return logit(mu)

    def inverse_link(self, eta):
        return expit(eta)

    def link_derivative(self, mu):
        return 1.0 / mu

    def variance(self, mu):
        return mu * (1.0 - mu)

    def deviance(self, y, mu):
        return float(2.0 * np.sum(xlogy(y, y / mu) + xlogy(1.0 - y, (1.0 - y) / (1.0 - mu))))
