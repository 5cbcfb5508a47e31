# scenario: patch
def test_columns_above_is_strict(customers):
    report = missing_report(customers)
    assert "MonthlyCharges" in columns_above(report, max_share=0.2)
