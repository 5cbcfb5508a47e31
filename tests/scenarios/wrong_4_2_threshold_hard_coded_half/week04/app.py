# scenario: patch (the decision uses 0.5, whatever the model's metadata says)
@router.post("/predict", response_model=Prediction)
def predict(customer: Customer, model: LoadedModel = Depends(get_model)) -> Prediction:  # noqa: B008
    probability = float(model.pipeline.predict_proba(to_frame([customer]))[0, 1])
    return Prediction(customerID=customer.customerID, churn_probability=probability,
                      will_churn=probability >= 0.5, threshold=model.threshold,
                      model_version=model.version)
