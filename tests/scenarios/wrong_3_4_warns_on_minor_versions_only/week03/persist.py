# scenario: patch
# Compares major.minor only: a model saved by 1.9.0 loads silently under 1.9.1.
def load_model(folder: str | Path) -> tuple[Pipeline, dict[str, Any]]:
    folder = Path(folder)
    model_path, metadata_path = folder / MODEL_FILE, folder / METADATA_FILE
    for path in (model_path, metadata_path):
        if not path.is_file():
            raise FileNotFoundError(f"no saved model file {path}: run `python -m train` first")
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    saved = str(metadata.get("sklearn_version"))
    if saved.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        warnings.warn(f"saved with scikit-learn {saved}, running {sklearn.__version__}",
                      UserWarning, stacklevel=2)
    return joblib.load(model_path), metadata
