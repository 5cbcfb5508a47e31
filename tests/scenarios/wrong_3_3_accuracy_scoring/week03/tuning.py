# scenario: patch
# GridSearchCV's default scoring: the classifier's .score, i.e. accuracy.
def tune(X_train, y_train, seed=0):
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    return GridSearchCV(build_pipeline(), PARAM_GRID, cv=folds).fit(X_train, y_train)
