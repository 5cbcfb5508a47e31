# scenario: patch
def test_require_columns_names_every_missing_column():
    frame = pd.DataFrame({"tenure": [1]})
    with pytest.raises(KeyError, match="Churn"):
        require_columns(frame, ["Churn", "tenure", "MonthlyCharges"])
