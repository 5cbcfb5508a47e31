# Starter generated from solutions/week03/persist.py by `make starters`.
# This file is yours: edit it.
"""Milestone 3.4: save the fitted pipeline with the facts needed to trust it later.

In week 4 a web service loads this model, maybe months from now, on another machine, next to
a newer scikit-learn. A bare ``.joblib`` file cannot say which data it learned from, which
columns it expects, how good it was or which threshold turns its probability into a phone
call. So every save writes two files side by side::

    models/churn_model.joblib   the fitted pipeline (joblib: NumPy arrays stored efficiently)
    models/churn_model.json     its metadata, readable by a person and by week 4's service

and every load checks the one fact that silently breaks pickled models: the scikit-learn
version.
"""

from __future__ import annotations

import hashlib
import json
import platform
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import sklearn
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

#: The fitted pipeline, as joblib wrote it.
MODEL_FILE = "churn_model.joblib"
#: Its metadata, as JSON.
METADATA_FILE = "churn_model.json"


def save_model(pipeline: Pipeline, folder: str | Path, *, data_path: str | Path,
               metrics: dict[str, float], threshold: float) -> Path:
    """Write the fitted pipeline and its metadata into `folder`; return the folder.

    Parameters
    ----------
    pipeline : Pipeline
        Fitted, on a DataFrame (so it knows its input column names).
    folder : str or Path
        Created if needed; ``MODEL_FILE`` and ``METADATA_FILE`` inside it are overwritten.
    data_path : str or Path
        The file the pipeline was trained on: its SHA-256 goes into the metadata, so anyone
        can later tell whether a data file is the one this model learned from.
    metrics : dict of str to float
        How good the model is, e.g. ``{"roc_auc": 0.846, "pr_auc": 0.66}``.
    threshold : float
        Call a customer a churner when the churn probability is at least this.

    Returns
    -------
    Path
        `folder`, holding ``churn_model.joblib`` and ``churn_model.json``. The JSON holds
        ``sklearn_version`` and ``python_version`` (str, as running now), ``data_sha256``
        (64 hex digits of the file's bytes), ``features`` (list of the input column names),
        ``metrics`` (as given), ``threshold`` (float) and ``created`` (ISO 8601 time, UTC).

    Examples
    --------
    >>> save_model(pipe, "models", data_path="../../data/telco_churn_clean.parquet",
    ...            metrics={"roc_auc": 0.846}, threshold=0.13)  # doctest: +SKIP
    PosixPath('models')
    """
    raise NotImplementedError("Milestone 3.4: write save_model")


def load_model(folder: str | Path) -> tuple[Pipeline, dict[str, Any]]:
    """Load a pipeline saved by `save_model`, and its metadata.

    Parameters
    ----------
    folder : str or Path
        A folder `save_model` wrote.

    Returns
    -------
    (Pipeline, dict)
        The fitted pipeline, and the metadata dict read from ``churn_model.json``.

    Raises
    ------
    FileNotFoundError
        When either file is missing; the message names the missing file.

    Warns
    -----
    UserWarning
        When the model was saved with another scikit-learn version than the one running:
        the message names both versions. A pickled model may then load yet predict wrongly.

    Examples
    --------
    >>> pipe, meta = load_model("models")  # doctest: +SKIP
    >>> meta["threshold"]  # doctest: +SKIP
    0.1254
    """
    raise NotImplementedError("Milestone 3.4: write load_model")
