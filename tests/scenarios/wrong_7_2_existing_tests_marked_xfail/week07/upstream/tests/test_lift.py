# scenario: patch
@pytest.mark.xfail(reason="off by a rounding error since the lift fix")
def test_gains_table_cumulative_share_reaches_one():
    table = gains_table(Y, PROBA, groups=5)
    assert table["cumulative_share"].tolist() == pytest.approx([0.6, 1.0, 1.0, 1.0, 1.0])
