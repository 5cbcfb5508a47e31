# scenario: patch
# Another correct answer: means clipped to [1e-10, 1 - 1e-10] before every formula (a
# defensible guard against fitted 0s and 1s), written with plain NumPy.
CLIP = 1e-10


class Binomial(Family):
    name = "binomial"
    scale_known = True

    def starting_mu(self, y):
        return (y + 0.5) / 2.0

    def link(self, mu):
        mu = np.clip(mu, CLIP, 1 - CLIP)
        return np.log(mu / (1 - mu))

    def inverse_link(self, eta):
        return expit(eta)

    def link_derivative(self, mu):
        mu = np.clip(mu, CLIP, 1 - CLIP)
        return 1 / (mu * (1 - mu))

    def variance(self, mu):
        mu = np.clip(mu, CLIP, 1 - CLIP)
        return mu * (1 - mu)

    def deviance(self, y, mu):
        mu = np.clip(mu, CLIP, 1 - CLIP)
        return float(-2 * np.sum(y * np.log(mu) + (1 - y) * np.log(1 - mu)))
