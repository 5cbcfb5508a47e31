# scenario: patch (the model is loaded while the app is built, not when it starts)
def create_app(model_dir: str | Path | None = None) -> FastAPI:
    folder = Path(model_dir or os.environ.get(MODEL_DIR_VARIABLE) or DEFAULT_MODEL_DIR)
    app = FastAPI(title="Telco churn")
    app.state.model = load_model(folder)
    app.include_router(router)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    return app
