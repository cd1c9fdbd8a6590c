"""One place that maps errors to HTTP responses with a JSON body that says what was wrong."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from assistant.errors import AssistantError

log = logging.getLogger(__name__)
_NAMES = {401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed", 409: "Conflict",
          413: "TooLarge", 415: "UnsupportedMediaType", 422: "InvalidInput", 429: "TooManyRequests"}


def install(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def _assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
        return JSONResponse({"error": type(exc).__name__, "detail": str(exc)}, status_code=exc.status_code)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        name = _NAMES.get(exc.status_code, "HTTPError")
        return JSONResponse({"error": name, "detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [_readable(e) for e in exc.errors()]
        return JSONResponse({"error": "InvalidInput", "detail": detail}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc, extra={"path": request.url.path})
        return JSONResponse({"error": "InternalError", "detail": "Something went wrong on our side."}, status_code=500)


def _readable(error: dict) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
    message = error.get("msg", "invalid value").removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
