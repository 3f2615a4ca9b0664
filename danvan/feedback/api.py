"""The API of the feedback channel under /api/v1/feedback/…: one router made of each part's router
(core.routing.app_router), fixed paths before paths with ids in each part."""

from __future__ import annotations

from ninja import Router

from danvan.core.routing import app_router


def _api_router() -> Router:
    from danvan.feedback import public_api, statistics_api, triage_api

    return app_router(statistics_api.router, public_api.router, triage_api.router)


api_router = _api_router()
