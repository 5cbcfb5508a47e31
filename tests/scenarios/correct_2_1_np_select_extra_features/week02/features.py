# scenario: patch (np.select bands, a NumPy count, and two extra features of the learner's own)
def add_features(customers: pd.DataFrame) -> pd.DataFrame:
    features = customers.loc[:, [c for c in customers.columns if c != "churn"]].copy()
    tenure = features["tenure"].to_numpy()
    band = np.select([tenure <= 12, tenure <= 24, tenure <= 48], TENURE_BANDS[:3], TENURE_BANDS[3])
    features["tenure_band"] = pd.Categorical(band, categories=TENURE_BANDS, ordered=True)
    features["n_services"] = np.count_nonzero(features[SERVICE_COLUMNS].to_numpy(), axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_month = features["total_charges"].to_numpy() / tenure
    features["charges_per_month"] = np.where(tenure == 0, features["monthly_charges"], per_month)
    features["has_internet"] = features["internet_service"] != "No"
    features["log_tenure"] = np.log1p(tenure)
    return features
