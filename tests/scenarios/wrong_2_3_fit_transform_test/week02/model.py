# scenario: patch (this case varies encode only: fit_transform on both sides)
import numpy as np
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMBERS = ["tenure", "monthly_charges", "total_charges"]


def encode(train, test):
    train = train.drop(columns="churn", errors="ignore")
    test = test.drop(columns="churn", errors="ignore")
    others = [c for c in train.columns if c not in NUMBERS]
    scaler = StandardScaler()
    onehot = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    X_train = np.hstack([scaler.fit_transform(train[NUMBERS]), onehot.fit_transform(train[others])])
    # the mistake: fit again, on the test rows
    X_test = np.hstack([scaler.fit_transform(test[NUMBERS]), onehot.fit_transform(test[others])])
    return X_train, X_test
