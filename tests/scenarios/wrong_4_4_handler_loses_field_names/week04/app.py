# scenario: patch
async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """422: the request is not valid."""
    return JSONResponse(status_code=422, content={
        "detail": "invalid input",
        "errors": [{"field": "request", "message": "invalid input"}]})
