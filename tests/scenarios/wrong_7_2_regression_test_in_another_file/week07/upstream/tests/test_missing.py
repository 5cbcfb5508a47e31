# scenario: patch
from churnkit.lift import lift_at


def test_lift_at_takes_the_highest_probabilities_gh2():
    y = [1, 0, 0, 1, 0, 0, 1, 0, 0, 0]
    proba = [0.91, 0.12, 0.33, 0.85, 0.05, 0.41, 0.78, 0.22, 0.18, 0.09]
    assert lift_at(y, proba, fraction=0.2) == pytest.approx(1.0 / 0.3)
