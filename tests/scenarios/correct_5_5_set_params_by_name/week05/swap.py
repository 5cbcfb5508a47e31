# scenario: patch
from sklearn.metrics import RocCurveDisplay  # noqa: F401  (an unused import is harmless)


# set_params under whatever name the last step has
def with_scratch_model(pipeline):
    new = clone(pipeline)
    return new.set_params(**{new.steps[-1][0]: ScratchLogisticRegression()})


# decision_function ranks customers exactly as the probabilities do
def compare_on_holdout(pipeline, X_train, y_train, X_test, y_test):
    sk = clone(pipeline).fit(X_train, y_train)
    mine = with_scratch_model(pipeline).fit(X_train, y_train)
    result = {"sklearn_roc_auc": roc_auc_score(y_test, sk.decision_function(X_test)),
              "scratch_roc_auc": roc_auc_score(y_test, mine.decision_function(X_test))}
    result["difference"] = result["scratch_roc_auc"] - result["sklearn_roc_auc"]
    return result
