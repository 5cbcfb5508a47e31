# scenario: patch (the probability typed in from a local run instead of the loaded pipeline's)
def test_predict_equals_the_pipeline(client: TestClient) -> None:
    response = client.post("/predict", json=EXAMPLE_CUSTOMER)
    assert response.status_code == 200
    assert response.json()["churn_probability"] == pytest.approx(0.6092075467195769, abs=1e-9)
