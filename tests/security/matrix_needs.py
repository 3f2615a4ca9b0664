"""What a route needs, for the access matrix (``test_route_matrix``): the least role per method."""

from __future__ import annotations

from dataclasses import dataclass

from danvan.accounts.models import Role

PUBLIC, LOGIN, OWN = "public", "login", "own"
VIEWER, OFFICER, LEADER, UNIT_ADMIN, SYSTEM_ADMIN = (
    Role.VIEWER,
    Role.OFFICER,
    Role.LEADER,
    Role.UNIT_ADMIN,
    Role.SYSTEM_ADMIN,
)


@dataclass(frozen=True)
class Need:
    obj: str | None = None
    get: str | None = None
    post: str | None = None
    absent_ok: bool = False  # the record may not be in a state to be shown (a notice before its step): 404, 409
