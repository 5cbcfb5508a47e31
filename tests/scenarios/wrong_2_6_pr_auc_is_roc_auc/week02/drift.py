# scenario: patch
def metric_drift(y, proba, prevalences=(0.10, 0.05, 0.02), seed=0):
    y, proba = np.asarray(y, dtype=bool), np.asarray(proba, dtype=np.float64)
    rows = {float(y.mean()): np.arange(len(y))}
    rows |= {p: subsample_churners(y, p, seed=seed) for p in prevalences}
    table = {p: {"accuracy": accuracy_score(y[k], proba[k] >= 0.5),
                 "roc_auc": roc_auc_score(y[k], proba[k]),
                 "pr_auc": roc_auc_score(y[k], proba[k])}  # the area under the wrong curve
             for p, k in rows.items()}
    return pd.DataFrame.from_dict(table, orient="index").rename_axis("prevalence")
