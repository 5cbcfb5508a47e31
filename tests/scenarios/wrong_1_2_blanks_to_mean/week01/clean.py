import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    charges = pd.to_numeric(raw["TotalCharges"], errors="coerce")
    # impute the few missing totals with the average, the usual trick
    return charges.fillna(charges.mean())
