# scenario: patch
from fastapi.encoders import jsonable_encoder


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's detail list for tools that expect it, plus the flat errors the docs promise.

    Pydantic's ``input`` is left out of both: a NaN cannot be written as JSON.
    """
    detail = [{key: value for key, value in error.items() if key not in ("input", "ctx", "url")}
              for error in exc.errors()]
    errors = []
    for error in detail:
        where = list(error["loc"][1:]) if error["loc"][:1] == ("body",) else list(error["loc"])
        if error["type"] == "json_invalid" or not where:
            where = ["body"]
        errors.append({"field": ".".join(map(str, where)), "message": error["msg"]})
    return JSONResponse(status_code=422,
                        content=jsonable_encoder({"detail": detail, "errors": errors}))
