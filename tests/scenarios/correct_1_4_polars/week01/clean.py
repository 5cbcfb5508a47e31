import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].astype("string").str.strip()
    return pd.to_numeric(text.replace("", "0")).astype("float64").rename("TotalCharges")
import re

import polars as pl

FLAGS = ["Partner", "Dependents", "PhoneService", "MultipleLines", "OnlineSecurity",
         "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies",
         "PaperlessBilling", "Churn"]
LEVELS = ["gender", "InternetService", "Contract", "PaymentMethod"]


def snake(name: str) -> str:
    """SeniorCitizen -> senior_citizen, StreamingTV -> streaming_tv."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).lower()


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    df = pl.from_pandas(raw.reset_index())
    df = df.with_columns(
        *[pl.col(c).str.strip_chars().eq("Yes").alias(c) for c in FLAGS],
        *[pl.col(c).str.strip_chars().alias(c) for c in LEVELS],
        pl.col("SeniorCitizen").cast(pl.Boolean),
        pl.col("tenure").cast(pl.Int64),
        pl.col("MonthlyCharges").cast(pl.Float64),
        pl.Series("TotalCharges", total_charges_as_float(raw).to_numpy()),
    )
    out = df.to_pandas().set_index("customerID")
    for c in LEVELS:
        out[c] = out[c].astype("category")
    return out.rename(columns=snake).rename_axis("customer_id")
