# Starter generated from solutions/week08/portfolio/app.py by `make starters`.
# This file is yours: edit it.
"""Milestone 8.2: the churn model as a small web service anyone can start from the README.

    uvicorn app:app --port 8000            # from this folder; then http://localhost:8000/docs

``GET /health`` says the service is up with its model; ``POST /predict`` takes
``{"customers": [...]}``, each customer in the cleaned table's column names, and answers
``{"churn_probability": [...]}`` in the same order. Which model: ``churn_model.joblib`` in the
folder named by the ``MODEL_DIR`` environment variable, else in ``models/`` next to this file,
where ``python train.py`` writes it.

Bad input never reaches the model: pydantic checks every customer and FastAPI answers 422 with
the fields to fix. Week 4's service does more (batches, thresholds, versions, Docker); this
one is what a portfolio needs: short enough to read in a minute, strict where it matters.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import joblib
import pandas as pd
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

log = logging.getLogger("portfolio.app")

#: The environment variable that names the model folder.
MODEL_DIR_VARIABLE = "MODEL_DIR"
#: Where ``python train.py`` saves the model: ``models/`` next to this file.
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = "churn_model.joblib"
#: The most customers one request may hold: bounds the memory and time of a single call.
MAX_CUSTOMERS = 1000

#: A real customer from the test set (1601-VEELY: the model never saw her; she left).
EXAMPLE_CUSTOMER = {
    "gender": "Female", "senior_citizen": False, "partner": False, "dependents": False,
    "tenure": 1, "phone_service": True, "multiple_lines": False,
    "internet_service": "Fiber optic", "online_security": False, "online_backup": False,
    "device_protection": False, "tech_support": False, "streaming_tv": True,
    "streaming_movies": True, "contract": "Month-to-month", "paperless_billing": False,
    "payment_method": "Electronic check", "monthly_charges": 90.55, "total_charges": 90.55,
}  # fmt: skip


def json_number(value: object) -> object:
    """Refuse ``true`` and ``"3"`` where a number belongs: pydantic would read 1 and 3."""
    if isinstance(value, bool | str):
        raise ValueError(f"Input should be a number, not {type(value).__name__}")
    return value


#: Whole months as a customer (3.0 is fine, 3.5 is not); over 100 years is a typo.
Months = Annotated[int, BeforeValidator(json_number), Field(ge=0, le=1200)]
#: A dollar amount: never negative, NaN or infinite.
Money = Annotated[float, BeforeValidator(json_number), Field(ge=0, allow_inf_nan=False)]


class ModelMissingError(RuntimeError):
    """No model to serve; the message names the file and how to make it."""


class Customer(BaseModel):
    """One customer, in the cleaned table's column names and types (week 1's cleaning).

    Text columns take only the levels the training data has (``Literal``); yes/no columns are
    JSON ``true``/``false`` (``"Yes"`` or ``1`` is refused: the table holds bools); numbers are
    JSON numbers in sensible ranges (`Months`, `Money`). Unknown fields are refused
    (``extra="forbid"``): a typo such as ``"Tenure"`` must not go unseen.
    ``customer_id`` is optional and only there so a client can send rows as they are stored.
    """

    pass  # Milestone 8.2: write Customer's body


class PredictRequest(BaseModel):
    """The customers to score: 1 to `MAX_CUSTOMERS` of them."""

    pass  # Milestone 8.2: write PredictRequest's body


class PredictResponse(BaseModel):
    """One probability of churning per customer, in the order they were sent."""

    churn_probability: list[Annotated[float, Field(ge=0, le=1)]]


class Health(BaseModel):
    """What a load balancer (or the grader) asks before sending work."""

    status: Literal["ok"]
    model_loaded: bool


def load_model(folder: str | Path) -> Any:
    """Load the fitted pipeline ``python train.py`` saved in `folder`.

    Raises
    ------
    ModelMissingError
        When the file is missing or unreadable, naming it and saying "run python train.py
        first"; raised ``from None``, so uvicorn's log shows one clear line to act on.
    """
    raise NotImplementedError("Milestone 8.2: write load_model")


def create_app(model_dir: str | Path | None = None) -> FastAPI:
    """Build the service; its model is loaded once, when it starts.

    Parameters
    ----------
    model_dir : str or Path, optional
        The model folder. Default: the ``MODEL_DIR`` environment variable, else
        `DEFAULT_MODEL_DIR`.

    Returns
    -------
    FastAPI
        ``GET /health`` and ``POST /predict``. A missing model stops the start-up with
        `ModelMissingError` instead of serving errors to every caller.
    """
    raise NotImplementedError("Milestone 8.2: write create_app")


app = create_app()
