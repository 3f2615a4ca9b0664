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
API: dict[tuple[str, str], Need] = {
    ("GET", "/api/v1/feedback/reports"): Need(get=LOGIN),
    ("GET", "/api/v1/feedback/reports/{report_id}"): Need(obj="report", get=VIEWER),
    ("GET", "/api/v1/feedback/reports/{report_id}/events"): Need(obj="report", get=VIEWER),
    ("GET", "/api/v1/feedback/reports/{report_id}/duplicates"): Need(obj="report", get=VIEWER),
    ("GET", "/api/v1/feedback/reports/{report_id}/moderations"): Need(obj="report", get=VIEWER),
    ("POST", "/api/v1/feedback/reports/{report_id}/accept"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/refuse"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/merge"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/transfer"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/assign"): Need(obj="report", post=LEADER),
    ("POST", "/api/v1/feedback/reports/{report_id}/request-info"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/answer"): Need(obj="report", post=LEADER),
    ("POST", "/api/v1/feedback/reports/{report_id}/answer-with-photos"): Need(obj="report", post=LEADER),
    ("POST", "/api/v1/feedback/reports/{report_id}/notes"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/close"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/hide"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/show"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/moderations"): Need(obj="report", post=OFFICER),
    ("POST", "/api/v1/feedback/reports/{report_id}/moderations/{moderation_id}/revert"): Need(
        obj="report", post=OFFICER
    ),
}


def records(unit: Any, actor: Any, made: dict[str, Any]) -> dict[str, Any]:
    """This part's records at ``unit`` (``made`` holds the report the channel made there, as ``report``)."""
    return {}
