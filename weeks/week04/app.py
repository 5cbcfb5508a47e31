# Starter generated from solutions/week04/app.py by `make starters`. This file is yours: edit it.
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
    raise NotImplementedError("Milestone 4.1: write load_model")


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
    raise NotImplementedError("Milestone 4.1: write create_app")


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
    raise NotImplementedError("Milestone 4.2: write predict")


@router.post("/predict/batch", response_model=BatchResponse, responses=REFUSALS)
def predict_batch(batch: BatchRequest, model: ModelDep) -> BatchResponse:
    """Score up to ``MAX_BATCH`` customers in one vectorized call, answers in the same order."""
    raise NotImplementedError("Milestone 4.3: write predict_batch")


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    """``ok`` with the model's version once it is loaded; ``unavailable`` before."""
    raise NotImplementedError("Milestone 4.3: write health")


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
    raise NotImplementedError("Milestone 4.4: write validation_error_handler")


#: What ``uvicorn app:app`` serves. Building it loads nothing: the model waits for start-up.
app = create_app()
