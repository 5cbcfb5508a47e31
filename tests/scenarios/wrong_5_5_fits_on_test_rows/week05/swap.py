# scenario: patch
# Fits both models on the rows it then scores.
def compare_on_holdout(pipeline, X_train, y_train, X_test, y_test):
    scores = {}
    for label, model in (("sklearn", clone(pipeline)), ("scratch", with_scratch_model(pipeline))):
        model.fit(X_test, y_test)
        scores[f"{label}_roc_auc"] = float(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
    scores["difference"] = scores["scratch_roc_auc"] - scores["sklearn_roc_auc"]
    return scores
