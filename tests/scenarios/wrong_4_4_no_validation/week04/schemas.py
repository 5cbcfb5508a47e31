# scenario: patch
class Customer(BaseModel):
    """One customer: every field typed, but nothing says which values make sense."""

    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [EXAMPLE_CUSTOMER]})

    customerID: str | None = None
    gender: str
    SeniorCitizen: int
    Partner: str
    Dependents: str
    tenure: int
    PhoneService: str
    MultipleLines: str
    InternetService: str
    OnlineSecurity: str
    OnlineBackup: str
    DeviceProtection: str
    TechSupport: str
    StreamingTV: str
    StreamingMovies: str
    Contract: str
    PaperlessBilling: str
    PaymentMethod: str
    MonthlyCharges: float
    TotalCharges: float
