# scenario: patch (features written into the caller's table)
def add_features(customers: pd.DataFrame) -> pd.DataFrame:
    features = customers  # not a copy: the same table under another name
    tenure = features["tenure"]
    features["tenure_band"] = pd.cut(tenure, [-1, 12, 24, 48, np.inf], labels=TENURE_BANDS)
    features["n_services"] = features[SERVICE_COLUMNS].sum(axis=1)
    per_month = features["total_charges"] / tenure.where(tenure > 0)
    features["charges_per_month"] = per_month.fillna(features["monthly_charges"])
    return features.drop(columns="churn", errors="ignore")
