"""Milestone 6.1: the four things Nelder & Wedderburn need from a distribution.

Nelder, J. A. and Wedderburn, R. W. M. (1972). Generalized Linear Models. *Journal of the
Royal Statistical Society, Series A*, 135(3), 370-384.

The paper's insight is that one algorithm fits many models, as long as each distribution
tells it four things about the mean ``mu`` of an observation:

- the **link** g: how the mean maps to the linear predictor, ``eta = g(mu)``, and its
  inverse, ``mu = g^-1(eta)``;
- the **link derivative** ``g'(mu) = d eta / d mu``: how fast the link changes (the paper's
  ``d eta / d mu`` in the working variate and the weights);
- the **variance function** V: how the variance of an observation grows with its mean,
  ``Var(y) = scale * V(mu)``;
- the **deviance**: twice the log-likelihood gap between a model that fits every observation
  exactly and the fitted one; the paper's measure of fit, and the IRLS stopping rule here.

Every family here uses its *canonical* link (logit, log, identity), the one the paper singles
out: with it, the scoring algorithm is Newton-Raphson exactly.

All methods take and return NumPy arrays of any shape (elementwise, no Python loop), except
``deviance``, which returns one float. They must agree with statsmodels'
``sm.families.Binomial()``, ``Poisson()`` and ``Gaussian()``: same link, same derivative,
same variance, and ``deviance`` equal to statsmodels' ``family.deviance(y, mu)``.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, logit, xlogy

#: The smallest mean a log or logit ever sees (statsmodels clips to the same bound): a fitted
#: probability of exactly 0 or 1 would make the link derivative infinite and the weight NaN.
EPS = np.finfo(float).eps


class Family:
    """The interface `glm.fit_glm` uses; `Binomial`, `Poisson` and `Gaussian` fill it in.

    Attributes
    ----------
    name : str
        Lower-case name of the distribution: ``"binomial"``, ``"poisson"``, ``"gaussian"``.
    scale_known : bool
        True when the dispersion (scale) is fixed at 1 by the distribution (Binomial,
        Poisson); False when it must be estimated from the data (Gaussian: the residual
        variance).
    """

    name: str = "family"
    scale_known: bool = True

    def starting_mu(self, y: np.ndarray) -> np.ndarray:
        """Where IRLS starts: ``(y + mean(y)) / 2``, statsmodels' choice (given).

        Halfway between each observation and the overall mean: never 0 for a count that is
        0 (``log`` would be ``-inf``), and already close to the data.
        """
        return (y + y.mean()) / 2.0

    def link(self, mu: np.ndarray) -> np.ndarray:
        """The link g: the linear predictor ``eta = g(mu)`` for means `mu`."""
        raise NotImplementedError("Milestone 6.1: write link")

    def inverse_link(self, eta: np.ndarray) -> np.ndarray:
        """The inverse link: the means ``mu = g^-1(eta)`` for linear predictors `eta`."""
        raise NotImplementedError("Milestone 6.1: write inverse_link")

    def link_derivative(self, mu: np.ndarray) -> np.ndarray:
        """``g'(mu) = d eta / d mu``, elementwise."""
        raise NotImplementedError("Milestone 6.1: write link_derivative")

    def variance(self, mu: np.ndarray) -> np.ndarray:
        """The variance function ``V(mu)``: ``Var(y) = scale * V(mu)``."""
        raise NotImplementedError("Milestone 6.1: write variance")

    def deviance(self, y: np.ndarray, mu: np.ndarray) -> float:
        """The deviance, summed over observations: statsmodels' ``family.deviance(y, mu)``."""
        raise NotImplementedError("Milestone 6.1: write deviance")


class Binomial(Family):
    """0/1 outcomes (a churned customer, a sick patient): the logistic regression of week 5.

    Mean ``mu`` = the probability of a 1. Canonical link: the logit,
    ``eta = log(mu / (1 - mu))``. Variance ``mu (1 - mu)``. The scale is known (1).

    Examples
    --------
    >>> family = Binomial()
    >>> family.inverse_link(np.array([0.0])).tolist(), family.variance(np.array([0.5])).tolist()
    ([0.5], [0.25])
    """

    name = "binomial"
    scale_known = True

    def starting_mu(self, y: np.ndarray) -> np.ndarray:
        """Binomial starts at ``(y + 0.5) / 2`` (given; statsmodels' choice): 0.25 or 0.75."""
        return (y + 0.5) / 2.0

    def link(self, mu: np.ndarray) -> np.ndarray:
        """The logit: ``log(mu / (1 - mu))``, the log-odds of a 1."""
        # BEGIN SOLUTION 6.1
        return logit(np.clip(mu, EPS, 1 - EPS))
        # END SOLUTION

    def inverse_link(self, eta: np.ndarray) -> np.ndarray:
        """The sigmoid ``1 / (1 + exp(-eta))``: stable for any eta (no overflow warning)."""
        # BEGIN SOLUTION 6.1
        return expit(eta)
        # END SOLUTION

    def link_derivative(self, mu: np.ndarray) -> np.ndarray:
        """``d logit(mu) / d mu = 1 / (mu (1 - mu))``."""
        # BEGIN SOLUTION 6.1
        mu = np.clip(mu, EPS, 1 - EPS)  # a fitted 0 or 1 (separable data) stays finite
        return 1.0 / (mu * (1.0 - mu))
        # END SOLUTION

    def variance(self, mu: np.ndarray) -> np.ndarray:
        """``mu (1 - mu)``: largest at 0.5, small near certainty."""
        # BEGIN SOLUTION 6.1
        mu = np.clip(mu, EPS, 1 - EPS)
        return mu * (1.0 - mu)
        # END SOLUTION

    def deviance(self, y: np.ndarray, mu: np.ndarray) -> float:
        """``2 sum(y log(y / mu) + (1 - y) log((1 - y) / (1 - mu)))``, with ``0 log 0 = 0``.

        For 0/1 outcomes that is ``-2 * log-likelihood``. Where y is 0 (or 1), the term whose
        factor is 0 must count as 0, not NaN: ``scipy.special.xlogy`` does that.
        """
        # BEGIN SOLUTION 6.1
        mu = np.clip(mu, EPS, 1 - EPS)
        return float(2.0 * np.sum(xlogy(y, y / mu) + xlogy(1.0 - y, (1.0 - y) / (1.0 - mu))))
        # END SOLUTION


class Poisson(Family):
    """Counts (doctor visits, claims, defects): 0, 1, 2, ... with no upper limit.

    Mean ``mu`` = the expected count. Canonical link: the log, ``eta = log(mu)``, so a
    coefficient is a log rate ratio. Variance ``mu`` (the variance equals the mean). The
    scale is known (1).

    Examples
    --------
    >>> family = Poisson()
    >>> family.link_derivative(np.array([4.0])).tolist(), family.variance(np.array([4.0])).tolist()
    ([0.25], [4.0])
    """

    name = "poisson"
    scale_known = True

    def link(self, mu: np.ndarray) -> np.ndarray:
        """``log(mu)``."""
        # BEGIN SOLUTION 6.1
        return np.log(np.clip(mu, EPS, None))
        # END SOLUTION

    def inverse_link(self, eta: np.ndarray) -> np.ndarray:
        """``exp(eta)``."""
        # BEGIN SOLUTION 6.1
        return np.exp(eta)
        # END SOLUTION

    def link_derivative(self, mu: np.ndarray) -> np.ndarray:
        """``d log(mu) / d mu = 1 / mu``."""
        # BEGIN SOLUTION 6.1
        return 1.0 / np.clip(mu, EPS, None)
        # END SOLUTION

    def variance(self, mu: np.ndarray) -> np.ndarray:
        """``mu``: a count that averages 9 varies by about 3 (its square root) either way."""
        # BEGIN SOLUTION 6.1
        return np.asarray(mu, dtype=float).copy()
        # END SOLUTION

    def deviance(self, y: np.ndarray, mu: np.ndarray) -> float:
        """``2 sum(y log(y / mu) - (y - mu))``, where ``y log(y / mu)`` is 0 when y is 0.

        A person with no visits still counts: their term is ``2 mu``, not NaN and not
        dropped (``scipy.special.xlogy(y, y / mu)`` is 0 where y is 0).
        """
        # BEGIN SOLUTION 6.1
        return float(2.0 * np.sum(xlogy(y, y / mu) - (y - mu)))
        # END SOLUTION


class Gaussian(Family):
    """Measurements (a price, a weight): ordinary least squares, seen as a GLM.

    Canonical link: the identity, ``eta = mu``. Variance 1 for every mean (constant
    variance). The scale (the residual variance, sigma squared) is unknown: `glm.fit_glm`
    estimates it.

    Examples
    --------
    >>> Gaussian().deviance(np.array([1.0, 3.0]), np.array([2.0, 2.0]))
    2.0
    """

    name = "gaussian"
    scale_known = False

    def link(self, mu: np.ndarray) -> np.ndarray:
        """The identity: ``eta = mu``."""
        # BEGIN SOLUTION 6.1
        return np.asarray(mu, dtype=float).copy()
        # END SOLUTION

    def inverse_link(self, eta: np.ndarray) -> np.ndarray:
        """The identity: ``mu = eta``."""
        # BEGIN SOLUTION 6.1
        return np.asarray(eta, dtype=float).copy()
        # END SOLUTION

    def link_derivative(self, mu: np.ndarray) -> np.ndarray:
        """1 everywhere (an array shaped like `mu`)."""
        # BEGIN SOLUTION 6.1
        return np.ones_like(mu, dtype=float)
        # END SOLUTION

    def variance(self, mu: np.ndarray) -> np.ndarray:
        """1 everywhere (an array shaped like `mu`): the spread does not grow with the mean."""
        # BEGIN SOLUTION 6.1
        return np.ones_like(mu, dtype=float)
        # END SOLUTION

    def deviance(self, y: np.ndarray, mu: np.ndarray) -> float:
        """The residual sum of squares, ``sum((y - mu)^2)``."""
        # BEGIN SOLUTION 6.1
        return float(np.sum((y - mu) ** 2))
        # END SOLUTION
