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
    yield
    logger.info("%s took %.3f s", step, time.perf_counter() - start)


def log_summary(df):
    rate = (df["Churn"] == "Yes").mean()
    logger.info("%d customers, %.1f%% churned", len(df), 100 * rate)
    logger.debug("churn by contract: %s", churn_rate_by(df, "Contract"))
