# scenario: patch
def load_model(folder):
    folder = Path(folder)
    try:
        metadata = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
        if metadata["sklearn_version"] != sklearn.__version__:
            warnings.warn(f"saved with scikit-learn {metadata['sklearn_version']}, "
                          f"running {sklearn.__version__}")
        return joblib.load(folder / MODEL_FILE), metadata
    except FileNotFoundError:  # "never crash": the caller gets nothing and does not know why
        return None, {}
