# scenario: patch
# ROC-AUC of the predicted labels: one threshold, not a ranking.
def compare_on_holdout(pipeline, X_train, y_train, X_test, y_test):
    sk = clone(pipeline).fit(X_train, y_train)
    mine = with_scratch_model(pipeline).fit(X_train, y_train)
    a = roc_auc_score(y_test, sk.predict(X_test))
    b = roc_auc_score(y_test, mine.predict(X_test))
    return {"sklearn_roc_auc": a, "scratch_roc_auc": b, "difference": b - a}
