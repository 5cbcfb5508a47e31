"""Judge-side reference for week 4: a model to serve, customers to send, answers to expect.

The grader never serves the learner's week 3 model: it fits its own pipeline (week 3's
`judge_pipeline`) on the public cleaned customers, saves it in week 3's format into the
sandbox, and points the learner's app at it (``create_app(folder)`` or ``CHURN_MODEL_DIR``).
So week 4 is graded on its own, and every expected probability is the judge's
``predict_proba`` on week 1's cleaning of the same raw rows (`grader.week01.reference.clean`).

`call_app` runs requests through FastAPI's TestClient *inside the sandbox kernel* (the learner's
code never runs in the judge), one lifespan per call, and reports each answer as data: status,
JSON, text, and, for an exception the app let escape, its type, message and learner frame.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import numpy as np

from grader.week01.reference import clean
from grader.week03.ref_persist import judge_pipeline, oof_facts

DATA = "telco_churn_clean"
RAW = "telco_churn_raw"
HOLDOUT_RAW = "telco_churn_holdout"
MODEL_FILE, METADATA_FILE = "churn_model.joblib", "churn_model.json"
MODEL_DIR_VARIABLE = "CHURN_MODEL_DIR"
#: IBM's numeric fields and their JSON types; every other field is text.
NUMBERS = {"SeniorCitizen": int, "tenure": int, "MonthlyCharges": float, "TotalCharges": float}
#: The fields a customer payload holds (IBM's names, without Churn).
FIELDS = ["customerID", "gender", "SeniorCitizen", "Partner", "Dependents", "tenure",
          "PhoneService", "MultipleLines", "InternetService", "OnlineSecurity", "OnlineBackup",
          "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies", "Contract",
          "PaperlessBilling", "PaymentMethod", "MonthlyCharges", "TotalCharges"]


# --- the model ---------------------------------------------------------------------------------


_MODEL: dict[str, Any] = {}


def dumped(pipeline: Any, compress: Any = 0) -> bytes:
    """The bytes ``joblib.dump`` writes for `pipeline` (a model file's content)."""
    import joblib

    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=compress)
    return buffer.getvalue()


def judge_model(week: Any) -> tuple[Any, bytes, dict[str, Any]]:
    """(fitted pipeline, its joblib bytes, week 3 metadata), fitted once per grading run."""
    if "model" not in _MODEL:
        import sklearn

        table = week.data(DATA)
        pipeline = judge_pipeline().fit(table.drop(columns="churn"), table["churn"])
        facts = oof_facts(week, DATA)
        metadata = {
            "sklearn_version": sklearn.__version__, "python_version": "3.11",
            "data_sha256": "0" * 64, "features": [str(c) for c in pipeline.feature_names_in_],
            "metrics": {"roc_auc": facts["roc_auc"]}, "threshold": facts["threshold"],
            "created": "2026-01-01T00:00:00+00:00",
        }
        _MODEL["model"] = (pipeline, dumped(pipeline), metadata)
    return _MODEL["model"]


def unseen_model_dir(week: Any, seed: int, name: str = "model_unseen") -> str:
    """A model folder the learner never saw: the judge's pipeline fitted on a seeded 70 % of
    the public customers, with a seeded threshold in [0.2, 0.6]. Its probabilities differ
    from the usual model's, so anything typed in from a local run (a probability, a version,
    a decision at the usual threshold) stops being true."""
    rng = np.random.default_rng(seed)
    table = week.data(DATA)
    rows = np.sort(rng.choice(len(table), size=int(0.7 * len(table)), replace=False))
    part = table.iloc[rows]
    pipeline = judge_pipeline().fit(part.drop(columns="churn"), part["churn"])
    metadata = {**judge_model(week)[2], "threshold": float(np.round(rng.uniform(0.2, 0.6), 4))}
    return model_dir(week, name, model_bytes=dumped(pipeline), metadata=metadata)


def model_version(content: bytes) -> str:
    """The version a served model reports: the first 12 hex digits of the file's SHA-256."""
    return hashlib.sha256(content).hexdigest()[:12]


def model_dir(week: Any, name: str = "model", *, threshold: float | None = None,
              model_bytes: bytes | None = None, metadata: dict[str, Any] | None = None,
              files: tuple[str, ...] = (MODEL_FILE, METADATA_FILE)) -> str:
    """Write a model folder into the sandbox; its path there.

    By default the judge's model and metadata. `threshold` overrides the metadata's (a check
    that the label follows it); `model_bytes` / `metadata` replace a file (a corrupt model);
    `files` leaves some out (a missing metadata file).
    """
    _, content, meta = judge_model(week)
    meta = dict(metadata if metadata is not None else meta)
    if threshold is not None:
        meta["threshold"] = float(threshold)
    written = {MODEL_FILE: model_bytes if model_bytes is not None else content,
               METADATA_FILE: (json.dumps(meta, indent=2) + "\n").encode()}
    folder = week.sandbox.io / name
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        (folder / file).write_bytes(written[file])
    return str(folder)


# --- customers and the answers to expect -------------------------------------------------------


def payload(row: dict[str, str]) -> dict[str, Any]:
    """One raw text row of IBM's file as a client sends it: numbers as numbers.

    A blank TotalCharges (a new customer, never billed) is sent as 0, week 1's meaning.
    """
    body: dict[str, Any] = {}
    for field in FIELDS:
        text = str(row[field]).strip()
        kind = NUMBERS.get(field)
        body[field] = text if kind is None else kind(text or 0)
    return body


def payloads(raw_text: Any) -> list[dict[str, Any]]:
    """`payload` of every row of a raw text table (``week.data("telco_churn_raw")``)."""
    return [payload(row) for row in raw_text.to_dict(orient="records")]


def expected_proba(week: Any, raw_text: Any) -> np.ndarray:
    """The judge's P(churn) for raw text rows: week 1's cleaning, then the judge's pipeline."""
    pipeline, _, _ = judge_model(week)
    table = clean(raw_text).drop(columns="churn")
    return pipeline.predict_proba(table)[:, 1]


def expected_for(week: Any, bodies: list[dict[str, Any]]) -> np.ndarray:
    """The judge's P(churn) for payloads (as sent), through the same cleaning."""
    import pandas as pd

    rows = [{**{k: str(v) for k, v in body.items()}, "Churn": "No"} for body in bodies]
    frame = pd.DataFrame(rows)
    frame["customerID"] = [f"c{i}" for i in range(len(frame))]  # unique ids for the index
    return expected_proba(week, frame)


# --- talking to the learner's app ---------------------------------------------------------------

#: Kernel-side: build the app, enter its lifespan, send `requests`, report every answer.
CLIENT = '''
import os as _os
import traceback as _traceback

import warnings as _warnings

import app as _learner_app

with _warnings.catch_warnings():
    _warnings.simplefilter("ignore")  # Starlette's notice about httpx is not the learner's
    from fastapi.testclient import TestClient as _TestClient

def _learner_frame(exc):
    frames = _traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames
            if "site-packages" not in f.filename and "/lib/python" not in f.filename]
    f = (mine or frames)[-1]
    return f"{_os.path.basename(f.filename)}:{f.lineno} in {f.name}: {(f.line or '').strip()}"

_application = _learner_app.create_app(model_dir) if model_dir else _learner_app.create_app()
_answers = []
with _TestClient(_application, raise_server_exceptions=True) as _client:
    for _method, _path, _body, _raw in requests:
        try:
            if _raw is not None:
                _response = _client.request(_method, _path, content=_raw.encode(),
                                            headers={"content-type": "application/json"})
            elif _body is not None:
                _response = _client.request(_method, _path, json=_body)
            else:
                _response = _client.request(_method, _path)
        except NotImplementedError:
            raise  # the starter: "not started"
        except Exception as _exc:  # the app let an exception escape: a 500 for the caller
            _answers.append({"status": 500, "json": None, "text": "",
                             "exception": f"{type(_exc).__name__}: {_exc}"[:300],
                             "at": _learner_frame(_exc)})
            continue
        try:
            _json = _response.json()
        except ValueError:
            _json = None
        _answers.append({"status": _response.status_code, "json": _json,
                         "text": _response.text[:300], "exception": None, "at": None})
result = _answers
'''


def request(method: str, path: str, body: Any = None, raw: str | None = None) -> list[Any]:
    """One request for `call_app`: JSON `body`, or `raw` text sent as application/json."""
    return [method, path, body, raw]


def call_app(week: Any, requests: list[list[Any]], *, folder: str | None = None,
             label: str = "", target: str = "app.create_app") -> list[dict[str, Any]]:
    """Send `requests` to ``create_app(folder)`` through TestClient in the sandbox; answers.

    ``folder=None`` builds the app with ``create_app()`` (the learner's default or the
    ``CHURN_MODEL_DIR`` the kernel has). Each answer: ``status``, ``json``, ``text``, and
    ``exception`` / ``at`` when the app raised instead of answering (shown as a 500).
    """
    return week.run_snippet(CLIENT, label=label or f"{requests[0][0]} {requests[0][1]}",
                            target=target, model_dir=folder, requests=requests)
