# scenario: patch
import math
from enum import Enum

from pydantic import field_validator


class YesNoAnswer(str, Enum):
    yes = "Yes"
    no = "No"


class InternetAddOn(str, Enum):
    yes = "Yes"
    no = "No"
    no_internet = "No internet service"


class ContractKind(str, Enum):
    monthly = "Month-to-month"
    one_year = "One year"
    two_year = "Two year"


class Payment(str, Enum):
    electronic = "Electronic check"
    mailed = "Mailed check"
    bank = "Bank transfer (automatic)"
    card = "Credit card (automatic)"


class Customer(BaseModel):
    """One customer: Enums for the levels, validators for the numbers."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True,
                              json_schema_extra={"examples": [EXAMPLE_CUSTOMER]})

    customerID: str | None = None
    gender: Literal["Female", "Male"]
    SeniorCitizen: Literal[0, 1]
    Partner: YesNoAnswer
    Dependents: YesNoAnswer
    tenure: int
    PhoneService: YesNoAnswer
    MultipleLines: Literal["Yes", "No", "No phone service"]
    InternetService: Literal["DSL", "Fiber optic", "No"]
    OnlineSecurity: InternetAddOn
    OnlineBackup: InternetAddOn
    DeviceProtection: InternetAddOn
    TechSupport: InternetAddOn
    StreamingTV: InternetAddOn
    StreamingMovies: InternetAddOn
    Contract: ContractKind
    PaperlessBilling: YesNoAnswer
    PaymentMethod: Payment
    MonthlyCharges: float
    TotalCharges: float

    @field_validator("tenure")
    @classmethod
    def months_are_not_negative(cls, value: int) -> int:
        if not 0 <= value <= 1200:
            raise ValueError("tenure is a number of months, from 0 to 1200")
        return value

    @field_validator("MonthlyCharges", "TotalCharges")
    @classmethod
    def amount_is_finite_and_positive(cls, value: float) -> float:
        if not math.isfinite(value) or value < 0:
            raise ValueError("an amount is a finite number, 0 or more")
        return value
