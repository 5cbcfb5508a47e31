import logging
import time
from contextlib import contextmanager

logger = logging.getLogger("telco")


def churn_rate_by(df, column):
    churned = df["Churn"] == "Yes"
    return {str(level): float(rate) for level, rate in churned.groupby(df[column]).mean().items()}


def tenure_band(df):
    def band(months):
        if months <= 12:
            return "0-12"
        if months <= 24:
            return "13-24"
        if months <= 48:
            return "25-48"
        return "49+"

    return df["tenure"].astype(int).apply(band).rename("tenure_band")


@contextmanager
def timed(step):
    start = time.perf_counter()
    try:
        yield
    finally:
        print(f"{step} took {time.perf_counter() - start:.2f} s")


def log_summary(df):
    rate = (df["Churn"] == "Yes").mean()
    print(f"{len(df)} customers, {rate:.1%} churned")
    print("churn by contract:", churn_rate_by(df, "Contract"))
