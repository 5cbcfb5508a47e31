# scenario: patch (predict written as async def, reading the model from request.app.state)
@router.post("/predict", response_model=Prediction)
async def predict(customer: Customer, request: Request) -> dict:
    model = request.app.state.model
    frame = to_frame([customer])
    p = model.pipeline.predict_proba(frame)[:, list(model.pipeline.classes_).index(True)][0]
    return {"customerID": customer.customerID, "churn_probability": float(p),
            "will_churn": bool(p >= model.metadata["threshold"]),
            "threshold": model.metadata["threshold"], "model_version": model.version}
