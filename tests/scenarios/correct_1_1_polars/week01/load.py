"""Load with polars and an explicit schema, then hand pandas the result."""

from pathlib import Path

import pandas as pd
import polars as pl

SCHEMA = {"SeniorCitizen": pl.Int64, "tenure": pl.Int64, "MonthlyCharges": pl.Float64,
          "TotalCharges": pl.String}


def load_raw(path: str | Path) -> pd.DataFrame:
    frame = pl.read_csv(path, schema_overrides=SCHEMA, infer_schema=False)
    return frame.to_pandas().set_index("customerID")
