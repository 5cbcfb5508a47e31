import pandas as pd


class ValidationError(ValueError):
    pass


KINDS = {"bool": ["senior_citizen", "partner", "dependents", "phone_service", "multiple_lines",
                  "online_security", "online_backup", "device_protection", "tech_support",
                  "streaming_tv", "streaming_movies", "paperless_billing", "churn"],
         "int64": ["tenure"], "float64": ["monthly_charges", "total_charges"],
         "category": ["gender", "internet_service", "contract", "payment_method"]}
COLUMNS = [c for names in KINDS.values() for c in names]
LEVELS = {"contract": ["Month-to-month", "One year", "Two year"],
          "internet_service": ["DSL", "Fiber optic", "No"],
          "payment_method": ["Electronic check", "Mailed check", "Bank transfer (automatic)",
                             "Credit card (automatic)"]}


def validate(df: pd.DataFrame) -> pd.DataFrame:
    problems = []
    missing = sorted(set(COLUMNS) - set(df.columns))
    if missing:
        problems.append(f"missing columns: {missing}")
    for col in df.columns:
        if df[col].isna().any():
            problems.append(f"{col}: {df[col].isna().sum()} missing values")
    if "tenure" in df.columns and (df["tenure"] < 0).any():
        problems.append(f"tenure: {(df['tenure'] < 0).sum()} negative")
    if "monthly_charges" in df.columns:
        bad = ~df["monthly_charges"].between(0, 200, inclusive="neither")
        if bad.any():
            problems.append(f"monthly_charges: {bad.sum()} outside (0, 200)")
    if "total_charges" in df.columns and (df["total_charges"] < 0).any():
        problems.append("total_charges: negative")
    for col, levels in LEVELS.items():
        if col in df.columns and not df[col].isin(levels).all():
            problems.append(f"{col}: unknown levels {set(df[col]) - set(levels)}")
    if not df.index.is_unique:
        problems.append("index: repeated customer ids")
    if problems:
        raise ValidationError("\n".join(problems))
    return df
