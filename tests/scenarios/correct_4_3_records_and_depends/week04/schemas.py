# scenario: patch (the list bound as an Annotated type)
from typing import Annotated


class BatchRequest(BaseModel):
    customers: Annotated[list[Customer], Field(min_length=1, max_length=MAX_BATCH)]
