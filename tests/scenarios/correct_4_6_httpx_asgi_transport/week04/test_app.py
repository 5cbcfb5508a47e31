"""Async tests: httpx.AsyncClient over ASGITransport, the lifespan entered by hand."""

import httpx
import pytest

from app import create_app
from schemas import EXAMPLE_CUSTOMER, Customer, to_frame


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def service():
    app = create_app()
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client, app.state.model


@pytest.mark.anyio
async def test_health(service):
    client, model = service
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model_loaded": True,
                               "model_version": model.version}


@pytest.mark.anyio
async def test_predict(service):
    client, model = service
    response = await client.post("/predict", json=EXAMPLE_CUSTOMER)
    assert response.status_code == 200
    expected = model.pipeline.predict_proba(to_frame([Customer(**EXAMPLE_CUSTOMER)]))[0, 1]
    assert abs(response.json()["churn_probability"] - expected) <= 1e-9


@pytest.mark.anyio
async def test_unknown_level(service):
    client, _ = service
    response = await client.post("/predict", json={**EXAMPLE_CUSTOMER, "Contract": "Weekly"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Contract"
