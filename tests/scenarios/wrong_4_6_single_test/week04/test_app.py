"""One test: a good one, but a service has more than one way to break."""

from fastapi.testclient import TestClient

from app import create_app
from schemas import EXAMPLE_CUSTOMER, Customer, to_frame


def test_predict_equals_the_pipeline():
    with TestClient(create_app()) as client:
        response = client.post("/predict", json=EXAMPLE_CUSTOMER)
        assert response.status_code == 200
        model = client.app.state.model
        expected = model.pipeline.predict_proba(to_frame([Customer(**EXAMPLE_CUSTOMER)]))[0, 1]
        assert abs(response.json()["churn_probability"] - expected) < 1e-9
