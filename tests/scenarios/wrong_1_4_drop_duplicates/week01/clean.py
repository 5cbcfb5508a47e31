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
CATEGORIES = ["gender", "internet_service", "contract", "payment_method"]


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw[list(NAMES)].rename(columns=NAMES).rename_axis("customer_id")
    df["total_charges"] = total_charges_as_float(raw).to_numpy()
    for col in df.columns:
        if col in CATEGORIES:
            df[col] = df[col].str.strip().astype("category")
        elif df[col].dtype == "string":
            df[col] = (df[col].str.strip() == "Yes").astype(bool)
    df["senior_citizen"] = df["senior_citizen"] == 1
    # Duplicated rows would bias the model: drop them.
    return df.drop_duplicates()
