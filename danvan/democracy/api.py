"""The API of grassroots democracy under /api/v1/democracy/…: one router made of each part's router
(core.routing.app_router), fixed paths before paths with ids in each part."""

from __future__ import annotations

from ninja import Router

from danvan.core.routing import app_router


def _api_router() -> Router:
    from danvan.democracy import (
        board_api,
        consultation_api,
        contact_api,
        decision_api,
        disclosure_api,
        household_api,
        meeting_api,
        recommendation_api,
        statistics_api,
        supervision_api,
    )

    return app_router(
        statistics_api.router,
        household_api.router,
        disclosure_api.router,
        decision_api.router,
        consultation_api.router,
        meeting_api.router,
        recommendation_api.router,
        board_api.router,
        supervision_api.router,
        contact_api.router,
    )


api_router = _api_router()
