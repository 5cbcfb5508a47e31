# scenario: patch (text fields typed str: any text is accepted, /docs shows no choices)
class Customer(BaseModel):
    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [EXAMPLE_CUSTOMER]})

    customerID: str | None = Field(default=None, max_length=64)
    gender: str
    SeniorCitizen: Literal[0, 1]
    Partner: str
    Dependents: str
    tenure: int = Field(ge=0, le=1200)
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
    MonthlyCharges: float = Field(ge=0, allow_inf_nan=False)
    TotalCharges: float = Field(ge=0, allow_inf_nan=False)
