# scenario: patch
from scipy.stats import loguniform
from sklearn.model_selection import RandomizedSearchCV

PARAM_GRID = {"model__C": loguniform(1e-3, 1e2)}


# A random search over a continuous range of C: six draws, seeded like the folds.
def tune(X_train, y_train, seed=0):
    search = RandomizedSearchCV(
        build_pipeline(), PARAM_GRID, n_iter=6, scoring="roc_auc", random_state=seed,
        cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=seed))
    return search.fit(X_train, y_train)
