import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].astype("string").str.strip()
    return pd.to_numeric(text.replace("", "0")).astype("float64").rename("TotalCharges")

RENAME = {"customerID": "customer_id", "gender": "gender", "SeniorCitizen": "senior_citizen",
          "Partner": "partner", "Dependents": "dependents", "tenure": "tenure",
          "PhoneService": "phone_service", "MultipleLines": "multiple_lines",
          "InternetService": "internet_service", "OnlineSecurity": "online_security",
          "OnlineBackup": "online_backup", "DeviceProtection": "device_protection",
          "TechSupport": "tech_support", "StreamingTV": "streaming_tv",
          "StreamingMovies": "streaming_movies", "Contract": "contract",
          "PaperlessBilling": "paperless_billing", "PaymentMethod": "payment_method",
          "MonthlyCharges": "monthly_charges", "TotalCharges": "total_charges", "Churn": "churn"}
YES_NO = {"Yes": True, "No": False, "No phone service": False, "No internet service": False}
LEVEL_COLUMNS = ["gender", "internet_service", "contract", "payment_method"]


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    money = total_charges_as_float(raw)
    text = raw.select_dtypes(include=["string", "object"]).drop(columns="TotalCharges")
    text = text.apply(lambda s: s.str.strip())
    flags = [c for c in text.columns if c not in ("gender", "InternetService", "Contract",
                                                   "PaymentMethod")]
    out = raw.copy()
    out[flags] = text[flags].replace(YES_NO)
    out = out.astype({c: "bool" for c in flags} | {"SeniorCitizen": "bool"})
    out = out.assign(TotalCharges=money)
    out.index.name = "customerID"
    out = out.reset_index().rename(columns=RENAME).set_index("customer_id")
    for c in LEVEL_COLUMNS:
        out[c] = pd.Categorical(out[c].astype(str).str.strip())
    return out[[c for c in RENAME.values() if c != "customer_id"]]
