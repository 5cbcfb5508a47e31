from pathlib import Path

import pandas as pd


def load_raw(path: str | Path) -> pd.DataFrame:
    # nullable dtypes everywhere; anything not listed is text
    header = pd.read_csv(path, nrows=0).columns
    dtypes = dict.fromkeys(header, "string")
    dtypes.update(SeniorCitizen="Int64", tenure="Int64", MonthlyCharges="Float64")
    return pd.read_csv(path, dtype=dtypes, index_col=0)
