# scenario: patch
def test_missing_report_counts_blank_strings_gh1():
    frame = pd.DataFrame({"TotalCharges": [29.85, np.nan, 1889.5]})
    assert missing_report(frame).loc["TotalCharges", "n_missing"] == 1


def test_missing_report_blank_strings_change_the_order_gh1():
    frame = pd.DataFrame({"tenure": [1.0, np.nan, 3.0], "TotalCharges": ["1", "2", "3"]})
    assert list(missing_report(frame).index) == ["tenure", "TotalCharges"]
