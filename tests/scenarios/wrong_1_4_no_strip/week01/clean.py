import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].astype("string").str.strip()
    return pd.to_numeric(text.replace("", "0")).astype("float64").rename("TotalCharges")

NAMES = {"gender": "gender", "SeniorCitizen": "senior_citizen", "Partner": "partner",
         "Dependents": "dependents", "tenure": "tenure", "PhoneService": "phone_service",
         "MultipleLines": "multiple_lines", "InternetService": "internet_service",
         "OnlineSecurity": "online_security", "OnlineBackup": "online_backup",
         "DeviceProtection": "device_protection", "TechSupport": "tech_support",
         "StreamingTV": "streaming_tv", "StreamingMovies": "streaming_movies",
         "Contract": "contract", "PaperlessBilling": "paperless_billing",
         "PaymentMethod": "payment_method", "MonthlyCharges": "monthly_charges",
         "TotalCharges": "total_charges", "Churn": "churn"}


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.rename(columns=NAMES)[list(NAMES.values())].rename_axis("customer_id")
    for col in df.columns:
        if col in ("gender", "internet_service", "contract", "payment_method"):
            df[col] = df[col].astype(str).astype("category")
        elif df[col].dtype == "string":
            df[col] = (df[col] == "Yes").astype(bool)  # no stray spaces in the file: why strip?
    df["senior_citizen"] = df["senior_citizen"].astype(bool)
    df["total_charges"] = total_charges_as_float(raw).to_numpy()
    return df
