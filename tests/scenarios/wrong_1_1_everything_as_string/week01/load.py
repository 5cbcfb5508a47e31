from pathlib import Path

import pandas as pd


def load_raw(path: str | Path) -> pd.DataFrame:
    # Explicit dtypes: read everything as text so pandas guesses nothing.
    return pd.read_csv(path, dtype="string", index_col="customerID")
