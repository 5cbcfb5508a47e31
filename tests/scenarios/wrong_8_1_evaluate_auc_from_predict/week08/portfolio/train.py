# scenario: patch
def evaluate(pipeline: Pipeline, X_test: pd.DataFrame, y_test: pd.Series) -> dict[str, Any]:
    """The test metrics, from the model's answers."""
    churned = np.asarray(y_test, dtype=bool)
    proba = pipeline.predict_proba(X_test)[:, 1]
    flagged = proba >= THRESHOLD
    return {
        "roc_auc": float(roc_auc_score(churned, pipeline.predict(X_test))),
        "average_precision": float(average_precision_score(churned, proba)),
        "precision": float(precision_score(churned, flagged)),
        "recall": float(recall_score(churned, flagged)),
        "n_test": len(churned),
    }
