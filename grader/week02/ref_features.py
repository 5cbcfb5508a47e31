"""Judge-side facts about week 2's features (2.1) and split (2.2).

Written here from the contract, independently of any solution, so a check never trusts the
code it grades.
"""

from __future__ import annotations

from typing import Any

#: The eight yes/no services (internet_service has levels; churn is not a service).
SERVICE_COLUMNS = ["phone_service", "multiple_lines", "online_security", "online_backup",
                   "device_protection", "tech_support", "streaming_tv", "streaming_movies"]
TENURE_BANDS = ["0-12", "13-24", "25-48", "49+"]
#: The three features every learner builds; other new columns are the learner's own.
REQUIRED = ["tenure_band", "n_services", "charges_per_month"]
#: Tenures on both sides of every band edge, and the ends of the range.
EDGE_TENURES = [0, 1, 12, 13, 24, 25, 48, 49, 72]


def tenure_band(tenure: int) -> str:
    """The band of one tenure, by plain comparisons."""
    if tenure <= 12:
        return "0-12"
    if tenure <= 24:
        return "13-24"
    if tenure <= 48:
        return "25-48"
    return "49+"


def expected_features(customers: Any) -> Any:
    """The three required features of `customers`, one row per customer, in the judge."""
    import numpy as np
    import pandas as pd

    tenure = customers["tenure"].to_numpy()
    billed = tenure > 0
    per_month = customers["monthly_charges"].to_numpy(dtype=float).copy()
    per_month[billed] = customers["total_charges"].to_numpy(dtype=float)[billed] / tenure[billed]
    bands = pd.Categorical([tenure_band(int(t)) for t in tenure], TENURE_BANDS, ordered=True)
    services = np.zeros(len(customers), dtype=np.int64)
    for column in SERVICE_COLUMNS:
        services += customers[column].to_numpy(dtype=bool)
    return pd.DataFrame({"tenure_band": bands, "n_services": services,
                         "charges_per_month": per_month}, index=customers.index)


def with_tenures(customers: Any, tenures: list[int]) -> Any:
    """The first len(tenures) customers with their tenure set to `tenures` (totals to match).

    Real customers, so every other column is realistic; ids say which tenure a row holds.
    """
    rows = customers.head(len(tenures)).copy()
    rows["tenure"] = list(tenures)
    rows["total_charges"] = (rows["monthly_charges"] * rows["tenure"]).round(2)
    rows.index = [f"tenure-{t}" for t in tenures]
    return rows.rename_axis("customer_id")
