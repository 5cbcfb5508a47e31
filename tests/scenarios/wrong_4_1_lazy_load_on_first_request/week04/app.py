# scenario: patch (the model is loaded by the first request and cached: start-up never checks it)
def create_app(model_dir: str | Path | None = None) -> FastAPI:
    folder = Path(model_dir or os.environ.get(MODEL_DIR_VARIABLE) or DEFAULT_MODEL_DIR)
    app = FastAPI(title="Telco churn")
    app.state.model_dir = folder
    app.include_router(router)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    return app


def get_model(request: Request) -> LoadedModel:
    if getattr(request.app.state, "model", None) is None:
        request.app.state.model = load_model(request.app.state.model_dir)
    return request.app.state.model


@router.get("/health", response_model=Health)
def health(model: LoadedModel = Depends(get_model)) -> Health:  # noqa: B008
    return Health(status="ok", model_loaded=True, model_version=model.version)
