# scenario: patch
# Another correct answer: NumPy only (no scipy.special), written differently.
class Binomial(Family):
    name = "binomial"
    scale_known = True

    def starting_mu(self, y):
        return (y + 0.5) / 2.0

    def link(self, mu):
        mu = np.asarray(mu, dtype=float)
        return np.log(mu) - np.log1p(-mu)

    def inverse_link(self, eta):
        eta = np.asarray(eta, dtype=float)
        return np.exp(-np.logaddexp(0.0, -eta))

    def link_derivative(self, mu):
        mu = np.asarray(mu, dtype=float)
        return 1.0 / mu + 1.0 / (1.0 - mu)

    def variance(self, mu):
        mu = np.asarray(mu, dtype=float)
        return np.multiply(mu, 1.0 - mu)

    def deviance(self, y, mu):
        # for 0/1 outcomes the deviance is -2 log-likelihood
        y, mu = np.asarray(y, dtype=float), np.asarray(mu, dtype=float)
        return float(-2.0 * np.sum(np.where(y > 0.5, np.log(mu), np.log1p(-mu))))


class Poisson(Family):
    name = "poisson"
    scale_known = True

    def link(self, mu):
        return np.log(mu)

    def inverse_link(self, eta):
        return np.exp(eta)

    def link_derivative(self, mu):
        return np.reciprocal(np.asarray(mu, dtype=float))

    def variance(self, mu):
        return np.array(mu, dtype=float)

    def deviance(self, y, mu):
        y, mu = np.asarray(y, dtype=float), np.asarray(mu, dtype=float)
        safe_y = np.where(y > 0, y, 1.0)
        log_term = np.where(y > 0, y * np.log(safe_y / mu), 0.0)
        return float(2.0 * np.sum(log_term - (y - mu)))


class Gaussian(Family):
    name = "gaussian"
    scale_known = False

    def link(self, mu):
        return np.array(mu, dtype=float)

    def inverse_link(self, eta):
        return np.array(eta, dtype=float)

    def link_derivative(self, mu):
        return np.ones(np.shape(mu))

    def variance(self, mu):
        return np.full(np.shape(mu), 1.0)

    def deviance(self, y, mu):
        residual = np.asarray(y, dtype=float) - np.asarray(mu, dtype=float)
        return float(residual.ravel() @ residual.ravel())
