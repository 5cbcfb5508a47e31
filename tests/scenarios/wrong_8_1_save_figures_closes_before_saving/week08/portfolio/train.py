# scenario: patch
def save_figures(pipeline: Pipeline, X_test: pd.DataFrame, y_test: pd.Series,
                 folder: str | Path) -> list[Path]:
    """Both figures with pyplot, closed to free memory."""
    import matplotlib.pyplot as plt

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    churned = np.asarray(y_test, dtype=bool)
    proba = pipeline.predict_proba(X_test)[:, 1]
    ConfusionMatrixDisplay.from_predictions(churned, proba >= THRESHOLD)
    plt.close()
    plt.savefig(folder / "confusion_matrix.png")
    PrecisionRecallDisplay.from_predictions(churned, proba)
    plt.close()
    plt.savefig(folder / "precision_recall.png")
    return [folder / "confusion_matrix.png", folder / "precision_recall.png"]
