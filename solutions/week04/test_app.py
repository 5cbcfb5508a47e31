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
    # BEGIN SOLUTION 4.6
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["model_loaded"] is True
    assert response.json()["model_version"] == client.app.state.model.version
    # END SOLUTION


def test_predict_equals_the_pipeline(client: TestClient) -> None:
    # BEGIN SOLUTION 4.6
    response = client.post("/predict", json=EXAMPLE_CUSTOMER)
    assert response.status_code == 200
    model = client.app.state.model
    expected = model.pipeline.predict_proba(to_frame([Customer(**EXAMPLE_CUSTOMER)]))[0, 1]
    body = response.json()
    assert body["churn_probability"] == pytest.approx(expected, abs=1e-9)
    assert body["will_churn"] == (expected >= model.threshold)
    # END SOLUTION


def test_batch_answers_in_order(client: TestClient) -> None:
    # BEGIN SOLUTION 4.6
    loyal = {**EXAMPLE_CUSTOMER, "customerID": "loyal", "tenure": 72, "Contract": "Two year"}
    response = client.post("/predict/batch", json={"customers": [EXAMPLE_CUSTOMER, loyal]})
    assert response.status_code == 200
    ids = [p["customerID"] for p in response.json()["predictions"]]
    assert ids == [EXAMPLE_CUSTOMER["customerID"], "loyal"]
    # END SOLUTION


@pytest.mark.parametrize(("field", "value"), [
    ("tenure", -1), ("Contract", "Weekly"), ("MonthlyCharges", "a lot"), ("Tenure", 3),
])
def test_bad_field_is_a_422_naming_it(client: TestClient, field: str, value: object) -> None:
    # BEGIN SOLUTION 4.6
    response = client.post("/predict", json={**EXAMPLE_CUSTOMER, field: value})
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    # END SOLUTION


def test_empty_batch_is_a_422(client: TestClient) -> None:
    # BEGIN SOLUTION 4.6
    assert client.post("/predict/batch", json={"customers": []}).status_code == 422
    # END SOLUTION
