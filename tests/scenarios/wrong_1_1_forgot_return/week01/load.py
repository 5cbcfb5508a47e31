from pathlib import Path

import pandas as pd

TEXT_COLUMNS = [
    "gender", "Partner", "Dependents", "PhoneService", "MultipleLines", "InternetService",
    "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
    "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "Churn",
]


def load_raw(path: str | Path) -> pd.DataFrame:
    dtypes = dict.fromkeys(TEXT_COLUMNS + ["customerID", "TotalCharges"], "string")
    dtypes |= {"tenure": "int64", "SeniorCitizen": "int64", "MonthlyCharges": "float64"}
    raw = pd.read_csv(path, dtype=dtypes, index_col="customerID")
    print(raw.dtypes)
