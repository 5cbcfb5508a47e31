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

# The levels, written out once: a typo in the data can't sneak in a new one.
LEVELS = {"gender": ["Female", "Male"], "internet_service": ["DSL", "Fiber optic", "No"],
          "contract": ["Month-to-month", "One year", "Two year"],
          "payment_method": ["Bank transfer (automatic)", "Credit card (automatic)",
                             "Electronic check", "Mailed check"]}


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.rename(columns=NAMES)[list(NAMES.values())].rename_axis("customer_id")
    for col in df.columns:
        if df[col].dtype == "string":
            df[col] = df[col].str.strip()
    for col in df.columns:
        if col in LEVELS:
            df[col] = pd.Categorical(df[col], categories=LEVELS[col])
        elif df[col].dtype == "string":
            df[col] = (df[col] == "Yes").astype(bool)
    df["senior_citizen"] = df["senior_citizen"].astype(bool)
    df["total_charges"] = total_charges_as_float(raw).to_numpy()
    return df
