"""A fresh app per test, the expected probability from the model files themselves."""

import os
from pathlib import Path

import joblib
import pytest
from fastapi.testclient import TestClient

from app import create_app
from schemas import EXAMPLE_CUSTOMER, Customer, to_frame

MODEL_DIR = Path(os.environ.get("CHURN_MODEL_DIR", Path(__file__).parent / "models"))


@pytest.fixture
def client():
    with TestClient(create_app(MODEL_DIR)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def pipeline():
    return joblib.load(MODEL_DIR / "churn_model.joblib")


def test_health_is_ok(client):
    response = client.get("/health")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ok"
    assert response.json()["model_loaded"]


@pytest.mark.parametrize("changes", [{}, {"tenure": 72, "Contract": "Two year"},
                                     {"InternetService": "Fiber optic", "MonthlyCharges": 99.5}])
def test_probability_is_the_pipelines(client, pipeline, changes):
    customer = {**EXAMPLE_CUSTOMER, **changes}
    response = client.post("/predict", json=customer)
    assert response.status_code == 200, response.text
    expected = pipeline.predict_proba(to_frame([Customer(**customer)]))[0, 1]
    assert response.json()["churn_probability"] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("bad", [{"tenure": -1}, {"Contract": "Weekly"},
                                 {"SeniorCitizen": "maybe"}])
def test_bad_customer_is_refused(client, bad):
    response = client.post("/predict", json={**EXAMPLE_CUSTOMER, **bad})
    assert response.status_code == 422
    assert list(bad) == [e["field"] for e in response.json()["errors"]]
