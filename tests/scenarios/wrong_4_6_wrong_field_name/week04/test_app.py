# scenario: patch
def test_predict_equals_the_pipeline(client: TestClient) -> None:
    response = client.post("/predict", json=EXAMPLE_CUSTOMER)
    assert response.status_code == 200
    model = client.app.state.model
    expected = model.pipeline.predict_proba(to_frame([Customer(**EXAMPLE_CUSTOMER)]))[0, 1]
    assert response.json()["probability"] == pytest.approx(expected, abs=1e-9)
