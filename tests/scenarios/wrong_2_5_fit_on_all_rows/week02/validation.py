# scenario: patch
def cross_validate_logistic(X, y, folds):
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=bool)
    model = LogisticRegression(max_iter=1000).fit(X, y)  # one model for all folds, fit on every row
    rows = []
    for _, test in folds:
        proba = model.predict_proba(X[test])[:, 1]
        predicted = model.predict(X[test])
        rows.append({"roc_auc": roc_auc_score(y[test], proba),
                     "pr_auc": average_precision_score(y[test], proba),
                     "accuracy": accuracy_score(y[test], predicted),
                     "recall": recall_score(y[test], predicted, zero_division=0)})
    return pd.DataFrame(rows)
