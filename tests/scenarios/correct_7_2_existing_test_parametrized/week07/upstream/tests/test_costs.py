# scenario: patch
@pytest.mark.parametrize(("proba", "cost"), [(0.5, 50.0), (0.49, 500.0)])
def test_expected_cost_threshold_is_inclusive(proba, cost):
    # proba == threshold gets an offer: 50, nobody missed; just below it, the churner is lost.
    assert expected_cost([1], [proba], threshold=0.5) == cost
