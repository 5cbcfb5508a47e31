# scenario: patch
def test_lift_at_takes_the_highest_probabilities_gh2():
    assert lift_at(Y, PROBA, fraction=0.2) == pytest.approx(3.0)
