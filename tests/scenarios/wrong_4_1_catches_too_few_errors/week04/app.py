# scenario: patch (catches the errors its author thought of; unpickling garbage raises KeyError)
import io
import pickle


def load_model(folder: str | Path) -> LoadedModel:
    folder = Path(folder)
    try:
        content = (folder / MODEL_FILE).read_bytes()
        pipeline = joblib.load(io.BytesIO(content))
        metadata = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, pickle.UnpicklingError):
        raise ModelLoadError(f"cannot load {folder / MODEL_FILE} with {METADATA_FILE}") from None
    return LoadedModel(pipeline, metadata, hashlib.sha256(content).hexdigest()[:12])
