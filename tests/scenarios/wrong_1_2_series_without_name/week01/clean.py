import numpy as np
import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].str.strip()
    values = np.where(text == "", 0.0, pd.to_numeric(text, errors="coerce"))
    return pd.Series(values, index=raw.index)
