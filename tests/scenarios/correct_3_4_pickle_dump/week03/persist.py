"""Save and load the churn model: pickle into the .joblib file, metadata beside it."""

import hashlib
import json
import pickle
import sys
import time
import warnings
from pathlib import Path

import sklearn

MODEL_FILE = "churn_model.joblib"
METADATA_FILE = "churn_model.json"


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_model(pipeline, folder, *, data_path, metrics, threshold):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / MODEL_FILE, "wb") as fh:
        pickle.dump(pipeline, fh, protocol=pickle.HIGHEST_PROTOCOL)  # joblib.load reads it too
    metadata = dict(
        sklearn_version=sklearn.__version__,
        python_version=sys.version.split()[0],
        data_sha256=_sha256(data_path),
        features=pipeline[0].feature_names_in_.tolist(),
        metrics=dict(metrics),
        threshold=threshold,
        created=time.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    with open(folder / METADATA_FILE, "w") as fh:
        json.dump(metadata, fh, indent=2)
    return folder


def load_model(folder):
    folder = Path(folder)
    with open(folder / METADATA_FILE) as fh:
        metadata = json.load(fh)
    if metadata["sklearn_version"] != sklearn.__version__:
        warnings.warn("scikit-learn version mismatch: saved with "
                      f"{metadata['sklearn_version']}, loading with {sklearn.__version__}",
                      stacklevel=2)
    with open(folder / MODEL_FILE, "rb") as fh:
        return pickle.load(fh), metadata
