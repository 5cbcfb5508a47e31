# scenario: patch (internet counted as one more service)
def add_features(customers: pd.DataFrame) -> pd.DataFrame:
    features = customers.drop(columns="churn", errors="ignore")
    tenure = features["tenure"]
    features["tenure_band"] = pd.cut(tenure, [-1, 12, 24, 48, np.inf], labels=TENURE_BANDS)
    has_internet = features["internet_service"] != "No"
    features["n_services"] = features[SERVICE_COLUMNS].sum(axis=1) + has_internet
    per_month = features["total_charges"] / tenure.where(tenure > 0)
    features["charges_per_month"] = per_month.fillna(features["monthly_charges"])
    return features
