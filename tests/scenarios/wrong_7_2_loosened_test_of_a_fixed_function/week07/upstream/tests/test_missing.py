# scenario: patch
def test_missing_report_share_is_count_over_rows(customers):
    report = missing_report(customers)
    assert report["share_missing"].between(0, 1).all()
    assert report.loc["Contract", "share_missing"] == 0.0
