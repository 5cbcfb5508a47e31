# scenario: patch
from sklearn.model_selection import cross_validate


# cv=5 instead of cv=folds: five stratified folds of its own, whatever the caller gave.
def compare_models(X, y, folds):
    tables = []
    for name in MODEL_NAMES:
        scores = cross_validate(_make(name), X, y, cv=5,
                                scoring={"roc_auc": "roc_auc", "pr_auc": "average_precision"})
        tables.append(pd.DataFrame({"model": name, "fold": range(5),
                                    "roc_auc": scores["test_roc_auc"],
                                    "pr_auc": scores["test_pr_auc"]}))
    return pd.concat(tables, ignore_index=True)
