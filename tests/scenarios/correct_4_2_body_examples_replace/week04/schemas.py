# scenario: patch (no example on the model: the route documents it; to_frame with replace)
class Customer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customerID: str | None = None
    gender: Literal["Female", "Male"]
    SeniorCitizen: Literal[0, 1]
    Partner: YesNo
    Dependents: YesNo
    tenure: int = Field(ge=0)
    PhoneService: YesNo
    MultipleLines: Literal["Yes", "No", "No phone service"]
    InternetService: Literal["DSL", "Fiber optic", "No"]
    OnlineSecurity: AddOn
    OnlineBackup: AddOn
    DeviceProtection: AddOn
    TechSupport: AddOn
    StreamingTV: AddOn
    StreamingMovies: AddOn
    Contract: Literal["Month-to-month", "One year", "Two year"]
    PaperlessBilling: YesNo
    PaymentMethod: Literal["Electronic check", "Mailed check", "Bank transfer (automatic)",
                           "Credit card (automatic)"]
    MonthlyCharges: float = Field(ge=0, allow_inf_nan=False)
    TotalCharges: float = Field(ge=0, allow_inf_nan=False)


def to_frame(customers: Sequence[Customer]) -> pd.DataFrame:
    table = pd.DataFrame.from_records([c.model_dump() for c in customers])
    table = table.drop(columns="customerID")[list(CLEAN_NAMES)].rename(columns=CLEAN_NAMES)
    flags = ["partner", "dependents", "phone_service", "multiple_lines", "online_security",
             "online_backup", "device_protection", "tech_support", "streaming_tv",
             "streaming_movies", "paperless_billing"]
    no = {"No": False, "No phone service": False, "No internet service": False, "Yes": True}
    table[flags] = table[flags].replace(no).astype(bool)
    table["senior_citizen"] = table["senior_citizen"].astype(bool)
    return table
