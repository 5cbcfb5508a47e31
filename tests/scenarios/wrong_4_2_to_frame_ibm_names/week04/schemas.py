# scenario: patch (the values are converted, but the columns keep IBM's names)
def to_frame(customers: Sequence[Customer]) -> pd.DataFrame:
    table = pd.DataFrame([c.model_dump(exclude={"customerID"}) for c in customers])
    answers = {"Yes": True, "No": False, "No phone service": False, "No internet service": False}
    for column in ["Partner", "Dependents", "PhoneService", "MultipleLines", "OnlineSecurity",
                   "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
                   "StreamingMovies", "PaperlessBilling"]:
        table[column] = table[column].map(answers)
    table["SeniorCitizen"] = table["SeniorCitizen"] == 1
    return table
