import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].astype("string").str.strip()
    return pd.to_numeric(text.replace("", "0")).astype("float64").rename("TotalCharges")

ANSWERS = {"Yes": True, "No": False, "No phone service": False, "No internet service": False}


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    # Keeps IBM's column names: everyone on the team knows them already.
    df = raw.copy()
    for col in ["Partner", "Dependents", "PhoneService", "MultipleLines", "OnlineSecurity",
                "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
                "StreamingMovies", "PaperlessBilling", "Churn"]:
        df[col] = df[col].str.strip().map(ANSWERS).astype(bool)
    df["SeniorCitizen"] = df["SeniorCitizen"] == 1
    for col in ["gender", "InternetService", "Contract", "PaymentMethod"]:
        df[col] = df[col].str.strip().astype("category")
    df["TotalCharges"] = total_charges_as_float(raw)
    return df.rename_axis("customer_id")
