from pathlib import Path

import polars as pl

SCHEMA = {"SeniorCitizen": pl.Int64, "tenure": pl.Int64, "MonthlyCharges": pl.Float64,
          "TotalCharges": pl.String}


def load_raw(path: str | Path) -> pl.DataFrame:
    return pl.read_csv(path, schema_overrides=SCHEMA)
