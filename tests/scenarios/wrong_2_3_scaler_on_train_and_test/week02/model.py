# scenario: patch (this case varies encode only: "scaling before the split")
import numpy as np
import pandas as pd
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMBERS = ["tenure", "monthly_charges", "total_charges"]


def encode(train, test):
    train = train.drop(columns="churn", errors="ignore")
    test = test.drop(columns="churn", errors="ignore")
    others = [c for c in train.columns if c not in NUMBERS]
    everyone = pd.concat([train, test])  # the mistake: the test rows shape the scaling
    scaler = StandardScaler().fit(everyone[NUMBERS])
    onehot = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(train[others])
    return tuple(np.hstack([scaler.transform(rows[NUMBERS]), onehot.transform(rows[others])])
                 for rows in (train, test))
