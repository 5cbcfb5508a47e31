"""Milestones 4.1-4.4: the churn model as a web service the product team can call.

    uvicorn app:app --port 8000            # then open http://localhost:8000/docs

The service loads week 3's saved pipeline once, when it starts, and answers three questions:
``POST /predict`` (will this customer leave?), ``POST /predict/batch`` (up to 1,000 at once)
and ``GET /health`` (is the model loaded, which one?). Which model: the folder in the
``CHURN_MODEL_DIR`` environment variable, else ``models/`` next to this file, holding
``churn_model.joblib`` and ``churn_model.json`` as week 3's ``save_model`` wrote them.

Bad input never reaches the model: FastAPI checks every request against the schemas and
`validation_error_handler` answers 422 with the fields to fix.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import joblib
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from schemas import (
    BatchRequest,
    BatchResponse,
    Customer,
    Health,
    Prediction,
    ValidationProblem,
    to_frame,
)

log = logging.getLogger("telco.service")

#: The environment variable that names the model folder (Docker sets it; tests may too).
MODEL_DIR_VARIABLE = "CHURN_MODEL_DIR"
#: Where the model is when nobody says otherwise: ``models/`` next to this file.
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models"
#: Week 3's file names.
MODEL_FILE = "churn_model.joblib"
METADATA_FILE = "churn_model.json"


class ModelLoadError(RuntimeError):
    """The model folder cannot be served; the message names the file and what to do."""


@dataclass(frozen=True)
class LoadedModel:
    """A fitted pipeline with its metadata, ready to serve."""

    pipeline: Any
    metadata: dict[str, Any]
    #: First 12 hex digits of the ``.joblib`` file's SHA-256: changes when the model does.
    version: str

    @property
    def threshold(self) -> float:
        """Call a customer a churner when P(churn) is at least this (week 2's cheapest)."""
        return float(self.metadata["threshold"])


def load_model(folder: str | Path) -> LoadedModel:
    """Load ``churn_model.joblib`` and ``churn_model.json`` from `folder`.

    Parameters
    ----------
    folder : str or Path
        A folder week 3's ``save_model`` wrote.

    Returns
    -------
    LoadedModel
        The pipeline, the metadata dict (it must hold ``threshold``) and the version.

    Raises
    ------
    ModelLoadError
        When a file is missing, unreadable, not a model, or the metadata has no threshold.
        The message names the file and how to make one; it is raised ``from None``, so a
        server's log shows one clear message, not two chained tracebacks.

    Examples
    --------
    >>> load_model("models").threshold  # doctest: +SKIP
    0.1254
    """
    # BEGIN SOLUTION
    folder = Path(folder)
    model_path, metadata_path = folder / MODEL_FILE, folder / METADATA_FILE
    make_one = ("train one with `python -m build_model` (or week 3's `python -m train`), "
                f"or set {MODEL_DIR_VARIABLE} to a folder that holds one")
    for path in (model_path, metadata_path):
        if not path.is_file():
            raise ModelLoadError(f"no model file {path}: {make_one}")
    try:
        content = model_path.read_bytes()
        pipeline = joblib.load(model_path)
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
        threshold = float(metadata["threshold"])
    except Exception as error:  # a corrupt file fails in many ways; the service needs one
        raise ModelLoadError(f"cannot load the model in {folder}: {type(error).__name__}: "
                             f"{error}; {make_one}") from None
    if not hasattr(pipeline, "predict_proba"):
        raise ModelLoadError(f"{model_path} holds a {type(pipeline).__name__}, not a fitted "
                             f"pipeline; {make_one}")
    log.info("loaded %s (threshold %.4f)", model_path, threshold)
    return LoadedModel(pipeline, metadata, hashlib.sha256(content).hexdigest()[:12])
    # END SOLUTION


def create_app(model_dir: str | Path | None = None) -> FastAPI:
    """Build the service; the model is loaded when it starts, not when it is built.

    Parameters
    ----------
    model_dir : str or Path, optional
        The model folder. Default: the ``CHURN_MODEL_DIR`` environment variable, else
        `DEFAULT_MODEL_DIR`.

    Returns
    -------
    FastAPI
        With the routes of `router` and `validation_error_handler` for 422 answers. Its
        lifespan calls `load_model` once at start-up and keeps the result on
        ``app.state.model``; a `ModelLoadError` stops the start-up (uvicorn exits with the
        message) instead of serving a broken service.

    Examples
    --------
    >>> from fastapi.testclient import TestClient
    >>> with TestClient(create_app("models")) as client:  # doctest: +SKIP
    ...     client.get("/health").json()["model_loaded"]
    True
    """
    # BEGIN SOLUTION
    folder = Path(model_dir or os.environ.get(MODEL_DIR_VARIABLE) or DEFAULT_MODEL_DIR)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.model = load_model(folder)  # once per process, not once per request
        yield

    app = FastAPI(title="Telco churn", version="1.0",
                  description="Which customers are about to leave, and whom to call.",
                  lifespan=lifespan)
    app.include_router(router)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    return app
    # END SOLUTION


router = APIRouter()

#: What the POST routes answer besides 200, for /docs and the OpenAPI schema: our 422 body
#: (FastAPI would document its own, which `validation_error_handler` replaces), and the 400
#: FastAPI itself sends for a body that is not UTF-8 text.
REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body is not UTF-8 text"},
    422: {"model": ValidationProblem, "description": "Refused: the fields to fix"},
}


def get_model(request: Request) -> LoadedModel:
    """The model the lifespan loaded (a FastAPI dependency: ``Depends(get_model)``)."""
    return request.app.state.model


#: An endpoint parameter typed ``ModelDep`` receives the loaded model.
ModelDep = Annotated[LoadedModel, Depends(get_model)]


@router.post("/predict", response_model=Prediction, responses=REFUSALS)
def predict(customer: Customer, model: ModelDep) -> Prediction:
    """Score one customer: P(churn), the decision at the business threshold, the version.

    The probability is exactly the pipeline's ``predict_proba`` for this customer's row
    (`to_frame`), column 1 (churn = True).
    """
    # BEGIN SOLUTION
    probability = float(model.pipeline.predict_proba(to_frame([customer]))[0, 1])
    return Prediction(customerID=customer.customerID, churn_probability=probability,
                      will_churn=probability >= model.threshold, threshold=model.threshold,
                      model_version=model.version)
    # END SOLUTION


@router.post("/predict/batch", response_model=BatchResponse, responses=REFUSALS)
def predict_batch(batch: BatchRequest, model: ModelDep) -> BatchResponse:
    """Score up to ``MAX_BATCH`` customers in one vectorized call, answers in the same order."""
    # BEGIN SOLUTION
    probabilities = model.pipeline.predict_proba(to_frame(batch.customers))[:, 1]
    predictions = [
        Prediction(customerID=customer.customerID, churn_probability=float(p),
                   will_churn=bool(p >= model.threshold), threshold=model.threshold,
                   model_version=model.version)
        for customer, p in zip(batch.customers, probabilities, strict=True)
    ]
    return BatchResponse(predictions=predictions, model_version=model.version)
    # END SOLUTION


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    """``ok`` with the model's version once it is loaded; ``unavailable`` before."""
    # BEGIN SOLUTION
    model = getattr(request.app.state, "model", None)
    if model is None:
        return Health(status="unavailable", model_loaded=False)
    return Health(status="ok", model_loaded=True, model_version=model.version)
    # END SOLUTION


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Answer a request that fails validation: 422 and one entry per problem.

    Returns
    -------
    JSONResponse
        Status 422 and ``{"detail": "<n> problem(s) in the request",
        "errors": [{"field": ..., "message": ...}, ...]}`` (`schemas.ValidationProblem`).
        ``field`` is where the problem is: ``"tenure"``, ``"customers.3.Contract"``, or
        ``"body"`` when the body is not valid JSON at all. FastAPI's locations start with
        ``"body"``; dropping it reads better (``"body.tenure"`` is accepted too).
        ``message`` is pydantic's explanation. The value sent is not echoed: a NaN cannot be
        written as JSON.
    """
    # BEGIN SOLUTION
    errors = []
    for error in exc.errors():  # type: ignore[attr-defined]
        location = [str(part) for part in error["loc"]]
        if location[:1] == ["body"]:
            location = location[1:]
        if error["type"] == "json_invalid":
            location = []  # the place in the text, not a field
        errors.append({"field": ".".join(location) or "body", "message": error["msg"]})
    return JSONResponse(status_code=422, content={
        "detail": f"{len(errors)} problem(s) in the request", "errors": errors})
    # END SOLUTION


#: What ``uvicorn app:app`` serves. Building it loads nothing: the model waits for start-up.
app = create_app()
