# scenario: patch
def save_model(pipeline, folder, *, data_path, metrics, threshold):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {"sklearn_version": sklearn.__version__,
                "python_version": platform.python_version(),
                # The mistake: the hash of the file's name, which says nothing about its rows.
                "data_sha256": hashlib.sha256(str(data_path).encode()).hexdigest(),
                "features": list(pipeline.feature_names_in_),
                "metrics": metrics, "threshold": threshold,
                "created": datetime.now(UTC).isoformat()}
    joblib.dump(pipeline, folder / MODEL_FILE)
    (folder / METADATA_FILE).write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return folder
