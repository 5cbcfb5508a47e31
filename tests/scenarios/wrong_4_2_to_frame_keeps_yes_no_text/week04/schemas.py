# scenario: patch (renamed, but the Yes/No answers stay text: the encoder never saw "Yes")
def to_frame(customers: Sequence[Customer]) -> pd.DataFrame:
    table = pd.DataFrame([c.model_dump(exclude={"customerID"}) for c in customers])
    table = table.rename(columns=CLEAN_NAMES)
    table["senior_citizen"] = table["senior_citizen"] == 1
    return table
