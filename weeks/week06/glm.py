# Starter generated from solutions/week06/glm.py by `make starters`. This file is yours: edit it.
"""Milestone 6.2: one IRLS for every family, as Nelder & Wedderburn (1972) fit them.

Nelder, J. A. and Wedderburn, R. W. M. (1972). Generalized Linear Models. *Journal of the
Royal Statistical Society, Series A*, 135(3), 370-384.

The paper fits every generalized linear model with the same loop: Fisher's scoring algorithm,
written as *iterated weighted least squares*. From the current means ``mu`` it builds

- the **working variate** ``z = eta + (y - mu) * d eta / d mu``, a linearised response, and
- the **weights** ``w = 1 / ((d eta / d mu)^2 * V(mu))``, one over z's variance (up to scale),

regresses z on the design by weighted least squares, and takes the new linear predictor as
the next ``eta``. With a canonical link this is Newton-Raphson, so week 5's logistic IRLS is
the Binomial special case. The family (see `families`) is the only part that changes.

Conventions as in week 5: ``X`` is (n, p) *without* an intercept column; the coefficients
have p + 1 entries and ``coef[0]`` is the intercept. Results must match statsmodels::

    sm.GLM(y, sm.add_constant(X, has_constant="add"), family=sm.families.Poisson()).fit()

coefficients, standard errors (``bse``), ``deviance`` and ``scale``, to 1e-6.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from statsmodels.tools.sm_exceptions import ConvergenceWarning

from families import Family


@dataclass
class GLMFit:
    """What `fit_glm` returns.

    Attributes
    ----------
    coef : ndarray of shape (p + 1,)
        ``coef[0]`` is the intercept, ``coef[1:]`` follow the columns of X.
    standard_errors : ndarray of shape (p + 1,)
        ``sqrt(scale * diag(inv(X~^T W X~)))``, W the weights of the last weighted
        least-squares fit (statsmodels' choice; the weights at the final means differ by
        about 1e-9, and either passes).
    deviance : float
        ``family.deviance(y, mu)`` at the fitted means (not divided by the scale).
    scale : float
        1.0 when ``family.scale_known``, else the Pearson estimate
        ``sum((y - mu)^2 / V(mu)) / (n - p - 1)``.
    n_iter : int
        Weighted least-squares fits done.
    converged : bool
        False when `max_iter` was reached first.
    """

    coef: np.ndarray
    standard_errors: np.ndarray
    deviance: float
    scale: float
    n_iter: int
    converged: bool


def fit_glm(X: np.ndarray, y: np.ndarray, family: Family, *, tol: float = 1e-8,
            max_iter: int = 100) -> GLMFit:
    """Fit a GLM by Nelder & Wedderburn's iterated weighted least squares.

    Parameters
    ----------
    X : ndarray of shape (n, p)
        The design, without an intercept column (p may be 0: an intercept-only model).
    y : ndarray of shape (n,)
        The response: 0/1 for Binomial, counts for Poisson, any number for Gaussian.
    family : Family
        ``Binomial()``, ``Poisson()`` or ``Gaussian()`` from `families`. Use only the
        ``Family`` interface (``name``, ``scale_known``, ``link``, ``inverse_link``,
        ``link_derivative``, ``variance``, ``deviance``, ``starting_mu``): the grader passes
        its own family objects, so 6.2 is graded even while 6.1 is unfinished.
    tol : float, default=1e-8
        Stop when the deviance changed by at most `tol` in one iteration.
    max_iter : int, default=100
        Most weighted least-squares fits (at least 1); reaching it warns.

    Returns
    -------
    GLMFit

    Done looks like this:

    - Start from ``mu = family.starting_mu(y)`` and ``eta = family.link(mu)``, as statsmodels
      does; no starting coefficients are needed.
    - Each iteration: ``z = eta + (y - mu) * g'(mu)``, ``w = 1 / (g'(mu)^2 V(mu))``; solve
      the weighted least squares with ``np.linalg.lstsq`` on ``sqrt(w) * X~`` and
      ``sqrt(w) * z`` (X~ = X with a column of ones in front; lstsq copes with redundant
      columns); then ``eta = X~ @ coef`` and ``mu = family.inverse_link(eta)``.
    - Stop as statsmodels' ``GLM.fit(tol=tol)`` does: after an iteration, converged when
      ``|D_old - D_new| <= tol``, D the deviance divided by the scale (statsmodels divides
      by the scale estimated one iteration earlier; the scale is 1 for Binomial and Poisson).
      D_old starts at the deviance of the starting means, so an iteration always runs.
    - Scale: 1.0 when ``family.scale_known``, otherwise Pearson's chi-squared over the
      residual degrees of freedom, ``sum((y - mu)^2 / V(mu)) / (n - p - 1)``.
    - Standard errors: ``sqrt(scale * diag(inv(X~^T W X~)))`` with the weights of the last
      weighted least-squares fit (statsmodels' choice; the weights at the final means differ
      by about 1e-9, and either passes).
    - At `max_iter` without converging: ``warnings.warn(..., ConvergenceWarning)`` (from
      ``statsmodels.tools.sm_exceptions``) and ``converged=False``, ``n_iter == max_iter``.
    """
    raise NotImplementedError("Milestone 6.2: write fit_glm")
