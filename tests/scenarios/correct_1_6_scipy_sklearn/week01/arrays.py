"""Library-first: scipy.special and scikit-learn do the numerics, NumPy the rest."""

import numpy as np
from scipy.special import expit, xlogy
from sklearn.preprocessing import StandardScaler


def standardize(X):
    # StandardScaler: ddof=0, and a scale of 1 for (near-)constant columns
    return StandardScaler().fit_transform(np.asarray(X, dtype=np.float64))


def sigmoid(z):
    return expit(z)


def log_loss(y, p, eps=1e-15):
    y = np.asarray(y, dtype=float)
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(xlogy(y, p) + xlogy(1 - y, 1 - p)))


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    k = int(labels.max()) + 1 if n_classes is None else n_classes
    if labels.size and (labels.min() < 0 or labels.max() >= k):
        raise ValueError(f"labels out of range 0..{k - 1}")
    return (labels[:, None] == np.arange(k)).astype(np.float64)


def pairwise_distances(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    squared = (A**2).sum(1)[:, None] + (B**2).sum(1)[None, :] - 2 * A @ B.T
    return np.sqrt(np.maximum(squared, 0.0))  # rounding can dip below 0


def moving_average(x, window):
    if window < 1 or window > len(x):
        raise ValueError("window must be in 1..len(x)")
    return np.convolve(x, np.ones(window) / window, mode="valid")
