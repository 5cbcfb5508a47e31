# scenario: patch
def save_model(pipeline, folder, *, data_path, metrics, threshold):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # The data file "is in the repository anyway": no hash of it.
    metadata = {"sklearn_version": sklearn.__version__,
                "python_version": platform.python_version(),
                "features": list(pipeline.feature_names_in_),
                "metrics": metrics, "threshold": threshold,
                "created": datetime.now(UTC).isoformat()}
    joblib.dump(pipeline, folder / MODEL_FILE)
    (folder / METADATA_FILE).write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return folder
