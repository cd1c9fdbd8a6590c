"""``create_app(settings)``: the FastAPI application, its routes, limits and error handling."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.limits import BodySizeLimit, HeavyLane, RateLimiter
from api.routes import admin, chat, documents, feedback, health, me, pages, public, qa, questions, search, stream
from assistant import logs
from assistant.config import Settings, get_settings
from assistant.qa import QaBook
from assistant.questionlog import QuestionLog
from assistant.service import Assistant

log = logging.getLogger(__name__)
ROUTERS = [chat, stream, search, documents, feedback, questions, qa, me, admin, health, pages, public]


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """Build the app; refuses unsafe token settings before anything is served."""
    settings = settings or get_settings()
    settings.check_tokens()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        logs.configure(settings.log_level)
        app.state.assistant = assistant or Assistant(settings)
        purged = app.state.question_log.purge(settings.retention_days)
        log.info("started", extra={"event": "start", "purged_rows": purged})
        yield

    app = FastAPI(
        title="Løkenåsveien 45 procurement assistant",
        description="Cited answers about Lørenskog kommune's procurement «Nye samarbeidsformer rundt boligsosiale "
        "utfordringer», from published documents only. Case workers (bearer token) also search internal "
        "supplier input; admins manage documents.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app.state.question_log = QuestionLog(settings.db_url, settings.retention_days)
    app.state.qa_book = QaBook(app.state.question_log.engine, settings.data_dir / "qa")  # official answers
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_global_per_minute)
    app.state.member_limiter = RateLimiter(settings.rate_limit_authenticated_per_minute, None)
    app.state.auth_failures = RateLimiter(settings.auth_failures_per_minute, None)
    app.state.heavy_lane = HeavyLane(settings.heavy_slots)
    errors.install(app)
    app.add_middleware(BodySizeLimit, default=settings.max_request_bytes, uploads=settings.max_file_bytes)
    app.add_middleware(
        CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=["Content-Type", "Authorization"], allow_credentials=False, max_age=600,
    )
    for module in ROUTERS:
        app.include_router(module.router)
    return app
