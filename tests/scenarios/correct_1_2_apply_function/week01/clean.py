# scenario: patch (this case varies 1.2 only; clean() comes from the solution)
import pandas as pd


def _money(text: str) -> float:
    text = text.strip()
    if not text:  # a new customer (tenure 0): nothing billed yet
        return 0.0
    return float(text)


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    return raw["TotalCharges"].map(_money).astype("float64")
