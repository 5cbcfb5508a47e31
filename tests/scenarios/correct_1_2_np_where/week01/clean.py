# scenario: patch (this case varies 1.2 only; clean() comes from the solution)
import numpy as np
import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = raw["TotalCharges"].str.strip()
    blank = text == ""  # tenure 0: not billed yet
    values = np.where(blank, 0.0, pd.to_numeric(text.mask(blank), errors="coerce"))
    return pd.Series(values, index=raw.index, name="TotalCharges", dtype="float64")
