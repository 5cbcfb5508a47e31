"""Judge-side reference for week 5: logistic regression written from the contract.

Written here from the formulas, independently of any solution, so a check never trusts the
code it grades. Convention as in the week's API: X is (n, p) without an intercept column,
beta has p + 1 entries and beta[0] is the intercept; y holds 0/1 floats.

Three things live here:

- the pieces (`sigmoid`, `log_likelihood`, `gradient`, `hessian`) and both fits
  (`gradient_descent`, `irls`), with the stopping rules of the docstrings, so the judge knows
  how many steps an honest implementation takes;
- seeded data: well-conditioned standardized features (`nice_data`), full-rank
  make_classification data (`classification_data`) and perfectly separable data;
- statsmodels' and scikit-learn's answers on the same rows (`statsmodels_fit`,
  `sklearn_unpenalized`, `sklearn_default`), the evidence a learner is graded against.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np


def design(X: Any) -> np.ndarray:
    """X with a column of ones in front (X~)."""
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(len(X)), X])


def eta_of(beta: Any, X: Any) -> np.ndarray:
    """The linear predictor beta[0] + X @ beta[1:]."""
    beta = np.asarray(beta, dtype=float)
    return beta[0] + np.asarray(X, dtype=float) @ beta[1:]


def sigmoid(z: Any) -> np.ndarray:
    """1 / (1 + e^-z) from e^-|z| only: exact 0 and 1 at the extremes, no overflow."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_likelihood(beta: Any, X: Any, y: Any) -> float:
    """sum(y * eta - log(1 + e^eta)), with logaddexp."""
    eta = eta_of(beta, X)
    return float(np.sum(np.asarray(y, dtype=float) * eta - np.logaddexp(0.0, eta)))


def residual(beta: Any, X: Any, y: Any) -> np.ndarray:
    """y - p for each row, as y sigmoid(-eta) - (1 - y) sigmoid(eta).

    Written so, it keeps the tiny e^-eta of a row the model is sure about: y - sigmoid(eta)
    rounds to 0.0 once eta passes 37, where sigmoid(eta) rounds to 1.0.
    """
    y, eta = np.asarray(y, dtype=float), eta_of(beta, X)
    return y * sigmoid(-eta) - (1.0 - y) * sigmoid(eta)


def gradient(beta: Any, X: Any, y: Any) -> np.ndarray:
    """X~^T (y - p): the ascent direction of the log-likelihood."""
    return design(X).T @ residual(beta, X, y)


def weights(beta: Any, X: Any) -> np.ndarray:
    """p (1 - p), written sigmoid(eta) sigmoid(-eta) so it stays positive up to |eta| ~ 700."""
    eta = eta_of(beta, X)
    return sigmoid(eta) * sigmoid(-eta)


def hessian(beta: Any, X: Any) -> np.ndarray:
    """-X~^T W X~, negative semidefinite."""
    Xt = design(X)
    return -(Xt * weights(beta, X)[:, None]).T @ Xt


def standard_errors(beta: Any, X: Any) -> np.ndarray:
    """sqrt(diag(inv(-H))) at beta."""
    return np.sqrt(np.diag(np.linalg.inv(-hessian(beta, X))))


def deviance(beta: Any, X: Any, y: Any) -> float:
    """-2 log-likelihood (0/1 data: the saturated model's log-likelihood is 0)."""
    return -2.0 * log_likelihood(beta, X, y)


@dataclass
class RefFit:
    """What a fit found: coefficients, steps taken, whether the stopping rule was met."""

    coef: np.ndarray
    n_iter: int
    converged: bool


def gradient_descent(X: Any, y: Any, *, learning_rate: float = 0.1, tol: float = 1e-6,
                     max_iter: int = 10_000) -> RefFit:
    """Ascent with the mean gradient from zeros; stop before a step once max|g| < tol."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    beta = np.zeros(X.shape[1] + 1)
    for step in range(max_iter):
        g = gradient(beta, X, y) / len(y)
        if np.max(np.abs(g)) < tol:
            return RefFit(beta, step, True)
        beta = beta + learning_rate * g
    return RefFit(beta, max_iter, False)


def irls(X: Any, y: Any, *, tol: float = 1e-8, max_iter: int = 100) -> RefFit:
    """Newton-Raphson from zeros, lstsq steps; converged once max|step| < tol."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    beta = np.zeros(X.shape[1] + 1)
    for n_iter in range(1, max_iter + 1):
        step = np.linalg.lstsq(hessian(beta, X), gradient(beta, X, y), rcond=None)[0]
        beta = beta - step
        if np.max(np.abs(step)) < tol:
            return RefFit(beta, n_iter, True)
    return RefFit(beta, max_iter, False)


def mle(X: Any, y: Any) -> np.ndarray:
    """The maximum-likelihood coefficients (Newton to machine precision)."""
    return irls(X, y, tol=1e-12, max_iter=200).coef


# -- seeded data -------------------------------------------------------------------------------


def nice_data(seed: int, n: int = 400, p: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Standardized features, moderate true coefficients: gradient descent's friendly case."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    beta = np.concatenate([[rng.uniform(-0.5, 0.5)], rng.uniform(-1.0, 1.0, size=p)])
    y = (rng.random(n) < sigmoid(eta_of(beta, X))).astype(float)
    return X, y


def classification_data(seed: int, n: int = 300, p: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """make_classification without redundant columns (full rank), labels flipped a little."""
    from sklearn.datasets import make_classification

    X, y = make_classification(n_samples=n, n_features=p, n_informative=p, n_redundant=0,
                               n_repeated=0, flip_y=0.1, class_sep=0.7, random_state=seed)
    return X, y.astype(float)


def separable_data(seed: int, n: int = 60) -> tuple[np.ndarray, np.ndarray]:
    """Two features, the first one splits the classes perfectly (a gap around 0)."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 2).astype(float)
    first = np.where(y == 1, rng.uniform(0.5, 2.0, n), rng.uniform(-2.0, -0.5, n))
    X = np.column_stack([first, rng.normal(size=n)])
    return X, y


def separable_without_gap(seed: int, n: int = 600, p: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """make_classification's features, y = (X[:, 0] > 0): separable, rows on both sides of 0.

    With no gap between the classes, Newton's largest logits pass 37 (where 1 - sigmoid(eta)
    rounds to 0.0) within some 7 steps and 745 (where p (1 - p) underflows to 0) within about
    20, and by step 100 the rows nearest the boundary are near 37 too: the traps that
    separable_data, with its gap and 60 rows, never reaches.
    """
    from sklearn.datasets import make_classification

    X = make_classification(n_samples=n, n_features=p, n_informative=p, n_redundant=0,
                            n_repeated=0, random_state=seed)[0]
    return X, (X[:, 0] > 0).astype(float)


# -- the libraries' answers --------------------------------------------------------------------


@dataclass
class Library:
    """statsmodels' GLM Binomial fit: coefficients, standard errors, deviance."""

    coef: np.ndarray
    bse: np.ndarray
    deviance: float


def statsmodels_fit(X: Any, y: Any) -> Library:
    """sm.GLM(y, add_constant(X), family=Binomial()).fit(), intercept first."""
    import statsmodels.api as sm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.GLM(np.asarray(y, dtype=float), design(X),
                     family=sm.families.Binomial()).fit(tol=1e-12, maxiter=200)
        # bse and deviance are computed on first access: inside the block, so a warning of
        # statsmodels' never reaches the learner's report.
        library = Library(np.asarray(fit.params), np.asarray(fit.bse), float(fit.deviance))
    if not (fit.converged and np.all(np.isfinite(library.coef))):
        raise AssertionError("the judge's statsmodels fit did not converge: a bug in the "
                             "grader's data, not in the learner's code")
    return library


def sklearn_unpenalized(X: Any, y: Any) -> np.ndarray:
    """LogisticRegression(C=np.inf), solved tightly: intercept first."""
    from sklearn.linear_model import LogisticRegression

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    return np.concatenate([model.intercept_, model.coef_.ravel()])


def sklearn_default(X: Any, y: Any) -> np.ndarray:
    """LogisticRegression()'s model, L2 penalty with C=1.0, solved tightly. Intercept first."""
    from sklearn.linear_model import LogisticRegression

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(X, y)
    return np.concatenate([model.intercept_, model.coef_.ravel()])


def one_hot_data(seed: int, n: int = 200, levels: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """A number, then every level of a category one-hot: the levels add up to the intercept."""
    rng = np.random.default_rng(seed)
    level = rng.integers(0, levels, n)
    number = rng.normal(size=n)
    X = np.column_stack([number, np.eye(levels)[level]])
    eta = -0.3 + 0.8 * number + np.linspace(-0.7, 0.7, levels)[level]
    y = (rng.random(n) < sigmoid(eta)).astype(float)
    return X, y


def independent_columns(A: np.ndarray) -> np.ndarray:
    """The columns of A, left to right, that are not combinations of the ones kept before.

    They span the same space as A, so a GLM fitted on them has the same fitted values: for
    one-hot levels that add up to the intercept, the last level of each group is dropped.
    """
    keep: list[int] = []
    for j in range(A.shape[1]):
        if np.linalg.matrix_rank(A[:, [*keep, j]]) > len(keep):
            keep.append(j)
    return A[:, keep]


def statsmodels_probabilities(X: Any, y: Any) -> np.ndarray:
    """statsmodels' fitted probabilities, fitted on a full-rank design with the same span.

    The probabilities at the MLE are unique even when X~ is rank deficient, but statsmodels'
    IRLS on the rank-deficient design itself diverges now and then (coefficients of 1e15):
    the judge fits the independent columns only, and insists that the fit converged.
    """
    import statsmodels.api as sm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.GLM(np.asarray(y, dtype=float), independent_columns(design(X)),
                     family=sm.families.Binomial()).fit(tol=1e-12, maxiter=200)
        fitted = np.asarray(fit.fittedvalues)  # computed on access: inside the block
    if not (fit.converged and np.all(np.isfinite(fit.params))):
        raise AssertionError("the judge's statsmodels fit did not converge on the one-hot "
                             "design: a bug in the grader's data, not in the learner's code")
    return fitted
