import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    charges = raw["TotalCharges"]
    # the blank ones have no total: leave them out
    charges = charges[charges.str.strip() != ""]
    return charges.astype(float)
