"""Judge-side facts about the raw Telco file that week 1's checks compare against.

Computed here from the raw text, independently of any solution, so a check never trusts the
code it grades.
"""

from __future__ import annotations

from typing import Any

TEXT_COLUMNS = ("gender", "Partner", "Dependents", "PhoneService", "MultipleLines",
                "InternetService", "OnlineSecurity", "OnlineBackup", "DeviceProtection",
                "TechSupport", "StreamingTV", "StreamingMovies", "Contract",
                "PaperlessBilling", "PaymentMethod", "Churn")
#: dtypes a careful loader may choose for each column (1.1).
LOAD_DTYPES: dict[str, tuple[str, ...]] = {
    **{c: ("string", "str", "category") for c in TEXT_COLUMNS},
    "TotalCharges": ("string", "str"),
    "tenure": ("int64", "Int64"),
    "SeniorCitizen": ("int64", "Int64"),
    "MonthlyCharges": ("float64", "Float64"),
}


def indexed(raw_text: Any) -> Any:
    """The raw text table indexed by customerID, with tenure as numbers (input for 1.2)."""
    frame = raw_text.set_index("customerID")
    return frame.astype({"tenure": "int64"})


def total_charges(raw_text: Any) -> Any:
    """TotalCharges as money: blanks (tenure 0, not billed yet) are 0.0."""
    import pandas as pd

    text = raw_text.set_index("customerID")["TotalCharges"].str.strip()
    return pd.to_numeric(text.where(text != "", "0")).astype("float64").rename("TotalCharges")


def duplicated_customers(raw_text: Any) -> int:
    """Rows identical to an earlier one in every column but the id: different customers."""
    return int(raw_text.drop(columns="customerID").duplicated().sum())


def without_blanks(raw_text: Any) -> bytes:
    """The raw CSV without the tenure-0 rows, written as IBM writes it: no blank TotalCharges."""
    billed = raw_text[raw_text["TotalCharges"].str.strip() != ""]
    return billed.to_csv(index=False, lineterminator="\n").encode()
