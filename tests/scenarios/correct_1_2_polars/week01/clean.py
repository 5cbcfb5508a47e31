# scenario: patch (this case varies 1.2 only; clean() comes from the solution)
import pandas as pd
import polars as pl


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    text = pl.Series("TotalCharges", raw["TotalCharges"].to_list(), dtype=pl.String)
    money = (pl.select(pl.when(text.str.strip_chars() == "").then(0.0)
                       .otherwise(text.str.strip_chars().cast(pl.Float64, strict=False)))
             .to_series())
    return pd.Series(money.to_numpy(), index=raw.index, name="TotalCharges")
