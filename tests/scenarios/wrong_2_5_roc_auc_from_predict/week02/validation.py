# scenario: patch
def cross_validate_logistic(X, y, folds):
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=bool)
    rows = []
    for train, test in folds:
        model = LogisticRegression(max_iter=1000).fit(X[train], y[train])
        predicted = model.predict(X[test])
        rows.append({"roc_auc": roc_auc_score(y[test], predicted),
                     "pr_auc": average_precision_score(y[test], predicted),
                     "accuracy": accuracy_score(y[test], predicted),
                     "recall": recall_score(y[test], predicted, zero_division=0)})
    return pd.DataFrame(rows)
