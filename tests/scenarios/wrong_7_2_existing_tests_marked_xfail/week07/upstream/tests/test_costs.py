# scenario: patch
@pytest.mark.xfail(reason="threshold semantics under discussion")
def test_expected_cost_threshold_is_inclusive():
    # proba == threshold gets an offer: 50, nobody missed.
    assert expected_cost([1], [0.5], threshold=0.5) == 50.0
