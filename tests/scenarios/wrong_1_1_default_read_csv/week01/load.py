from pathlib import Path

import pandas as pd


def load_raw(path: str | Path) -> pd.DataFrame:
    # read_csv already gets the numbers right, so just load it.
    return pd.read_csv(path)
