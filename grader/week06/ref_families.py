"""The judge's own Binomial, Poisson and Gaussian families, written from the contract.

Two uses:

- Judge-side, `FAMILIES` gives exact reference values where statsmodels clips its means
  (its logit sees ``clip(mu, eps, 1 - eps)``), for the edge checks of milestone 6.1.
- Kernel-side, the checks of milestone 6.2 run this file's source in the sandbox and hand
  these families to the learner's ``fit_glm``: milestone 6.2 is graded on families known to be
  right, so a slip in ``families.py`` fails 6.1 only. `build(base)` derives them from the
  learner's own ``families.Family`` so that given helpers on that base (``starting_mu``)
  are there too; the six methods of the contract are always the judge's.

Plain NumPy and SciPy, no imports from the grader: the source must run in the kernel as is.
"""

import numpy as np
from scipy.special import expit, logit, xlogy

#: The methods and attributes a family offers ``fit_glm`` (the contract of families.py).
INTERFACE = ("name", "scale_known", "link", "inverse_link", "link_derivative", "variance",
             "deviance")


def build(base=object):
    """The three families as classes derived from `base`; a dict by lower-case name."""

    class Binomial(base):
        name = "binomial"
        scale_known = True

        def starting_mu(self, y):
            return (np.asarray(y, dtype=float) + 0.5) / 2.0

        def link(self, mu):
            return logit(np.asarray(mu, dtype=float))

        def inverse_link(self, eta):
            return expit(np.asarray(eta, dtype=float))

        def link_derivative(self, mu):
            mu = np.asarray(mu, dtype=float)
            return 1.0 / (mu * (1.0 - mu))

        def variance(self, mu):
            mu = np.asarray(mu, dtype=float)
            return mu * (1.0 - mu)

        def deviance(self, y, mu):
            y, mu = np.asarray(y, dtype=float), np.asarray(mu, dtype=float)
            return float(2.0 * np.sum(xlogy(y, y / mu) + xlogy(1.0 - y, (1.0 - y) / (1.0 - mu))))

    class Poisson(base):
        name = "poisson"
        scale_known = True

        def starting_mu(self, y):
            y = np.asarray(y, dtype=float)
            return (y + y.mean()) / 2.0

        def link(self, mu):
            return np.log(np.asarray(mu, dtype=float))

        def inverse_link(self, eta):
            return np.exp(np.asarray(eta, dtype=float))

        def link_derivative(self, mu):
            return 1.0 / np.asarray(mu, dtype=float)

        def variance(self, mu):
            return np.array(mu, dtype=float)

        def deviance(self, y, mu):
            y, mu = np.asarray(y, dtype=float), np.asarray(mu, dtype=float)
            return float(2.0 * np.sum(xlogy(y, y / mu) - (y - mu)))

    class Gaussian(base):
        name = "gaussian"
        scale_known = False

        def starting_mu(self, y):
            y = np.asarray(y, dtype=float)
            return (y + y.mean()) / 2.0

        def link(self, mu):
            return np.array(mu, dtype=float)

        def inverse_link(self, eta):
            return np.array(eta, dtype=float)

        def link_derivative(self, mu):
            return np.ones(np.shape(mu))

        def variance(self, mu):
            return np.ones(np.shape(mu))

        def deviance(self, y, mu):
            y, mu = np.asarray(y, dtype=float), np.asarray(mu, dtype=float)
            return float(np.sum((y - mu) ** 2))

    return {"binomial": Binomial, "poisson": Poisson, "gaussian": Gaussian}


FAMILIES = {name: cls() for name, cls in build().items()}
