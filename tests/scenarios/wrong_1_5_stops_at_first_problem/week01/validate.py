import pandas as pd


class ValidationError(ValueError):
    pass


COLUMNS = {"gender": "category", "senior_citizen": "bool", "partner": "bool",
           "dependents": "bool", "tenure": "int64", "phone_service": "bool",
           "multiple_lines": "bool", "internet_service": "category",
           "online_security": "bool", "online_backup": "bool", "device_protection": "bool",
           "tech_support": "bool", "streaming_tv": "bool", "streaming_movies": "bool",
           "contract": "category", "paperless_billing": "bool", "payment_method": "category",
           "monthly_charges": "float64", "total_charges": "float64", "churn": "bool"}
LEVELS = {"contract": ["Month-to-month", "One year", "Two year"],
          "internet_service": ["DSL", "Fiber optic", "No"],
          "payment_method": ["Electronic check", "Mailed check", "Bank transfer (automatic)",
                             "Credit card (automatic)"]}


def validate(df: pd.DataFrame) -> pd.DataFrame:
    # Raise as soon as something is wrong: no point looking further.
    if sorted(df.columns) != sorted(COLUMNS):
        raise ValidationError(f"columns: expected {sorted(COLUMNS)}, got {sorted(df.columns)}")
    for col, dtype in COLUMNS.items():
        if str(df[col].dtype) != dtype:
            raise ValidationError(f"{col}: dtype {df[col].dtype}, expected {dtype}")
    for col in df.columns:
        if df[col].isna().any():
            raise ValidationError(f"{col}: {df[col].isna().sum()} missing values")
    if (df["tenure"] < 0).any():
        raise ValidationError("tenure: negative values")
    if not df["monthly_charges"].between(0, 200, inclusive="neither").all():
        raise ValidationError("monthly_charges: out of (0, 200)")
    if (df["total_charges"] < 0).any():
        raise ValidationError("total_charges: negative values")
    for col, levels in LEVELS.items():
        if not df[col].isin(levels).all():
            raise ValidationError(f"{col}: unknown levels")
    if not df.index.is_unique:
        raise ValidationError("index: repeated customer ids")
    return df
