# scenario: patch
async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Bad request: 400, with the fields to fix."""
    errors = [{"field": ".".join(str(p) for p in error["loc"][1:]) or "body",
               "message": error["msg"]} for error in exc.errors()]
    return JSONResponse(status_code=400, content={"detail": "bad request", "errors": errors})
