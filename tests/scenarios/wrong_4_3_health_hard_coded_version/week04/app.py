# scenario: patch (the version typed in: /health cannot tell which model runs)
@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    return Health(status="ok", model_loaded=True, model_version="1.0")
