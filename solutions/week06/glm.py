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
    # BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    Xt = np.column_stack([np.ones(len(y)), X])  # the intercept column, X~ in the docstring

    def pearson_scale(mu: np.ndarray, df_resid: int) -> float:
        if family.scale_known:
            return 1.0
        return float(np.sum((y - mu) ** 2 / family.variance(mu)) / df_resid)

    # Start from means near the data, not from coefficients: no eta is needed to begin.
    mu = family.starting_mu(y)
    eta = family.link(mu)
    df_resid = len(y) - Xt.shape[1]
    scale = pearson_scale(mu, df_resid)
    criterion = family.deviance(y, mu) / scale
    n_iter, converged = 0, False
    while not converged and n_iter < max_iter:
        n_iter += 1
        g = family.link_derivative(mu)
        z = eta + (y - mu) * g  # the working variate
        w = 1.0 / (g**2 * family.variance(mu))  # the weights: 1 / Var(z), up to scale
        sqrt_w = np.sqrt(w)
        coef, _, rank, _ = np.linalg.lstsq(Xt * sqrt_w[:, None], z * sqrt_w, rcond=None)
        eta = Xt @ coef
        mu = family.inverse_link(eta)
        df_resid = len(y) - rank  # n - p - 1, or fewer columns when some are redundant
        new_criterion = family.deviance(y, mu) / scale  # statsmodels: the previous scale
        scale = pearson_scale(mu, df_resid)
        converged = bool(abs(new_criterion - criterion) <= tol)  # statsmodels' np.allclose
        criterion = new_criterion
    if not converged:
        warnings.warn(f"fit_glm: no convergence after {max_iter} iterations (tol={tol}); "
                      "the coefficients are the last iterate", ConvergenceWarning, stacklevel=2)

    # inv(X~^T W X~), W the last fit's weights; pinv copes with redundant columns.
    xtwx = (Xt * w[:, None]).T @ Xt
    cov = np.linalg.pinv(xtwx, hermitian=True)
    standard_errors = np.sqrt(scale * np.diag(cov))
    return GLMFit(coef=coef, standard_errors=standard_errors,
                  deviance=family.deviance(y, mu), scale=scale, n_iter=n_iter,
                  converged=converged)
    # END SOLUTION
