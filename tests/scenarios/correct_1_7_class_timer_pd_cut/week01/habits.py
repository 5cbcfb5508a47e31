"""Another style: a class-based timer, pd.cut for the bands, a child logger, f-strings."""

import logging
import time

import numpy as np
import pandas as pd

log = logging.getLogger("telco.habits")  # a child of "telco": its records go there too


def churn_rate_by(df, column):
    levels = df[column].astype(str)
    left = df["Churn"].eq("Yes")
    return {level: float(left[levels == level].mean()) for level in sorted(levels.unique())}


def tenure_band(df):
    tenure = pd.to_numeric(df["tenure"])
    bands = pd.cut(tenure, bins=[-np.inf, 12, 24, 48, np.inf],
                   labels=["0-12", "13-24", "25-48", "49+"])  # right edges included
    return bands.rename("tenure_band")


class timed:  # noqa: N801 - used like a function: `with timed("load"):`
    def __init__(self, step):
        self.step = step

    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __exit__(self, kind, error, tb):
        elapsed = time.monotonic() - self.start
        if kind is not None:
            log.error(f"{self.step} failed after {elapsed:.2f} seconds: {error!r}")
        else:
            log.info(f"step {self.step!r} finished in {elapsed:.2f} seconds")
        return False  # never swallow the exception


def log_summary(df):
    n = len(df)
    rate = (df["Churn"] == "Yes").mean()
    log.info(f"Customers: {n:,} | churn rate: {rate:.2%}")
    for contract, share in churn_rate_by(df, "Contract").items():
        log.debug(f"churn rate for {contract}: {share:.2%}")
