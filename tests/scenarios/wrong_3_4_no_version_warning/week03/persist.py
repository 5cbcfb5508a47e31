# scenario: patch
def load_model(folder):
    folder = Path(folder)
    metadata = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    return joblib.load(folder / MODEL_FILE), metadata  # the versions are saved, never compared
