"""Who may see and change plans, indicators, dossiers, submissions and rankings. Views, the API and the services of
this app ask here only; missing and forbidden both raise ``Http404``. An officer reads the figures and records of
their unit subtree (viewer scope) and writes as an officer over the unit; reviewing the submissions of the units
below is the leader's."""

from __future__ import annotations

from typing import Any

from danvan.accounts.access import has_role_at, scope_for
from danvan.accounts.models import Role

# --- indicators ---------------------------------------------------------------------------------------------------
# Figures (the report page, the dashboard, the drill-down to records, the API): any unit of the officer's viewer
# scope. Entered figures: an officer (or above) at a current unit. The indicator registry: everyone signed in reads
# it, a system administrator edits labels and sources.


def access_report_unit(user: Any, unit_id: int | None) -> Any:
    """The unit whose figures are asked for: ``unit_id`` or the officer's first membership unit; ``Http404`` outside
    the viewer scope, for a unit that does not exist, or without any unit (``UnitNotChosen``: the page offers a
    choice)."""
    from danvan.office import access as office_access

    if unit_id is None:
        unit_id = office_access.required_statistics_unit(user).pk
    unit, _scope = office_access.access_statistics_unit(user, unit_id)
    return unit


def report_unit_choices(user: Any, unit: Any) -> list[Any]:
    """The units a figures page offers beside ``unit`` (the officer's memberships)."""
    from danvan.office import access as office_access

    return office_access.unit_choices(user, unit)


def can_enter_figures_at(user: Any, unit: Any) -> bool:
    """Entering a unit's figures: an officer at a current unit (a legacy unit takes no new records)."""
    from danvan.accounts.access import can_create_at
    from danvan.accounts.models import Role as Roles

    return can_create_at(user, unit, Roles.OFFICER)


def access_unit_for_entry(user: Any, unit_id: int | None) -> Any:
    """The unit whose figures the officer enters (:func:`can_enter_figures_at`); ``Http404`` otherwise."""
    from django.http import Http404

    unit = access_report_unit(user, unit_id)
    if not can_enter_figures_at(user, unit):
        raise Http404
    return unit


def can_edit_indicators(user: Any) -> bool:
    """Editing the registry's labels and sources: a system administrator."""
    from danvan.accounts.access import is_system_admin

    return bool(getattr(user, "is_authenticated", False)) and is_system_admin(user)


def require_indicator_admin(user: Any) -> None:
    """``Http404`` unless :func:`can_edit_indicators`."""
    from django.http import Http404

    if not can_edit_indicators(user):
        raise Http404


# --- plans --------------------------------------------------------------------------------------------------------

# Plans: an officer reads the plans issued in their viewer scope and those assigning a task to a body of their
# scope; writes a plan as an officer of its (current) issuing unit; reports progress as an officer over the
# assigned organization's unit. Everything else is 404.


def plans_visible(user: Any) -> Any:
    """Plans issued in the officer's units, or assigning a task to one of their bodies."""
    from django.db.models import Q

    from danvan.reporting.models import Plan, PlanStatus, TaskTarget

    scope = scope_for(user, Role.VIEWER)
    if scope.is_empty:
        return Plan.objects.none()
    if scope.is_global:
        return Plan.objects.all()
    assigned = TaskTarget.objects.filter(scope.q("unit_path")).values("task__plan_id")
    return Plan.objects.filter(scope.q("unit_path") | (Q(pk__in=assigned) & ~Q(status=PlanStatus.DRAFT)))


def can_write_plan(user: Any, plan: Any) -> bool:
    from danvan.accounts.access import can_create_at

    return can_create_at(user, plan.unit, Role.OFFICER)


def access_plan(user: Any, plan_id: int, *, for_write: bool = False) -> Any:
    """A plan the officer reads (or, ``for_write``, keeps: an officer of its issuing unit), or ``Http404``."""
    from django.http import Http404

    plan = plans_visible(user).select_related("unit", "issuer").filter(pk=plan_id).first()
    if plan is None or (for_write and not can_write_plan(user, plan)):
        raise Http404
    return plan


def access_plan_unit_for_write(user: Any, unit_id: int) -> Any:
    """A current unit (province or commune) where the officer may issue a plan, or ``Http404``."""
    from django.http import Http404

    from danvan.accounts.access import can_create_at
    from danvan.core.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None or not can_create_at(user, unit, Role.OFFICER):
        raise Http404
    return unit


def plan_units_for_write(user: Any) -> Any:
    """The units whose plans the officer may write (their memberships' current units, officer or above)."""
    from danvan.accounts.access import active_memberships, is_system_admin
    from danvan.accounts.models import ROLE_RANK
    from danvan.core.models import AdministrativeUnit, UnitTree

    if is_system_admin(user):
        return AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level__in=(1, 3))
    ids = {m.unit_id for m in active_memberships(user) if ROLE_RANK[m.role] >= ROLE_RANK[Role.OFFICER]}
    return AdministrativeUnit.objects.filter(pk__in=ids, tree=UnitTree.CURRENT)


def plan_issuers_for_write(user: Any) -> Any:
    """The bodies that may issue the officer's new plans, on the page and through the API alike: the active
    organizations of :func:`plan_units_for_write` (the system administrator's: those of every current province and
    commune, tens of thousands, hence the search picker)."""
    from danvan.core.models import Organization

    return Organization.objects.filter(unit__in=plan_units_for_write(user), is_active=True)


def can_report_target(user: Any, target: Any) -> bool:
    """An officer over the assigned organization's (current) unit reports its progress."""
    from danvan.accounts.access import can_create_at

    return can_create_at(user, target.organization.unit, Role.OFFICER)


def access_target(user: Any, target_id: int, *, for_report: bool = False) -> Any:
    """One assigned organization of a task of a plan the officer reads (``for_report``: one they report for), or
    ``Http404``."""
    from django.http import Http404

    from danvan.reporting.models import TaskTarget

    target = (
        TaskTarget.objects.select_related("task", "task__plan", "organization", "organization__unit", "assignee")
        .filter(pk=target_id)
        .first()
    )
    if target is None or not plans_visible(user).filter(pk=target.task.plan_id).exists():
        raise Http404
    if for_report and not can_report_target(user, target):
        raise Http404
    return target


def access_task(user: Any, task_id: int, *, for_write: bool = False) -> Any:
    """A task of a plan the officer reads (or writes), or ``Http404``."""
    from django.http import Http404

    from danvan.reporting.models import PlanTask

    task = PlanTask.objects.select_related("plan").filter(pk=task_id).first()
    if task is None:
        raise Http404
    access_plan(user, task.plan_id, for_write=for_write)
    return task


def plans_visible_in_full(user: Any, plan: Any) -> bool:
    """Whether the officer reads the whole implementation table (the plan is of their units); an assigned body's
    officer sees only their own organizations' rows."""
    return scope_for(user, Role.VIEWER).covers(plan.unit_path)


def access_plan_file(user: Any, attachment_id: int) -> Any:
    """A plan's attachment or a progress report's evidence, when the officer reads that plan; else ``Http404``."""
    from django.http import Http404

    from danvan.core.models import Attachment
    from danvan.reporting.models import TaskProgress

    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    if attachment.object_type == "reporting.plan":
        access_plan(user, int(attachment.object_id))
        return attachment
    report = TaskProgress.objects.filter(evidence=attachment).first()
    if report is None:
        raise Http404
    access_target(user, report.target_id)
    return attachment


def organization_officer_ids(org_ids: Any) -> dict[int, list[int]]:
    """The active officers (officer role or above) of each organization, told of its tasks."""
    from danvan.accounts.models import Membership

    rows = Membership.objects.filter(
        organization_id__in=set(org_ids),
        is_active=True,
        officer__is_active=True,
        role__in=[Role.OFFICER, Role.LEADER, Role.UNIT_ADMIN],
    ).values_list("organization_id", "officer_id")
    found: dict[int, list[int]] = {}
    for org_id, officer_id in rows.order_by("organization_id", "officer_id"):
        found.setdefault(org_id, []).append(officer_id)
    return found


def report_scope(user: Any) -> Any:
    """The units whose organizations' tasks the officer reports (officer role)."""
    return scope_for(user, Role.OFFICER)


# --- dossiers -----------------------------------------------------------------------------------------------------


def dossier_read_scope(user: Any) -> Any:
    """The units whose dossiers and procedure figures the officer reads (viewer scope)."""
    from danvan.accounts.access import scope_for as _scope_for

    return _scope_for(user, Role.VIEWER)


def dossier_unit_for_read(user: Any, unit_id: int) -> Any:
    """A unit (province, commune) whose dossiers the officer reads, or ``Http404``."""
    from django.http import Http404

    from danvan.core.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None or not has_role_at(user, unit, Role.VIEWER):
        raise Http404
    return unit


def dossier_province_for_import(user: Any, unit_id: int) -> Any:
    """A current province where the officer imports the one-stop-shop export and keeps its column mapping (an
    officer of the province), or ``Http404``."""
    from django.http import Http404

    from danvan.accounts.access import can_create_at
    from danvan.core.models import AdministrativeUnit, UnitLevel

    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.PROVINCE).first()
    if unit is None or not can_create_at(user, unit, Role.OFFICER):
        raise Http404
    return unit


def dossier_provinces_for_import(user: Any) -> list[Any]:
    """The current provinces where the officer may import."""
    from danvan.accounts.access import scope_for as _scope_for
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree

    scope = _scope_for(user, Role.OFFICER)
    if scope.is_empty:
        return []
    return list(
        AdministrativeUnit.objects.filter(scope.q("path"), level=UnitLevel.PROVINCE, tree=UnitTree.CURRENT).order_by(
            "code"
        )
    )


def procedure_figure_unit_for_write(user: Any, unit_id: int) -> Any:
    """A current province or commune where the officer enters procedure figures, or ``Http404``."""
    from django.http import Http404

    from danvan.accounts.access import can_create_at
    from danvan.core.models import AdministrativeUnit, UnitLevel

    unit = AdministrativeUnit.objects.filter(pk=unit_id, level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE]).first()
    if unit is None or not can_create_at(user, unit, Role.OFFICER):
        raise Http404
    return unit


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
    """Templates made at a unit of the officer's viewer scope (their subtree), and the templates sent to a unit of
    that scope — those for which such a unit has a submission (a commune officer sees the province's template their
    commune must answer). Another commune's template that was not sent to them stays unseen (404)."""
    from django.db.models import Q

    from danvan.reporting.models import ReportTemplate, Submission

    scope = scope_for(user, Role.VIEWER)
    if scope.is_global:
        return ReportTemplate.objects.all()
    if scope.is_empty:
        return ReportTemplate.objects.none()
    sent = Submission.objects.filter(scope.q("unit_path")).values("template_id")
    return ReportTemplate.objects.filter(scope.q("owner_path") | Q(pk__in=sent))


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


# --- scopes and recipients asked by the submission pages, the to-do list and the notices -------------------------


def submission_writer_scope(user: Any) -> Any:
    """Where ``user`` writes reports and makes templates: their officer scope (officer or above)."""
    return scope_for(user, Role.OFFICER)


def submission_reviewer_scope(user: Any) -> Any:
    """Where ``user`` reviews submissions and manages ranking schemes: their leader scope."""
    return scope_for(user, Role.LEADER)


def submission_viewer_scope(user: Any) -> Any:
    """Where ``user`` reads submissions and ranking schemes: their viewer scope."""
    return scope_for(user, Role.VIEWER)


def submission_writer_memberships(unit_ids: Any) -> Any:
    """The current memberships (officer or leader) of the units ``unit_ids``: who writes their reports and is told
    about them."""
    from danvan.accounts.models import Membership

    return Membership.objects.filter(unit_id__in=list(unit_ids), is_active=True, role__in=[Role.OFFICER, Role.LEADER])


def template_unit_readable(user: Any, template: Any) -> bool:
    """Whether the officer reads the figures of the template's own unit (its report, the annex of every unit): a
    viewer over that unit. A commune that only received the template does not."""
    return has_role_at(user, template.owner_unit, Role.VIEWER)
