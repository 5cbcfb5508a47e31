import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].astype("string").str.strip()
    return pd.to_numeric(text.replace("", "0")).astype("float64").rename("TotalCharges")
import re

YES_NO = ["Partner", "Dependents", "PhoneService", "PaperlessBilling", "Churn"]


def snake(name: str) -> str:
    name = {"customerID": "customer_id", "StreamingTV": "streaming_tv"}.get(name, name)
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.copy()
    df["TotalCharges"] = total_charges_as_float(raw)
    for col in df.columns:
        if df[col].dtype == "string":
            df[col] = df[col].str.strip()
    for col in YES_NO:
        df[col] = df[col].map({"Yes": True, "No": False}).astype(bool)
    df["SeniorCitizen"] = df["SeniorCitizen"].astype(bool)
    # Three answers ("Yes", "No", "No internet service"): a category for each.
    for col in df.columns:
        if df[col].dtype == "string":
            df[col] = df[col].astype("category")
    df.columns = [snake(c) for c in df.columns]
    return df.rename_axis("customer_id")
