import pandas as pd


def total_charges_as_float(raw)
    return pd.to_numeric(raw["TotalCharges"])
