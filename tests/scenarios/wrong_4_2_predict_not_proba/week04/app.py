# scenario: patch (predict gives the label, 0 or 1, not the probability)
@router.post("/predict", response_model=Prediction)
def predict(customer: Customer, model: LoadedModel = Depends(get_model)) -> Prediction:  # noqa: B008
    probability = float(model.pipeline.predict(to_frame([customer]))[0])
    return Prediction(customerID=customer.customerID, churn_probability=probability,
                      will_churn=probability >= model.threshold, threshold=model.threshold,
                      model_version=model.version)
