"""Tests for churnkit.split."""

import numpy as np
import pandas as pd
import pytest

from churnkit.split import describe_split, holdout_split


@pytest.fixture
def customers():
    """200 customers, 50 of them churners, with a non-default index."""
    rng = np.random.default_rng(0)
    churn = np.array([1] * 50 + [0] * 150)
    return pd.DataFrame(
        {"tenure": rng.integers(0, 72, 200), "churn": rng.permutation(churn)},
        index=pd.Index([f"C{i:04d}" for i in range(200)], name="customerID"),
    )


def test_holdout_split_sizes(customers):
    train, test = holdout_split(customers, "churn", test_size=0.2)
    assert (len(train), len(test)) == (160, 40)


def test_holdout_split_draws_each_class_in_proportion(customers):
    _, test = holdout_split(customers, "churn", test_size=0.3)
    # round(0.3 * 50) = 15 churners, round(0.3 * 150) = 45 others.
    assert test["churn"].value_counts().to_dict() == {0: 45, 1: 15}


def test_holdout_split_keeps_the_churn_rate(customers):
    train, test = holdout_split(customers, "churn", test_size=0.2)
    assert train["churn"].mean() == pytest.approx(0.25)
    assert test["churn"].mean() == pytest.approx(0.25)


def test_holdout_split_partitions_the_rows(customers):
    train, test = holdout_split(customers, "churn")
    assert set(train.index).isdisjoint(test.index)
    assert set(train.index) | set(test.index) == set(customers.index)


def test_holdout_split_keeps_columns_index_and_row_order(customers):
    train, test = holdout_split(customers, "churn")
    for part in (train, test):
        assert list(part.columns) == ["tenure", "churn"]
        assert part.index.name == "customerID"
        assert part.index.is_monotonic_increasing
        pd.testing.assert_frame_equal(part, customers.loc[part.index])


def test_holdout_split_string_labels():
    frame = pd.DataFrame({"Churn": ["Yes"] * 10 + ["No"] * 30})
    _, test = holdout_split(frame, "Churn", test_size=0.1)
    assert test["Churn"].value_counts().to_dict() == {"No": 3, "Yes": 1}


def test_holdout_split_names_a_missing_target(customers):
    with pytest.raises(KeyError, match="Churn"):
        holdout_split(customers, "Churn")


@pytest.mark.parametrize("test_size", [0.0, 1.0, -0.2, 1.5])
def test_holdout_split_rejects_test_sizes_outside_zero_one(customers, test_size):
    with pytest.raises(ValueError, match="test_size"):
        holdout_split(customers, "churn", test_size=test_size)


def test_describe_split_counts_and_rates():
    train = pd.DataFrame({"churn": [1, 0, 0, 0]})
    test = pd.DataFrame({"churn": [1]})
    table = describe_split(train, test, "churn")
    assert table.index.tolist() == ["train", "test"]
    assert table.index.name == "part"
    assert table["n_rows"].tolist() == [4, 1]
    assert table["share_of_rows"].tolist() == pytest.approx([0.8, 0.2])
    assert table["positive_share"].tolist() == pytest.approx([0.25, 1.0])


def test_describe_split_names_a_missing_target():
    with pytest.raises(KeyError, match="churn"):
        describe_split(pd.DataFrame({"x": [1]}), pd.DataFrame({"churn": [1]}), "churn")






