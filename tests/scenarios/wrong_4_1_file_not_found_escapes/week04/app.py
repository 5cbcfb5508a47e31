# scenario: patch (no checks, no try/except: joblib's and pathlib's own errors escape)
def load_model(folder: str | Path) -> LoadedModel:
    folder = Path(folder)
    content = (folder / MODEL_FILE).read_bytes()
    pipeline = joblib.load(folder / MODEL_FILE)
    metadata = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    return LoadedModel(pipeline, metadata, hashlib.sha256(content).hexdigest()[:12])
