"""Tests that call every endpoint and assert nothing: they pass whatever the app answers."""

import pytest
from fastapi.testclient import TestClient

from app import create_app
from schemas import EXAMPLE_CUSTOMER


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as test_client:
        yield test_client


def test_health(client):
    client.get("/health")


def test_predict(client):
    client.post("/predict", json=EXAMPLE_CUSTOMER)


def test_batch(client):
    client.post("/predict/batch", json={"customers": [EXAMPLE_CUSTOMER]})


def test_bad_tenure(client):
    client.post("/predict", json={**EXAMPLE_CUSTOMER, "tenure": -1})
