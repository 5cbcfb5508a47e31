# scenario: patch (this case varies 1.2 only; clean() comes from the solution)
import numpy as np
import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    charges = raw["TotalCharges"].str.strip().replace("", np.nan).astype(float)
    # the NaNs are customers with tenure 0, nothing billed yet
    return charges.fillna(0.0)
