"""``create_app(settings)``: the FastAPI application, its routes and error handling."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.routes import chat, documents, health, search
from assistant import logs
from assistant.config import Settings, get_settings
from assistant.service import Assistant


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        logs.configure(settings.log_level)
        app.state.assistant = assistant or Assistant(settings)
        yield

    app = FastAPI(
        title="Løkenåsveien 45 procurement assistant",
        description="Cited answers about Lørenskog kommune's procurement «Nye samarbeidsformer rundt boligsosiale "
        "utfordringer», from published documents only.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    errors.install(app)
    for module in (chat, search, documents, health):
        app.include_router(module.router)
    return app
