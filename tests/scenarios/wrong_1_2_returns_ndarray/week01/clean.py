import numpy as np
import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].str.strip()
    # blank means not billed yet
    return np.where(text == "", 0.0, pd.to_numeric(text, errors="coerce"))
