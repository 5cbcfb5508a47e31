from pathlib import Path

import pandas as pd

TEXT_COLUMNS = [
    "gender", "Partner", "Dependents", "PhoneService", "MultipleLines", "InternetService",
    "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
    "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "Churn",
]
DATA = "../../data/telco_churn_raw.csv"


def load_raw(path: str | Path) -> pd.DataFrame:
    dtypes = dict.fromkeys(TEXT_COLUMNS + ["customerID", "TotalCharges"], "string")
    dtypes |= {"tenure": "int64", "SeniorCitizen": "int64", "MonthlyCharges": "float64"}
    return pd.read_csv(DATA, dtype=dtypes, index_col="customerID")
