# scenario: patch
async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """422 naming the field: the last part of pydantic's location."""
    errors = []
    for error in exc.errors():
        whole_body = error["type"] == "json_invalid" or len(error["loc"]) < 2
        errors.append({"field": "body" if whole_body else str(error["loc"][-1]),
                       "message": error["msg"]})
    return JSONResponse(status_code=422, content={"detail": f"{len(errors)} problem(s)",
                                                  "errors": errors})
