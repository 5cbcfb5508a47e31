# scenario: patch (batch through a DataFrame and to_dict("records"); health via Depends)
@router.post("/predict/batch", response_model=BatchResponse)
def predict_batch(batch: BatchRequest,
                  model: LoadedModel = Depends(get_model)) -> BatchResponse:  # noqa: B008
    frame = to_frame(batch.customers)
    answers = frame[[]].assign(
        customerID=[c.customerID for c in batch.customers],
        churn_probability=model.pipeline.predict_proba(frame)[:, 1],
    )
    answers["will_churn"] = answers["churn_probability"] >= model.threshold
    answers["threshold"] = model.threshold
    answers["model_version"] = model.version
    records = answers.astype(object).to_dict("records")
    return BatchResponse(predictions=[Prediction(**r) for r in records],
                         model_version=model.version)


@router.get("/health", response_model=Health)
def health(model: LoadedModel = Depends(get_model)) -> Health:  # noqa: B008
    # the lifespan loads the model before the first request, or the service never starts
    return Health(status="ok", model_loaded=True, model_version=model.version)
