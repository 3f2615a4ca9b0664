"""Who may see and change plans, indicators, dossiers, submissions and rankings. Views, the API and the services of
this app ask here only; missing and forbidden both raise ``Http404``. An officer reads the figures and records of
their unit subtree (viewer scope) and writes as an officer over the unit; reviewing the submissions of the units
below is the leader's."""

from __future__ import annotations

from typing import Any  # noqa: F401

from danvan.accounts.access import has_role_at, scope_for  # noqa: F401
from danvan.accounts.models import Role  # noqa: F401

# --- indicators ---------------------------------------------------------------------------------------------------


# --- plans --------------------------------------------------------------------------------------------------------


# --- dossiers -----------------------------------------------------------------------------------------------------


# --- submissions --------------------------------------------------------------------------------------------------
# Templates are made and sent by an officer of the sending unit; the units' own officers write and submit their
# submissions; returning, approving, locking and ranking are for a leader over the reviewing unit. Anyone with a
# viewer role over the reporting unit reads its submission; everything else is Http404.


def submission_can_send(user: Any, unit: Any) -> bool:
    """Whether the officer may make templates at ``unit`` and send them to the units below."""
    from danvan.accounts.access import can_create_at

    return can_create_at(user, unit, Role.OFFICER)


def submission_can_write(user: Any, submission: Any) -> bool:
    """Whether the officer may fill in and submit the unit's submission."""
    return has_role_at(user, submission.unit, Role.OFFICER)


def submission_can_review(user: Any, submission: Any) -> bool:
    """Whether the officer may return, approve or lock the submission (a leader over the reviewing unit)."""
    return has_role_at(user, submission.reviewer_unit, Role.LEADER)


def submissions_visible_to(user: Any) -> Any:
    from danvan.reporting.models import Submission

    scope = scope_for(user, Role.VIEWER)
    return Submission.objects.filter(scope.q("unit_path")) if not scope.is_empty else Submission.objects.none()


def access_submission(user: Any, submission_id: int, *, need: str = "read") -> Any:
    """A submission the officer may read (``need="read"``), write (``"write"``) or review (``"review"``), or 404."""
    from django.http import Http404

    submission = (
        submissions_visible_to(user)
        .select_related("template", "unit", "reviewer_unit")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        raise Http404
    if need == "write" and not submission_can_write(user, submission):
        raise Http404
    if need == "review" and not submission_can_review(user, submission):
        raise Http404
    return submission


def templates_visible_to(user: Any) -> Any:
    """Templates made at a unit the officer sees, or above it (the officer's own unit receives them)."""
    from danvan.reporting.models import ReportTemplate

    scope = scope_for(user, Role.VIEWER)
    if scope.is_global:
        return ReportTemplate.objects.all()
    if scope.is_empty:
        return ReportTemplate.objects.none()
    return ReportTemplate.objects.filter(scope.q("owner_path"))


def access_template(user: Any, template_id: int, *, send: bool = False) -> Any:
    from django.http import Http404

    template = templates_visible_to(user).select_related("owner_unit").filter(pk=template_id).first()
    if template is None or (send and not submission_can_send(user, template.owner_unit)):
        raise Http404
    return template


def ranking_can_manage(user: Any, unit: Any) -> bool:
    return has_role_at(user, unit, Role.LEADER)


def access_scheme(user: Any, scheme_id: int, *, manage: bool = False) -> Any:
    from django.http import Http404

    from danvan.reporting.models import RankingScheme

    scope = scope_for(user, Role.VIEWER)
    scheme = (
        RankingScheme.objects.filter(scope.q("unit_path")).select_related("unit").filter(pk=scheme_id).first()
        if not scope.is_empty
        else None
    )
    if scheme is None or (manage and not ranking_can_manage(user, scheme.unit)):
        raise Http404
    return scheme
