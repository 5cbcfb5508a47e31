"""Load with a dtype dict: categories for the text columns, then index by customer."""

from pathlib import Path

import pandas as pd

CATEGORIES = [
    "gender", "Partner", "Dependents", "PhoneService", "MultipleLines", "InternetService",
    "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
    "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "Churn",
]
NUMBERS = {"SeniorCitizen": "int64", "tenure": "int64", "MonthlyCharges": "float64"}


def load_raw(path: str | Path) -> pd.DataFrame:
    dtypes = {name: "category" for name in CATEGORIES}
    dtypes.update(NUMBERS)
    dtypes.update({"customerID": "string", "TotalCharges": "string"})
    raw = pd.read_csv(path, dtype=dtypes)
    return raw.set_index("customerID")
