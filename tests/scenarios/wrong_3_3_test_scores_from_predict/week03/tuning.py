# scenario: patch
# 0/1 predictions instead of probabilities: the ROC "curve" has a single point.
def tune_and_test(X_train, y_train, X_test, y_test, seed=0):
    search = tune(X_train, y_train, seed=seed)
    predicted = search.predict(X_test)
    return {"best_params": search.best_params_, "cv_score": search.best_score_,
            "test_roc_auc": roc_auc_score(y_test, predicted),
            "test_pr_auc": average_precision_score(y_test, predicted)}
