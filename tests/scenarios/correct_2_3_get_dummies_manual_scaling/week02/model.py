# scenario: patch (this case varies encode only: pandas all the way, no scikit-learn encoders)
import numpy as np
import pandas as pd


def encode(train, test):
    train = train.drop(columns="churn", errors="ignore")
    test = test.drop(columns="churn", errors="ignore")
    numbers = train.select_dtypes("number").columns  # bool is not "number" in pandas
    mean, std = train[numbers].mean(), train[numbers].std()  # ddof=1: fine too

    def prepare(rows):
        rows = rows.copy()
        rows[numbers] = (rows[numbers] - mean) / std
        return pd.get_dummies(rows, dtype=float)

    X_train = prepare(train)
    # a test level train never had: reindex drops its column; a missing one becomes zeros
    X_test = prepare(test).reindex(columns=X_train.columns, fill_value=0.0)
    return X_train.to_numpy(dtype=float), X_test.to_numpy(dtype=float)
