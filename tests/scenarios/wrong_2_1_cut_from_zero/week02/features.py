# scenario: patch (bands from 0: pd.cut's (0, 12] leaves tenure 0 out)
def add_features(customers: pd.DataFrame) -> pd.DataFrame:
    features = customers.drop(columns="churn", errors="ignore")
    tenure = features["tenure"]
    features["tenure_band"] = pd.cut(tenure, [0, 12, 24, 48, 72], labels=TENURE_BANDS)
    features["n_services"] = features[SERVICE_COLUMNS].sum(axis=1)
    per_month = features["total_charges"] / tenure.where(tenure > 0)
    features["charges_per_month"] = per_month.fillna(features["monthly_charges"])
    return features
