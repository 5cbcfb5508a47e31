# scenario: patch
from sklearn.base import clone
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def stratified_folds(y, n_splits=5, seed=0):
    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return [(train, test) for train, test in splitter.split(y, y)]  # y as X: only its length counts


def cross_validate_logistic(X, y, folds):
    template = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    y = pd.Series(np.asarray(y, dtype=bool))
    table = []
    for train, test in folds:
        model = clone(template).fit(X[train], y.iloc[train])  # the scaler learns from train only
        proba = model.predict_proba(X[test])[:, 1]
        truth = y.iloc[test]
        table.append([roc_auc_score(truth, proba), average_precision_score(truth, proba),
                      accuracy_score(truth, proba >= 0.5), recall_score(truth, proba >= 0.5)])
    return pd.DataFrame(table, columns=["roc_auc", "pr_auc", "accuracy", "recall"])
