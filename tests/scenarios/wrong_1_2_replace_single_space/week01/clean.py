import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    # the blanks are a single space " " and mean nothing billed yet
    return raw["TotalCharges"].replace(" ", "0").astype(float)
