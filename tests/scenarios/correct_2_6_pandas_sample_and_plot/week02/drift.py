"""Milestone 2.6, another way: pandas sampling, a dict of rows, and pandas' own plot."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn import metrics


def subsample_churners(y, prevalence, seed=0):
    labels = pd.Series(np.asarray(y, dtype=bool))
    n_stay = int((~labels).sum())
    k = int(np.rint(prevalence * n_stay / (1 - prevalence)))
    kept_churners = labels[labels].sample(n=k, random_state=seed).index
    keep = labels.index[~labels].union(kept_churners)  # a sorted Index of positions
    return keep.to_numpy()


def _scores(y, proba):
    return {"accuracy": float(np.mean((proba >= 0.5) == y)),
            "roc_auc": metrics.roc_auc_score(y, proba),
            "pr_auc": metrics.average_precision_score(y, proba)}


def metric_drift(y, proba, prevalences=(0.10, 0.05, 0.02), seed=0):
    y, proba = np.asarray(y, dtype=bool), np.asarray(proba, dtype=float)
    rows = {y.mean(): _scores(y, proba)}
    for p in prevalences:
        keep = subsample_churners(y, p, seed)
        rows[p] = _scores(y[keep], proba[keep])
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "prevalence"
    return table


def plot_metric_drift(drift):
    fig, ax = plt.subplots(figsize=(6, 4))
    (drift * 100).plot(ax=ax, marker="s")  # in percent, pandas draws and labels one line each
    ax.set_title("Same model, rarer churn")
    ax.set_xlabel("churn prevalence")
    ax.set_ylabel("score (%)")
    return fig
