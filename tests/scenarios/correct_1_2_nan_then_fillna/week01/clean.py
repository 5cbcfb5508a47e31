import numpy as np
import pandas as pd


def total_charges_as_float(raw: pd.DataFrame) -> pd.Series:
    charges = raw["TotalCharges"].str.strip().replace("", np.nan).astype(float)
    # the NaNs are customers with tenure 0, nothing billed yet
    return charges.fillna(0.0)


# Milestone 1.4, as in the reference solution: this case varies 1.2 only.
COLUMN_NAMES = {
    "gender": "gender", "SeniorCitizen": "senior_citizen", "Partner": "partner",
    "Dependents": "dependents", "tenure": "tenure", "PhoneService": "phone_service",
    "MultipleLines": "multiple_lines", "InternetService": "internet_service",
    "OnlineSecurity": "online_security", "OnlineBackup": "online_backup",
    "DeviceProtection": "device_protection", "TechSupport": "tech_support",
    "StreamingTV": "streaming_tv", "StreamingMovies": "streaming_movies",
    "Contract": "contract", "PaperlessBilling": "paperless_billing",
    "PaymentMethod": "payment_method", "MonthlyCharges": "monthly_charges",
    "TotalCharges": "total_charges", "Churn": "churn",
}
#: Columns that answer yes or no. "No phone service" and "No internet service" are a "no":
#: whether the customer has the service at all lives in phone_service and internet_service.
YES_NO_COLUMNS = [
    "partner", "dependents", "phone_service", "multiple_lines", "online_security",
    "online_backup", "device_protection", "tech_support", "streaming_tv", "streaming_movies",
    "paperless_billing", "churn",
]
#: Columns with a few named levels, kept as text with a fixed set of values.
CATEGORY_COLUMNS = ["gender", "internet_service", "contract", "payment_method"]


def clean(raw: pd.DataFrame) -> pd.DataFrame:
    """Return the Telco table with our names and the dtypes its values mean.

    Every customer is kept (rows that look like duplicates are different customers), in the
    same order. Text is stripped of surrounding spaces first, so ``" Yes"`` means ``"Yes"``.

    Parameters
    ----------
    raw : DataFrame of shape (n_customers, 20)
        The raw table as milestone 1.1's ``load_raw`` returns it: indexed by ``customerID``,
        IBM's column names in any order, text columns as strings, ``tenure`` and
        ``SeniorCitizen`` int64, ``MonthlyCharges`` float64, ``TotalCharges`` text.

    Returns
    -------
    DataFrame of shape (n_customers, 20)
        Indexed by ``customer_id`` (same ids, same order), with snake_case columns in this
        order: gender, senior_citizen, partner, dependents, tenure, phone_service,
        multiple_lines, internet_service, online_security, online_backup, device_protection,
        tech_support, streaming_tv, streaming_movies, contract, paperless_billing,
        payment_method, monthly_charges, total_charges, churn.

        - bool: ``senior_citizen`` and every Yes/No column. In ``multiple_lines`` and the six
          internet add-ons, "No phone service" and "No internet service" are False.
        - category: ``gender``, ``internet_service``, ``contract``, ``payment_method``, with
          the levels found in the data (a level never seen before is kept, not lost).
        - int64 ``tenure``; float64 ``monthly_charges``; float64 ``total_charges`` from
          `total_charges_as_float` (blanks are 0.0).

    Raises
    ------
    ValueError
        If a Yes/No column holds another answer: guessing True or False would hide it.

    Examples
    --------
    >>> raw = pd.DataFrame({
    ...     "gender": ["Female"], "SeniorCitizen": [0], "Partner": [" Yes"],
    ...     "Dependents": ["No"], "tenure": [0], "PhoneService": ["No"],
    ...     "MultipleLines": ["No phone service"], "InternetService": ["DSL"],
    ...     "OnlineSecurity": ["No"], "OnlineBackup": ["Yes"], "DeviceProtection": ["No"],
    ...     "TechSupport": ["No"], "StreamingTV": ["No"], "StreamingMovies": ["No"],
    ...     "Contract": ["Month-to-month"], "PaperlessBilling": ["Yes"],
    ...     "PaymentMethod": ["Electronic check"], "MonthlyCharges": [29.85],
    ...     "TotalCharges": [" "], "Churn": ["No"],
    ... }, index=pd.Index(["7590-VHVEG"], name="customerID"))
    >>> table = clean(raw)
    >>> table["partner"].tolist(), table["multiple_lines"].tolist(), table["total_charges"].tolist()
    ([True], [False], [0.0])
    >>> str(table["contract"].dtype), table.index.name
    ('category', 'customer_id')
    """
    # Select by name, not position: the columns may arrive in any order.
    table = raw[list(COLUMN_NAMES)].rename(columns=COLUMN_NAMES)
    table = table.rename_axis("customer_id")
    for column in YES_NO_COLUMNS + CATEGORY_COLUMNS:
        table[column] = table[column].astype("string").str.strip()  # " Yes" is "Yes"
    answers = {"Yes": True, "No": False, "No phone service": False, "No internet service": False}
    for column in YES_NO_COLUMNS:
        unknown = sorted(set(table[column].dropna()) - set(answers))
        if unknown or table[column].isna().any():
            raise ValueError(f"{column} holds answers other than Yes/No: {unknown[:3]}")
        table[column] = table[column].map(answers).astype("bool")
    table["senior_citizen"] = table["senior_citizen"].astype("int64") == 1
    for column in CATEGORY_COLUMNS:
        # No fixed list of levels: a new payment method must survive, not turn into NaN.
        table[column] = table[column].astype(str).astype("category")
    table["tenure"] = table["tenure"].astype("int64")
    table["monthly_charges"] = table["monthly_charges"].astype("float64")
    table["total_charges"] = total_charges_as_float(raw).to_numpy()  # milestone 1.2's parsing
    return table
