import numpy as np


def standardize(X):
    X = np.asarray(X, dtype=float)
    std = X.std(axis=0)
    std[std == 0] = 1.0  # constant columns: x - mean is 0 there anyway
    return (X - X.mean(axis=0)) / std


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def log_loss(y, p, eps=1e-15):
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def one_hot(labels, n_classes=None):
    labels = np.asarray(labels)
    if n_classes is None:
        n_classes = int(labels.max()) + 1
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError("label out of range")
    return np.eye(n_classes)[labels]


def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    return np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=-1))


def moving_average(x, window):
    x = np.asarray(x, dtype=float)
    if window < 1 or window > len(x):
        raise ValueError("window must be between 1 and len(x)")
    c = np.cumsum(np.concatenate([[0.0], x]))
    return (c[window:] - c[:-window]) / window
