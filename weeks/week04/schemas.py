# Starter generated from solutions/week04/schemas.py by `make starters`.
# This file is yours: edit it.
"""Milestones 4.2-4.4: what a customer looks like on the wire, and what the service answers.

The product team's systems speak IBM's language: ``"Fiber optic"``, ``"No internet service"``,
``SeniorCitizen`` as 0 or 1, CamelCase names. The pipeline of week 3 speaks week 1's cleaned
language: snake_case names, True/False flags. This module is the border between the two.

A pydantic model is a contract the whole service enforces for free: FastAPI validates every
request against it (a bad field never reaches the model), documents it in the OpenAPI schema
at ``/docs``, and shows the example there for anyone to try.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator

#: The most customers one batch call may score: bounded, so one request cannot eat the memory
#: of the service (7,043 customers fit in 8 calls).
MAX_BATCH = 1000

#: IBM's field name -> week 1's cleaned column name (the pipeline's input).
CLEAN_NAMES = {
    "gender": "gender", "SeniorCitizen": "senior_citizen", "Partner": "partner",
    "Dependents": "dependents", "tenure": "tenure", "PhoneService": "phone_service",
    "MultipleLines": "multiple_lines", "InternetService": "internet_service",
    "OnlineSecurity": "online_security", "OnlineBackup": "online_backup",
    "DeviceProtection": "device_protection", "TechSupport": "tech_support",
    "StreamingTV": "streaming_tv", "StreamingMovies": "streaming_movies",
    "Contract": "contract", "PaperlessBilling": "paperless_billing",
    "PaymentMethod": "payment_method", "MonthlyCharges": "monthly_charges",
    "TotalCharges": "total_charges",
}  # fmt: skip

#: One real customer (the first row of data/telco_churn_raw.csv), as a client sends it.
EXAMPLE_CUSTOMER = {
    "customerID": "5310-FEGMO", "gender": "Female", "SeniorCitizen": 0, "Partner": "Yes",
    "Dependents": "No", "tenure": 1, "PhoneService": "No", "MultipleLines": "No phone service",
    "InternetService": "DSL", "OnlineSecurity": "No", "OnlineBackup": "Yes",
    "DeviceProtection": "No", "TechSupport": "No", "StreamingTV": "No", "StreamingMovies": "No",
    "Contract": "Month-to-month", "PaperlessBilling": "Yes", "PaymentMethod": "Electronic check",
    "MonthlyCharges": 29.85, "TotalCharges": 29.85,
}  # fmt: skip

YesNo = Literal["Yes", "No"]
#: An internet add-on: IBM writes "No internet service" for customers without internet.
AddOn = Literal["Yes", "No", "No internet service"]


class Customer(BaseModel):
    """One customer, in IBM's field names and types.

    Every field is required except ``customerID`` (echoed back when given). Text fields take
    only the levels IBM's file uses (``Literal``), so ``"yes"`` or ``"Weekly"`` is refused.
    Numbers are JSON numbers (``true`` or ``"3"`` is refused) and bounded: ``tenure`` is whole
    months from 0 to 1200 (a hundred years: more is a typo, and a huge number would overflow
    the pipeline's int64 column); ``MonthlyCharges`` and ``TotalCharges`` are finite amounts
    from 0 (a new customer, never billed, sends 0). NaN and infinity are refused
    (``allow_inf_nan=False``): JSON parsers accept them, the pipeline must not. Unknown
    fields are refused (``extra="forbid"``): a typo such as ``"Tenure"`` must not silently
    become a missing value. The OpenAPI schema carries `EXAMPLE_CUSTOMER`.
    """

    pass  # Milestone 4.2: write Customer's body


class Prediction(BaseModel):
    """The answer for one customer."""

    customerID: str | None = None  # echoed from the request
    churn_probability: float = Field(ge=0, le=1, description="P(churn), the pipeline's")
    will_churn: bool = Field(description="churn_probability >= threshold: call this customer")
    threshold: float = Field(description="the business threshold of week 2, from the metadata")
    model_version: str = Field(description="first 12 hex digits of the model file's SHA-256")


class Problem(BaseModel):
    """One thing to fix in a refused request."""

    field: str = Field(description='where: "tenure", "customers.3.Contract", or "body"')
    message: str = Field(description="what is wrong, in pydantic's words")


class ValidationProblem(BaseModel):
    """The 422 answer: the request was refused before it reached the model."""

    detail: str = Field(description='"<n> problem(s) in the request"')
    errors: list[Problem]


class BatchRequest(BaseModel):
    """Up to `MAX_BATCH` customers scored in one call; an empty list is refused."""

    pass  # Milestone 4.3: write BatchRequest's body


class BatchResponse(BaseModel):
    """One `Prediction` per customer, in the order they were sent."""

    predictions: list[Prediction]
    model_version: str


class Health(BaseModel):
    """What a load balancer or ``docker ps`` asks every few seconds."""

    status: Literal["ok", "unavailable"]
    model_loaded: bool
    model_version: str | None = None


def to_frame(customers: Sequence[Customer]) -> pd.DataFrame:
    """The customers as week 1's cleaned columns: the table the pipeline was trained on.

    Parameters
    ----------
    customers : sequence of Customer
        Validated customers, in IBM's names and levels.

    Returns
    -------
    DataFrame
        One row per customer, in order, with the 19 columns of `CLEAN_NAMES`' values (no
        churn, no id). As in week 1: yes/no answers and ``SeniorCitizen`` become bool (``"No
        phone service"`` and ``"No internet service"`` are a plain no); gender,
        internet_service, contract and payment_method stay text; tenure is int; the charges
        are float.

    Examples
    --------
    >>> to_frame([Customer(**EXAMPLE_CUSTOMER)])[["senior_citizen", "multiple_lines"]]
       senior_citizen  multiple_lines
    0           False           False
    """
    raise NotImplementedError("Milestone 4.2: write to_frame")
