# scenario: patch (the model is read from disk again for every request)
def create_app(model_dir: str | Path | None = None) -> FastAPI:
    folder = Path(model_dir or os.environ.get(MODEL_DIR_VARIABLE) or DEFAULT_MODEL_DIR)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.model = load_model(folder)
        yield

    app = FastAPI(title="Telco churn", lifespan=lifespan)
    app.state.model_dir = folder
    app.include_router(router)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    return app


def get_model(request: Request) -> LoadedModel:
    # always the freshest model on disk
    return load_model(request.app.state.model_dir)
