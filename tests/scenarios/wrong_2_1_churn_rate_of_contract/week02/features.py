# scenario: patch (a target encoding computed on the table it is given: churn leaks in)
def add_features(customers: pd.DataFrame) -> pd.DataFrame:
    features = customers.copy()
    tenure = features["tenure"]
    features["tenure_band"] = pd.cut(tenure, [-1, 12, 24, 48, np.inf], labels=TENURE_BANDS)
    features["n_services"] = features[SERVICE_COLUMNS].sum(axis=1)
    features["charges_per_month"] = np.where(tenure > 0, features["total_charges"]
                                             / tenure.clip(lower=1), features["monthly_charges"])
    # month-to-month customers leave most: give the model each contract's churn rate
    rates = features.groupby("contract", observed=True)["churn"].mean()
    features["churn_rate_of_contract"] = features["contract"].map(rates).astype("float64")
    return features.drop(columns="churn")
