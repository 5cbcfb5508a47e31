# scenario: patch (a work list emptied with pop(): the last customer is answered first)
@router.post("/predict/batch", response_model=BatchResponse)
def predict_batch(batch: BatchRequest,
                  model: LoadedModel = Depends(get_model)) -> BatchResponse:  # noqa: B008
    probabilities = list(model.pipeline.predict_proba(to_frame(batch.customers))[:, 1])
    todo = list(zip(batch.customers, probabilities, strict=True))
    predictions = []
    while todo:
        customer, p = todo.pop()
        predictions.append(Prediction(
            customerID=customer.customerID, churn_probability=float(p),
            will_churn=bool(p >= model.threshold), threshold=model.threshold,
            model_version=model.version))
    return BatchResponse(predictions=predictions, model_version=model.version)
