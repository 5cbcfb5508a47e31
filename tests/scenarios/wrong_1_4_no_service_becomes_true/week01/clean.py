import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].astype("string").str.strip()
    return pd.to_numeric(text.replace("", "0")).astype("float64").rename("TotalCharges")

COLUMNS = {"gender": "gender", "SeniorCitizen": "senior_citizen", "Partner": "partner",
           "Dependents": "dependents", "tenure": "tenure", "PhoneService": "phone_service",
           "MultipleLines": "multiple_lines", "InternetService": "internet_service",
           "OnlineSecurity": "online_security", "OnlineBackup": "online_backup",
           "DeviceProtection": "device_protection", "TechSupport": "tech_support",
           "StreamingTV": "streaming_tv", "StreamingMovies": "streaming_movies",
           "Contract": "contract", "PaperlessBilling": "paperless_billing",
           "PaymentMethod": "payment_method", "MonthlyCharges": "monthly_charges",
           "TotalCharges": "total_charges", "Churn": "churn"}
BOOL = ["partner", "dependents", "phone_service", "multiple_lines", "online_security",
        "online_backup", "device_protection", "tech_support", "streaming_tv",
        "streaming_movies", "paperless_billing", "churn"]


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.rename(columns=COLUMNS)[list(COLUMNS.values())].rename_axis("customer_id")
    for col in BOOL:
        # replace leaves "No internet service" as it is, and bool("No internet service") is True.
        df[col] = df[col].str.strip().replace({"Yes": True, "No": False}).astype(bool)
    df["senior_citizen"] = df["senior_citizen"].astype(bool)
    for col in ["gender", "internet_service", "contract", "payment_method"]:
        df[col] = df[col].str.strip().astype(str).astype("category")
    df["total_charges"] = total_charges_as_float(raw).to_numpy()
    return df
