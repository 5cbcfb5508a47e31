# scenario: patch (ModelLoadError raised `from error`: two chained tracebacks in the log)
def load_model(folder: str | Path) -> LoadedModel:
    folder = Path(folder)
    try:
        content = (folder / MODEL_FILE).read_bytes()
        pipeline = joblib.load(folder / MODEL_FILE)
        metadata = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    except Exception as error:
        raise ModelLoadError(f"cannot load the model in {folder}: {error}") from error
    return LoadedModel(pipeline, metadata, hashlib.sha256(content).hexdigest()[:12])
