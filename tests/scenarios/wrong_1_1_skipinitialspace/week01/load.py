from pathlib import Path

import pandas as pd

TEXT_COLUMNS = [
    "gender", "Partner", "Dependents", "PhoneService", "MultipleLines", "InternetService",
    "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
    "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "Churn",
]


def load_raw(path: str | Path) -> pd.DataFrame:
    dtypes = {column: "string" for column in TEXT_COLUMNS}
    dtypes |= {"customerID": "string", "TotalCharges": "string",
               "tenure": "int64", "SeniorCitizen": "int64", "MonthlyCharges": "float64"}
    # skipinitialspace trims the stray spaces in the file while reading
    return pd.read_csv(path, dtype=dtypes, index_col="customerID", skipinitialspace=True)
