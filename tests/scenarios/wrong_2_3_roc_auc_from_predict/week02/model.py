# scenario: patch (this case varies evaluate only: both AUCs from the 0/1 decisions)
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    precision_score,
    recall_score,
    roc_auc_score,
)


def evaluate(model, X, y):
    y_pred = model.predict(X)
    return {
        "accuracy": accuracy_score(y, y_pred),
        "roc_auc": roc_auc_score(y, y_pred),
        "pr_auc": average_precision_score(y, y_pred),
        "precision": precision_score(y, y_pred, zero_division=0),
        "recall": recall_score(y, y_pred, zero_division=0),
    }
