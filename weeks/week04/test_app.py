# Starter generated from solutions/week04/test_app.py by `make starters`.
# This file is yours: edit it.
"""Milestone 4.6: tests that would catch a broken service before a customer does.

    python -m pytest test_app.py        # in weeks/week04, with a model in models/

``with TestClient(create_app())`` runs the app's lifespan, so the model is loaded exactly as
under uvicorn, and no port or server is needed. The grader runs these tests against your app
(they must pass) and against deliberately broken copies of it (each must make a test fail).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app import create_app
from schemas import EXAMPLE_CUSTOMER, Customer, to_frame


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """One app for the module: the model is loaded once, as in production."""
    with TestClient(create_app()) as test_client:
        yield test_client


def test_health_reports_the_loaded_model(client: TestClient) -> None:
    raise NotImplementedError("Milestone 4.6: write test_health_reports_the_loaded_model")


def test_predict_equals_the_pipeline(client: TestClient) -> None:
    raise NotImplementedError("Milestone 4.6: write test_predict_equals_the_pipeline")


def test_batch_answers_in_order(client: TestClient) -> None:
    raise NotImplementedError("Milestone 4.6: write test_batch_answers_in_order")


@pytest.mark.parametrize(("field", "value"), [
    ("tenure", -1), ("Contract", "Weekly"), ("MonthlyCharges", "a lot"), ("Tenure", 3),
])
def test_bad_field_is_a_422_naming_it(client: TestClient, field: str, value: object) -> None:
    raise NotImplementedError("Milestone 4.6: write test_bad_field_is_a_422_naming_it")


def test_empty_batch_is_a_422(client: TestClient) -> None:
    raise NotImplementedError("Milestone 4.6: write test_empty_batch_is_a_422")
