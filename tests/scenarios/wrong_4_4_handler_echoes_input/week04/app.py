# scenario: patch
async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """422 with every error as pydantic gave it: the caller sees what they sent."""
    errors = [{"field": ".".join(str(p) for p in error["loc"][1:]) or "body",
               "message": error["msg"], "input": error.get("input")}  # echoes a NaN too
              for error in exc.errors()]
    return JSONResponse(status_code=422, content={"detail": "invalid request", "errors": errors})
