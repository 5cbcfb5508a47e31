# scenario: patch
# PR-AUC chooses C; cv=5 on a classifier means stratified folds. tune_and_test refits the
# chosen C on the training rows itself instead of using best_estimator_.
def tune(X_train, y_train, seed=0):
    search = GridSearchCV(build_pipeline(), PARAM_GRID, cv=5, scoring="average_precision")
    return search.fit(X_train, y_train)


def tune_and_test(X_train, y_train, X_test, y_test, seed=0):
    search = tune(X_train, y_train, seed)
    chosen = build_pipeline().set_params(**search.best_params_).fit(X_train, y_train)
    proba = chosen.predict_proba(X_test)[:, 1]
    return {"best_params": search.best_params_, "cv_score": search.best_score_,
            "test_roc_auc": roc_auc_score(y_test, proba),
            "test_pr_auc": average_precision_score(y_test, proba)}
