# scenario: patch
def create_app(model_dir: str | Path | None = None) -> FastAPI:
    folder = Path(model_dir or os.environ.get(MODEL_DIR_VARIABLE) or DEFAULT_MODEL_DIR)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.model = load_model(folder)
        yield

    app = FastAPI(title="Telco churn", lifespan=lifespan)
    app.include_router(router)
    return app  # FastAPI's own 422 will do
