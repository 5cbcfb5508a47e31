# scenario: patch (a customer never billed has TotalCharges 0, turned into "unknown")
def to_frame(customers: Sequence[Customer]) -> pd.DataFrame:
    raw = pd.DataFrame([c.model_dump(exclude={"customerID"}) for c in customers],
                       columns=list(CLEAN_NAMES))
    table = raw.rename(columns=CLEAN_NAMES)
    answers = {"Yes": True, "No": False, "No phone service": False, "No internet service": False}
    levels = {"gender", "internet_service", "contract", "payment_method"}
    numbers = {"tenure", "monthly_charges", "total_charges"}
    table["senior_citizen"] = table["senior_citizen"] == 1
    for column in set(table.columns) - levels - numbers - {"senior_citizen"}:
        table[column] = table[column].map(answers).astype(bool)
    table = table.astype({"tenure": "int64", "monthly_charges": "float64",
                          "total_charges": "float64"})
    # nothing billed yet: we don't know the total, let the imputer fill it in
    table["total_charges"] = table["total_charges"].replace(0.0, float("nan"))
    return table
