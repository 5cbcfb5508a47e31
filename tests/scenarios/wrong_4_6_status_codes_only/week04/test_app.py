"""Tests that look at status codes only: a wrong probability still answers 200."""

import pytest
from fastapi.testclient import TestClient

from app import create_app
from schemas import EXAMPLE_CUSTOMER


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as test_client:
        yield test_client


def test_health(client):
    assert client.get("/health").status_code == 200


def test_predict(client):
    response = client.post("/predict", json=EXAMPLE_CUSTOMER)
    assert response.status_code == 200
    assert 0 <= response.json()["churn_probability"] <= 1


def test_batch(client):
    response = client.post("/predict/batch", json={"customers": [EXAMPLE_CUSTOMER]})
    assert response.status_code == 200


def test_negative_tenure(client):
    assert client.post("/predict", json={**EXAMPLE_CUSTOMER, "tenure": -1}).status_code == 422
