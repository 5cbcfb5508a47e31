import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    # same "string" dtype as in load.py
    text = raw["TotalCharges"].astype("string").str.strip()
    return pd.to_numeric(text.replace("", "0"))
