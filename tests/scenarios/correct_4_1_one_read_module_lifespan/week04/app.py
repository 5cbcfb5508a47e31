"""(Another correct 4.1: one read of the model file, a module-level lifespan.)

Milestones 4.1-4.4: the churn model as a web service the product team can call.

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
import io
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

from schemas import BatchRequest, BatchResponse, Customer, Health, Prediction, to_frame

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
    model_path = os.path.join(os.fspath(folder), MODEL_FILE)
    metadata_path = os.path.join(os.fspath(folder), METADATA_FILE)
    if not os.path.isdir(folder):
        raise ModelLoadError(f"model folder {folder} does not exist")
    missing = [p for p in (model_path, metadata_path) if not os.path.exists(p)]
    if missing:
        raise ModelLoadError("missing " + " and ".join(missing))
    problem = None
    try:
        with open(model_path, "rb") as handle:
            content = handle.read()
        pipeline = joblib.load(io.BytesIO(content))
        with open(metadata_path, encoding="utf-8") as handle:
            metadata = json.load(handle)
    except Exception as error:  # a corrupt pickle fails in many ways (KeyError, EOFError, ...)
        problem = f"{model_path} or {metadata_path} is unreadable ({error!r})"
    if problem:
        raise ModelLoadError(problem)  # outside the except block: nothing to chain
    if "threshold" not in metadata:
        raise ModelLoadError(f"{metadata_path} has no threshold")
    return LoadedModel(pipeline=pipeline, metadata=metadata,
                       version=hashlib.sha256(content).hexdigest()[:12])


@asynccontextmanager
async def lifespan(application: FastAPI) -> AsyncIterator[None]:
    application.state.model = load_model(application.state.model_dir)
    try:
        yield
    finally:
        application.state.model = None


def create_app(model_dir: str | Path | None = None) -> FastAPI:
    folder = model_dir if model_dir else os.getenv(MODEL_DIR_VARIABLE, str(DEFAULT_MODEL_DIR))
    application = FastAPI(title="Churn", lifespan=lifespan)
    application.state.model_dir = folder
    application.include_router(router)
    application.add_exception_handler(RequestValidationError, validation_error_handler)
    return application


router = APIRouter()


def get_model(request: Request) -> LoadedModel:
    """The model the lifespan loaded (a FastAPI dependency: ``Depends(get_model)``)."""
    return request.app.state.model


#: An endpoint parameter typed ``ModelDep`` receives the loaded model.
ModelDep = Annotated[LoadedModel, Depends(get_model)]


@router.post("/predict", response_model=Prediction)
def predict(customer: Customer, model: ModelDep) -> Prediction:
    """Score one customer: P(churn), the decision at the business threshold, the version.

    The probability is exactly the pipeline's ``predict_proba`` for this customer's row
    (`to_frame`), column 1 (churn = True).
    """
    probability = float(model.pipeline.predict_proba(to_frame([customer]))[0, 1])
    return Prediction(customerID=customer.customerID, churn_probability=probability,
                      will_churn=probability >= model.threshold, threshold=model.threshold,
                      model_version=model.version)


@router.post("/predict/batch", response_model=BatchResponse)
def predict_batch(batch: BatchRequest, model: ModelDep) -> BatchResponse:
    """Score up to ``MAX_BATCH`` customers in one vectorized call, answers in the same order."""
    probabilities = model.pipeline.predict_proba(to_frame(batch.customers))[:, 1]
    predictions = [
        Prediction(customerID=customer.customerID, churn_probability=float(p),
                   will_churn=bool(p >= model.threshold), threshold=model.threshold,
                   model_version=model.version)
        for customer, p in zip(batch.customers, probabilities, strict=True)
    ]
    return BatchResponse(predictions=predictions, model_version=model.version)


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    """``ok`` with the model's version once it is loaded; ``unavailable`` before."""
    model = getattr(request.app.state, "model", None)
    if model is None:
        return Health(status="unavailable", model_loaded=False)
    return Health(status="ok", model_loaded=True, model_version=model.version)


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Answer a request that fails validation: 422 and one entry per problem.

    Returns
    -------
    JSONResponse
        Status 422 and ``{"detail": "<n> problem(s) in the request",
        "errors": [{"field": ..., "message": ...}, ...]}``. ``field`` is where the problem is,
        without FastAPI's ``body`` prefix: ``"tenure"``, ``"customers.3.Contract"``, or
        ``"body"`` when the body is not valid JSON at all. ``message`` is pydantic's
        explanation. The value sent is not echoed: a NaN cannot be written as JSON.
    """
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


#: What ``uvicorn app:app`` serves. Building it loads nothing: the model waits for start-up.
app = create_app()
