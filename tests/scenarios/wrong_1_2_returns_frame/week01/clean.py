import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.DataFrame:
    raw = raw.copy()
    raw["TotalCharges"] = pd.to_numeric(raw["TotalCharges"].str.strip().replace("", "0"))
    return raw
