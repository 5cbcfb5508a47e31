# scenario: patch (the folder is the argument or models/: CHURN_MODEL_DIR is never read)
def create_app(model_dir: str | Path | None = None) -> FastAPI:
    folder = Path(model_dir or DEFAULT_MODEL_DIR)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.model = load_model(folder)
        yield

    app = FastAPI(title="Telco churn", lifespan=lifespan)
    app.include_router(router)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    return app
