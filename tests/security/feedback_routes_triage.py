"""The access matrix's declarations for the feedback channel's triage part (see feedback_routes.py)."""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, SYSTEM_ADMIN, VIEWER, Need  # noqa: F401

PAGES: dict[str, Need] = {
    "feedback_officer:inbox": Need(get=LOGIN),
    "feedback_officer:detail": Need(obj="report", get=VIEWER),
    "feedback_officer:photo": Need(obj="report", get=VIEWER, absent_ok=True),  # the report has no photo: 404
    "feedback_officer:accept": Need(obj="report", post=OFFICER),
    "feedback_officer:refuse": Need(obj="report", post=OFFICER),
    "feedback_officer:merge": Need(obj="report", post=OFFICER),
    "feedback_officer:transfer": Need(obj="report", post=OFFICER),
    "feedback_officer:assign": Need(obj="report", post=LEADER),
    "feedback_officer:request_info": Need(obj="report", post=OFFICER),
    "feedback_officer:answer": Need(obj="report", post=LEADER),
    "feedback_officer:note": Need(obj="report", post=OFFICER),
    "feedback_officer:close": Need(obj="report", post=OFFICER),
    "feedback_officer:hide": Need(obj="report", post=OFFICER),
    "feedback_officer:show": Need(obj="report", post=OFFICER),
    "feedback_officer:moderate": Need(obj="report", post=OFFICER),
    "feedback_officer:moderation_revert": Need(obj="report", post=OFFICER),
}
API: dict[tuple[str, str], Need] = {}


def records(unit: Any, actor: Any, made: dict[str, Any]) -> dict[str, Any]:
    """This part's records at ``unit`` (``made`` holds the report the channel made there, as ``report``)."""
    return {}
