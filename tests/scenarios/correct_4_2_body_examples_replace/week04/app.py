# scenario: patch (the example lives on the route: Body(openapi_examples=...))
from fastapi import Body

from schemas import EXAMPLE_CUSTOMER


@router.post("/predict", response_model=Prediction)
def predict(
    customer: Annotated[Customer, Body(openapi_examples={
        "new month-to-month customer": {"summary": "worth a call", "value": EXAMPLE_CUSTOMER}})],
    model: Annotated[LoadedModel, Depends(get_model)],
) -> Prediction:
    probability = model.pipeline.predict_proba(to_frame([customer]))[0][1].item()
    return Prediction(customerID=customer.customerID, churn_probability=probability,
                      will_churn=bool(probability >= model.threshold), threshold=model.threshold,
                      model_version=model.version)
