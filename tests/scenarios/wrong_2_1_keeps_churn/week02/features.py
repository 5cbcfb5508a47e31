# scenario: patch (new columns added, churn left in)
def add_features(customers: pd.DataFrame) -> pd.DataFrame:
    features = customers.copy()
    tenure = features["tenure"]
    features["tenure_band"] = pd.cut(tenure, [-1, 12, 24, 48, np.inf], labels=TENURE_BANDS)
    features["n_services"] = features[SERVICE_COLUMNS].sum(axis=1)
    per_month = features["total_charges"] / tenure.where(tenure > 0)
    features["charges_per_month"] = per_month.fillna(features["monthly_charges"])
    return features
