# Starter generated from solutions/week05/logistic.py by `make starters`.
# This file is yours: edit it.
"""Milestones 5.1-5.3: logistic regression from scratch, in NumPy.

The telco is losing customers, and since week 2 a logistic regression has told the retention
team whom to call. You have used it as a black box: ``LogisticRegression().fit(X, y)``. This
week you open the box. A model you have written yourself is one you can debug when it gives a
customer a probability of exactly 1.0, explain to a manager ("each extra year of tenure
divides the odds of leaving by ..."), and trust when two libraries disagree.

Logistic regression is a generalized linear model: a customer's log-odds of leaving is linear
in their features, ``eta = beta[0] + X @ beta[1:]``, and the probability is
``sigmoid(eta) = 1 / (1 + exp(-eta))``. Fitting it means maximising the log-likelihood of the
observed 0/1 outcomes. From the likelihood come its gradient and Hessian (5.1), and from those
two ways to climb it: gradient descent (5.2), slow and simple, and Newton-Raphson (5.3), which
statisticians call IRLS (iteratively reweighted least squares) and which statsmodels' ``GLM``
uses. Yours must agree with statsmodels to ten decimals.

Conventions, everywhere in this file:

- ``X`` is an array of shape (n, p) WITHOUT a column of ones; ``beta`` has p + 1 entries and
  ``beta[0]`` is the intercept. ``X~`` below means X with a column of ones in front.
- ``y`` holds 0.0 and 1.0 (1.0 = the customer left).
- Everything is vectorized: NumPy over whole arrays, no Python loop over rows. The loops in
  5.2 and 5.3 are over iterations only.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from sklearn.exceptions import ConvergenceWarning


@dataclass
class Fit:
    """What a fitting function returns.

    Attributes
    ----------
    coef : ndarray of shape (p + 1,)
        The coefficients reached; ``coef[0]`` is the intercept.
    n_iter : int
        Number of steps taken.
    converged : bool
        True if the stopping rule was met before ``max_iter`` steps.
    """

    coef: np.ndarray
    n_iter: int
    converged: bool


# --- 5.1 The pieces, vectorized and stable ---------------------------------------------------


def sigmoid(z) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-z))``, elementwise, stable for any z.

    The textbook formula fails at the edges: ``np.exp(-z)`` overflows to inf for z below about
    -709 (with a RuntimeWarning), and a model that is very sure of a customer produces such
    logits. A stable version only ever exponentiates ``-|z|``, a number in (-inf, 0], so
    ``exp`` stays in (0, 1]: for z >= 0 use ``1 / (1 + exp(-z))``, for z < 0 the same value
    written as ``exp(z) / (1 + exp(z))``. (``scipy.special.expit`` does this for you; write
    it once yourself.)

    Parameters
    ----------
    z : float or array-like
        Logits (log-odds), any real number, ``-inf`` and ``inf`` included.

    Returns
    -------
    ndarray of float, the shape of `z`
        Probabilities in [0, 1]. Done looks like: no warning even when run with
        ``-W error``, ``sigmoid(0) == 0.5``, exactly 0.0 at -1e4 and -inf, exactly 1.0 at 1e4
        and inf, and ``sigmoid(-z) == 1 - sigmoid(z)`` to rounding.

    Examples
    --------
    >>> sigmoid(np.array([-np.inf, -1e4, 0.0, 1e4, np.inf])).tolist()
    [0.0, 0.0, 0.5, 1.0, 1.0]
    """
    raise NotImplementedError("Milestone 5.1: write sigmoid")


def log_likelihood(beta: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """The log-likelihood of the 0/1 outcomes `y` under coefficients `beta`.

    With ``eta = beta[0] + X @ beta[1:]`` and ``p = sigmoid(eta)``, each customer contributes
    ``y log p + (1 - y) log(1 - p)``, which simplifies to ``y * eta - log(1 + exp(eta))``.
    Write ``log(1 + exp(eta))`` as ``np.logaddexp(0, eta)``: it is exact where the naive
    version overflows (eta = 1000) or rounds away (eta = -40).

    Parameters
    ----------
    beta : ndarray of shape (p + 1,)
        Intercept first.
    X : ndarray of shape (n, p)
        Features, without a column of ones.
    y : ndarray of shape (n,)
        0.0 or 1.0.

    Returns
    -------
    float
        ``sum(y * eta - logaddexp(0, eta))``, at most 0; ``-n log 2`` at ``beta = 0``.
        Finite for any finite beta.
    """
    raise NotImplementedError("Milestone 5.1: write log_likelihood")


def gradient(beta: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The gradient of `log_likelihood` with respect to `beta`: the direction uphill.

    Differentiating ``y * eta - log(1 + exp(eta))`` by eta gives ``y - sigmoid(eta)``, the
    residual; the chain rule through ``eta = X~ @ beta`` gives ``X~^T (y - p)``. The first
    entry is the sum of the residuals, so at the optimum the model predicts as many leavers
    as there are.

    Compute the residual so that it keeps its precision when the model is very sure: for
    ``eta = 40`` and ``y = 1``, ``1 - sigmoid(40)`` rounds to 0.0 in float64, while
    ``sigmoid(-40)`` is 4e-18. Since ``1 - sigmoid(eta) = sigmoid(-eta)``,
    ``y * sigmoid(-eta) - (1 - y) * sigmoid(eta)`` is the same number, without that rounding.
    Newton's method (5.3) on data where a feature separates the classes pushes every logit
    past 40; with a rounded residual it stalls there.

    Parameters
    ----------
    beta : ndarray of shape (p + 1,)
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)

    Returns
    -------
    ndarray of shape (p + 1,)
        Zero at the maximum-likelihood estimate. A finite difference
        ``(log_likelihood(beta + h e_j) - log_likelihood(beta - h e_j)) / 2h`` agrees with
        entry j to about 1e-6 relative.
    """
    raise NotImplementedError("Milestone 5.1: write gradient")


def hessian(beta: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The Hessian (matrix of second derivatives) of `log_likelihood`: its curvature.

    Differentiating the gradient once more gives ``-X~^T W X~`` with ``W`` the diagonal matrix
    of weights ``w = p (1 - p)``, the variance of each customer's 0/1 outcome. Customers the
    model is unsure of (p near 0.5) weigh most. It does not depend on `y`.

    Compute ``w`` as ``sigmoid(eta) * sigmoid(-eta)``: ``p * (1 - p)`` rounds to exactly 0
    once eta passes about 37, and a zero Hessian tells Newton's method it has arrived when
    it has not. Never build the n-by-n matrix W: scale the rows of X~ by w instead
    (``X~ * w[:, None]``).

    Parameters
    ----------
    beta : ndarray of shape (p + 1,)
    X : ndarray of shape (n, p)

    Returns
    -------
    ndarray of shape (p + 1, p + 1)
        Symmetric and negative semidefinite (the log-likelihood is concave: one hill, no
        false peaks). At ``beta = 0``, ``w = 1/4`` and the result is ``-X~^T X~ / 4``.
    """
    raise NotImplementedError("Milestone 5.1: write hessian")


# --- 5.2 Gradient descent --------------------------------------------------------------------


def fit_gradient_descent(X: np.ndarray, y: np.ndarray, *, learning_rate: float = 0.1,
                         tol: float = 1e-6, max_iter: int = 10_000) -> Fit:
    """Maximise the log-likelihood by gradient ascent with a fixed learning rate.

    Start at ``beta = 0`` (every customer at probability 0.5). Before each step compute the
    mean gradient ``g = gradient(beta, X, y) / n``; if ``max|g| < tol``, stop: you have
    arrived. Otherwise step uphill, ``beta = beta + learning_rate * g``. Using the mean, not
    the sum, keeps the right learning rate independent of the number of customers.

    It is slow: each step only uses the slope, so on unscaled features or strongly correlated
    ones it zig-zags for thousands of steps. Standardize the features first and it gets there.

    Parameters
    ----------
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
        0.0 or 1.0.
    learning_rate : float, default=0.1
        Step size.
    tol : float, default=1e-6
        Stop when the largest entry of the mean gradient is below this.
    max_iter : int, default=10_000
        The most steps to take.

    Returns
    -------
    Fit
        ``coef`` the last beta, ``n_iter`` the number of steps taken (0 if beta = 0 already
        satisfies the rule), ``converged`` whether the rule was met. If it was not, after
        ``max_iter`` steps: a ``sklearn.exceptions.ConvergenceWarning`` saying so, and
        ``converged=False``, never a silent answer.
    """
    raise NotImplementedError("Milestone 5.2: write fit_gradient_descent")


# --- 5.3 IRLS / Newton-Raphson -------------------------------------------------------------


def fit_irls(X: np.ndarray, y: np.ndarray, *, tol: float = 1e-8, max_iter: int = 100) -> Fit:
    """Maximise the log-likelihood by Newton-Raphson, also known as IRLS.

    Newton's method fits a parabola to the log-likelihood at the current beta, using the
    gradient g and the Hessian H, and jumps to its top: ``beta_new = beta - H^-1 g``. Near
    the answer each step doubles the number of correct digits, so it needs 5 to 10 steps
    where gradient descent needs thousands. (Written out, each step is a weighted least
    squares fit with weights p (1 - p), reweighted at every step: hence "iteratively
    reweighted least squares".)

    Start at ``beta = 0``. At each step solve ``H @ step = g`` with
    ``np.linalg.lstsq(H, g, rcond=None)``, not ``np.linalg.inv``: when one-hot columns add up
    to the intercept column (every customer has exactly one contract type) H is singular,
    and lstsq still gives the shortest step, whose predictions are the right ones. Then
    ``beta = beta - step``; stop when ``max|step| < tol``.

    Two traps on data where one feature separates leavers from stayers perfectly: the
    maximum-likelihood estimate does not exist (the likelihood keeps rising as the
    coefficient grows), so Newton must run to ``max_iter`` and say so; and as the logits grow,
    a Hessian or gradient computed carelessly rounds to zero, which looks like a zero step,
    which looks like convergence. It is not: a step of zero from a zero Hessian is no answer.

    Parameters
    ----------
    X : ndarray of shape (n, p)
        Features without a column of ones; may be rank-deficient.
    y : ndarray of shape (n,)
        0.0 or 1.0.
    tol : float, default=1e-8
        Stop when the largest entry of the Newton step is below this.
    max_iter : int, default=100
        The most Newton steps to take.

    Returns
    -------
    Fit
        On ordinary data: ``coef`` equal to statsmodels'
        ``sm.GLM(y, sm.add_constant(X), family=sm.families.Binomial()).fit().params`` to
        about 1e-10, ``n_iter`` of 7 to 10 on the README's data, ``converged=True``. If the
        rule is not met in ``max_iter`` steps (separable data): a
        ``sklearn.exceptions.ConvergenceWarning``, ``converged=False``,
        ``n_iter == max_iter`` and finite (large) coefficients.
    """
    raise NotImplementedError("Milestone 5.3: write fit_irls")


def standard_errors(beta: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Standard errors of the coefficients at the fitted `beta`.

    Near its maximum the log-likelihood is a parabola; the sharper it curves in a direction,
    the more precisely the data pin that coefficient down. The covariance of the estimate is
    the inverse of minus the Hessian (the observed Fisher information),
    ``inv(-hessian(beta, X))``, and the standard errors are the square roots of its
    diagonal. They are what statsmodels' summary prints next to each coefficient, and what
    says whether "tenure lowers churn" is a finding or noise.

    Parameters
    ----------
    beta : ndarray of shape (p + 1,)
        Usually ``fit_irls(X, y).coef``.
    X : ndarray of shape (n, p)
        Full rank (with the intercept): otherwise some coefficient is not identified and has
        no standard error.

    Returns
    -------
    ndarray of shape (p + 1,)
        ``sqrt(diag(inv(-H)))``: equal to statsmodels' ``.bse`` to about 1e-8.
    """
    raise NotImplementedError("Milestone 5.3: write standard_errors")


def deviance(beta: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """The deviance of the fit: ``-2 * log_likelihood`` for 0/1 outcomes.

    Deviance is how GLMs measure misfit: twice the log-likelihood a perfect model (one
    probability per customer, equal to their outcome) would reach, minus twice yours. For 0/1
    outcomes the perfect model's log-likelihood is 0, so the deviance is just
    ``-2 * log_likelihood``. It plays the role the residual sum of squares plays in linear
    regression.

    Parameters
    ----------
    beta : ndarray of shape (p + 1,)
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
        0.0 or 1.0.

    Returns
    -------
    float
        At least 0; equal to statsmodels' ``.deviance`` at the fitted coefficients.
    """
    raise NotImplementedError("Milestone 5.3: write deviance")
