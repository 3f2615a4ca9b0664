"""The API of plans, indicators and reports under /api/v1/reporting/…: one router made of each part's router."""

from __future__ import annotations

from ninja import Router

from danvan.core.routing import app_router


def _api_router() -> Router:
    from danvan.reporting import dossier_api, indicator_api, plan_api, submission_api

    return app_router(indicator_api.router, plan_api.router, dossier_api.router, submission_api.router)


api_router = _api_router()
