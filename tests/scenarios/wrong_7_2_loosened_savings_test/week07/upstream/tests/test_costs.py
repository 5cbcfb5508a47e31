# scenario: patch
def test_savings_against_no_offer():
    assert savings([1, 1, 0], [0.9, 0.2, 0.6], threshold=0.5) != 0.0
