# scenario: patch (a batch capped at 100 customers, not MAX_BATCH)
class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customers: list[Customer] = Field(min_length=1, max_length=100)
