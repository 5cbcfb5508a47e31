"""Has this month's customer base moved away from the one the model was trained on?

The population stability index (PSI) compares two samples of one variable through the shares
of each falling in the same bins. Credit-risk teams have used it for decades; the usual reading
is below 0.1 stable, 0.1 to 0.25 a moderate shift worth a look, 0.25 and above a major shift.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .validate import require_columns

#: `psi_label` boundaries: below the first "stable", below the second "moderate", else "major".
PSI_MODERATE = 0.1
PSI_MAJOR = 0.25


def _bin_shares(values: np.ndarray, inner_edges: np.ndarray) -> np.ndarray:
    """Share of `values` in each bin; a value equal to an edge goes to the bin above it."""
    counts = np.bincount(
        np.searchsorted(inner_edges, values, side="right"), minlength=len(inner_edges) + 1
    )
    return counts / len(values)


# BEGIN SOLUTION 7.1
def population_stability_index(
    expected, actual, bins: int = 10, epsilon: float = 1e-4
) -> float:
    """PSI of `actual` against `expected`, over quantile bins of `expected`.

    The bin edges are the quantiles of `expected` at 0, 1/bins, ..., 1 (repeated edges
    merged, the outer ones open), so each bin holds about the same share of `expected`.
    Then ``PSI = sum((a - e) * log(a / e))`` over the bins, with ``e`` and ``a`` the shares
    of `expected` and `actual` in each bin.

    Parameters
    ----------
    expected : array-like of float
        The reference sample, e.g. the training customers' monthly charges.
    actual : array-like of float
        The sample to compare, e.g. this month's customers.
    bins : int, default=10
        How many quantile bins, at least 2.
    epsilon : float, default=1e-4
        The smallest share a bin can have: both ``e`` and ``a`` are raised to at least
        `epsilon` before the formula, so that a bin one sample leaves empty gives a large
        but finite PSI instead of infinity. Must be positive.

    Returns
    -------
    float
        0 for identical samples; larger as `actual` moves away from `expected`.

    Raises
    ------
    ValueError
        If `bins` is below 2, `epsilon` is not positive, or a sample is empty or holds NaN.

    Examples
    --------
    >>> reference = np.arange(100.0)
    >>> population_stability_index(reference, reference)
    0.0
    >>> round(population_stability_index(reference, reference + 50), 2)
    4.35
    """
    e_values, a_values = _check_samples(expected, actual, bins)
    if not epsilon > 0:
        raise ValueError(f"epsilon must be positive, got {epsilon}")
    edges = np.quantile(e_values, np.linspace(0, 1, bins + 1))
    inner = np.unique(edges[1:-1])
    # Floor both shares (#5): an empty bin would make log(a / e) infinite.
    e = np.maximum(_bin_shares(e_values, inner), epsilon)
    a = np.maximum(_bin_shares(a_values, inner), epsilon)
    return float(np.sum((a - e) * np.log(a / e)))
# STARTER
# def population_stability_index(expected, actual, bins: int = 10) -> float:
#     """PSI of `actual` against `expected`, over quantile bins of `expected`.
#
#     The bin edges are the quantiles of `expected` at 0, 1/bins, ..., 1 (repeated edges
#     merged, the outer ones open), so each bin holds about the same share of `expected`.
#     Then ``PSI = sum((a - e) * log(a / e))`` over the bins, with ``e`` and ``a`` the shares
#     of `expected` and `actual` in each bin.
#
#     Parameters
#     ----------
#     expected : array-like of float
#         The reference sample, e.g. the training customers' monthly charges.
#     actual : array-like of float
#         The sample to compare, e.g. this month's customers.
#     bins : int, default=10
#         How many quantile bins, at least 2.
#
#     Returns
#     -------
#     float
#         0 for identical samples; larger as `actual` moves away from `expected`.
#
#     Raises
#     ------
#     ValueError
#         If `bins` is below 2 or a sample is empty or holds NaN.
#
#     Examples
#     --------
#     >>> reference = np.arange(100.0)
#     >>> population_stability_index(reference, reference)
#     0.0
#     """
#     e_values, a_values = _check_samples(expected, actual, bins)
#     edges = np.quantile(e_values, np.linspace(0, 1, bins + 1))
#     inner = np.unique(edges[1:-1])
#     e = _bin_shares(e_values, inner)
#     a = _bin_shares(a_values, inner)
#     return float(np.sum((a - e) * np.log(a / e)))
# END SOLUTION


def _check_samples(expected, actual, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """Both samples as 1-D float arrays; ValueError for bad `bins`, empty or NaN samples."""
    if bins < 2:
        raise ValueError(f"bins must be at least 2, got {bins}")
    samples = []
    for name, values in (("expected", expected), ("actual", actual)):
        array = np.asarray(values, dtype=np.float64).ravel()
        if array.size == 0 or np.isnan(array).any():
            raise ValueError(f"{name} must be a non-empty sample without NaN")
        samples.append(array)
    return samples[0], samples[1]


def psi_label(psi: float) -> str:
    """Read a PSI the usual way: ``"stable"``, ``"moderate"`` or ``"major"``.

    Below 0.1 is stable, from 0.1 up to (not including) 0.25 moderate, 0.25 and above major.

    Examples
    --------
    >>> psi_label(0.02), psi_label(0.1), psi_label(0.25)
    ('stable', 'moderate', 'major')
    """
    if psi < PSI_MODERATE:
        return "stable"
    if psi < PSI_MAJOR:
        return "moderate"
    return "major"


def drift_report(
    reference: pd.DataFrame, current: pd.DataFrame, columns=None, bins: int = 10
) -> pd.DataFrame:
    """PSI and its label for each numeric column, largest shift first.

    Parameters
    ----------
    reference, current : DataFrame
        The two customer tables, e.g. training customers and this month's.
    columns : list of str, optional
        The columns to compare; by default every numeric column of `reference`.
    bins : int, default=10
        Passed to `population_stability_index`.

    Returns
    -------
    DataFrame of shape (n_columns, 2)
        Indexed by ``column``; ``psi`` (float) and ``label`` (see `psi_label`), sorted by
        ``psi``, largest first (ties keep the column order).

    Examples
    --------
    >>> ref = pd.DataFrame({"tenure": np.arange(100.0), "charges": np.arange(100.0)})
    >>> now = pd.DataFrame({"tenure": np.arange(100.0), "charges": np.arange(100.0) + 20})
    >>> drift_report(ref, now)["label"].to_dict()
    {'charges': 'major', 'tenure': 'stable'}
    """
    if columns is None:
        columns = list(reference.select_dtypes("number").columns)
    require_columns(reference, columns)
    require_columns(current, columns)
    psi = [population_stability_index(reference[c], current[c], bins=bins) for c in columns]
    report = pd.DataFrame(
        {"psi": psi, "label": [psi_label(value) for value in psi]},
        index=pd.Index(columns, name="column"),
    )
    return report.sort_values("psi", ascending=False, kind="stable")
