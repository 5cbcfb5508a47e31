# scenario: patch ("No internet service" read as a yes: only "No" is False)
def to_frame(customers: Sequence[Customer]) -> pd.DataFrame:
    table = pd.DataFrame([c.model_dump(exclude={"customerID"}) for c in customers],
                         columns=list(CLEAN_NAMES)).rename(columns=CLEAN_NAMES)
    levels = {"gender", "internet_service", "contract", "payment_method"}
    numbers = {"tenure", "monthly_charges", "total_charges"}
    table["senior_citizen"] = table["senior_citizen"] == 1
    for column in set(table.columns) - levels - numbers - {"senior_citizen"}:
        table[column] = table[column] != "No"
    return table
