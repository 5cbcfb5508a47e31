# scenario: patch (one method chain with assign, bands from a dict of upper edges)
def add_features(customers: pd.DataFrame) -> pd.DataFrame:
    def band(months: int) -> str:
        for upper, label in zip([12, 24, 48], TENURE_BANDS):
            if months <= upper:
                return label
        return TENURE_BANDS[-1]

    return (
        customers.drop(columns=["churn"], errors="ignore")
        .assign(
            tenure_band=lambda d: d["tenure"].map(band).astype(
                pd.CategoricalDtype(TENURE_BANDS, ordered=True)),
            n_services=lambda d: d[SERVICE_COLUMNS].astype("int64").sum(axis=1),
            charges_per_month=lambda d: d["total_charges"].div(d["tenure"]).where(
                d["tenure"] > 0, d["monthly_charges"]),
        )
    )
