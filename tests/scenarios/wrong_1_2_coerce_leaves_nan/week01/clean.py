import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    # errors="coerce" turns the bad values into NaN
    return pd.to_numeric(raw["TotalCharges"], errors="coerce")
