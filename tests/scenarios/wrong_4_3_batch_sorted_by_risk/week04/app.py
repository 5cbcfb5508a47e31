# scenario: patch (most at-risk customers first: handy for a human, wrong for a job matching by position)
@router.post("/predict/batch", response_model=BatchResponse)
def predict_batch(batch: BatchRequest,
                  model: LoadedModel = Depends(get_model)) -> BatchResponse:  # noqa: B008
    probabilities = model.pipeline.predict_proba(to_frame(batch.customers))[:, 1]
    predictions = [
        Prediction(customerID=customer.customerID, churn_probability=float(p),
                   will_churn=bool(p >= model.threshold), threshold=model.threshold,
                   model_version=model.version)
        for customer, p in zip(batch.customers, probabilities, strict=True)
    ]
    predictions.sort(key=lambda prediction: prediction.churn_probability, reverse=True)
    return BatchResponse(predictions=predictions, model_version=model.version)
