# scenario: patch
@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """TestClient without `with`: the lifespan never runs, so no model is loaded."""
    return TestClient(create_app())
