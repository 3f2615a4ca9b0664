"""The health check: the kernel's only view (the officers' pages are ``danvan.office``'s)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from danvan.core.health import health_response


def healthz(request: HttpRequest) -> JsonResponse:
    """200 with the database status (and the replica's lag); 503 when the database does not answer."""
    return health_response()
