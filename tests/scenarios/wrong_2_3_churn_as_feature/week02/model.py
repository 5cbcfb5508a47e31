# scenario: patch (this case varies encode only: churn, a bool column, encoded like the others)
import numpy as np
import pandas as pd
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def encode(train, test):
    numbers = [c for c in train.columns if pd.api.types.is_numeric_dtype(train[c])
               and not pd.api.types.is_bool_dtype(train[c])]
    flags = [c for c in train.columns if pd.api.types.is_bool_dtype(train[c])]
    levels = [c for c in train.columns if c not in numbers + flags]
    scaler = StandardScaler().fit(train[numbers])
    onehot = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(train[levels])
    return tuple(np.hstack([scaler.transform(rows[numbers]), rows[flags].to_numpy(float),
                            onehot.transform(rows[levels])]) for rows in (train, test))
