import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    return raw["TotalCharges"].astype(float)
