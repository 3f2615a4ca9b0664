"""Officers' pages of the People's Inspection Board, the Community Investment Supervision Board and the project
register: the boards of the officer's communes, electing a board with its members, one board (members, by-election,
leaving, plans, checks and supervisions, ending it), one check or supervision (findings, recommendations to the
tracker), the project register and one project (edit, handover). Phone first: cards, no wide tables."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import submission_key
from danvan.core.models import AdministrativeUnit
from danvan.core.pagination import ListPaginator
from danvan.core.params import digits_int, positive_int
from danvan.core.pickers import picker_response
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms
from danvan.democracy import access
from danvan.democracy import board_services as services
from danvan.democracy.board_forms import (
    BoardForm,
    BoardListForm,
    DissolveForm,
    HandOverForm,
    MemberAddForm,
    MemberFields,
    MemberLeaveForm,
    PlanForm,
    ProjectCreateForm,
    ProjectEditForm,
    ProjectListForm,
    RecommendationForm,
    SessionForm,
    SessionRecordForm,
)
from danvan.democracy.board_selectors import (
    addressee_choices,
    boards_below_minimum,
    matter_5_decisions,
    members_in_order,
    villages_of,
)
from danvan.democracy.models import Board, BoardKind, BoardSession, InvestmentProject, Recommendation
from danvan.democracy.view_kit import run_form, run_service

PAGE_SIZE = 25
EXTRA_ROWS = 2
MAX_ROWS = 40


def _key(request: HttpRequest, form: forms.Form) -> str | None:
    return submission_key(request.user, form.cleaned_data.get("submission_key") or "")


def recommendation_link(item: Recommendation) -> str:
    """The tracker's page of ``item`` when the tracker is installed on this branch, else no link."""
    try:
        return reverse("democracy:recommendation_detail", args=[item.pk])
    except NoReverseMatch:
        return ""


# --- Boards ---------------------------------------------------------------------------------------------------------


@login_required
def board_list(request: HttpRequest) -> HttpResponse:
    """The boards of the officer's communes, commune by commune, the inspection board first; ``unit`` keeps one
    commune (or a province's communes)."""
    filters = BoardListForm(request.GET)
    boards = access.boards_visible_to(request.user).select_related("unit", "project")
    unit = None
    if filters.is_valid():
        if filters.cleaned_data.get("unit"):
            unit = access.access_unit_for_read(request.user, filters.cleaned_data["unit"])
            boards = boards.filter(subtree_q(unit))
        if filters.cleaned_data.get("kind"):
            boards = boards.filter(kind=filters.cleaned_data["kind"])
        state = filters.cleaned_data.get("state")
        if state:
            boards = boards.filter(dissolved_on__isnull=state == "active")
    ordered = boards.order_by("unit_path", "-kind", "dissolved_on", "-established_on", "-id")
    page = ListPaginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "unit": unit,
        "can_create": access.board_communes_for(request.user).exists(),
    }
    return render(request, "democracy/boards/list.html", context)


def _communes(request: HttpRequest) -> tuple[list[AdministrativeUnit], AdministrativeUnit]:
    communes = list(access.board_communes_for(request.user))
    if not communes:
        raise Http404
    wanted = positive_int(request.GET.get("unit") or request.POST.get("unit"))
    commune = next((c for c in communes if c.pk == wanted), communes[0])
    return communes, access.access_commune_for_write(request.user, commune.pk)


def _member_rows(
    request: HttpRequest, commune: AdministrativeUnit, count: int
) -> tuple[list[MemberFields], dict[str, AdministrativeUnit], dict[str, Any]]:
    villages = {str(v.pk): v for v in villages_of(commune)}
    decisions = {str(d.pk): d for d in matter_5_decisions(commune).select_related("matter")}
    village_choices = [(pk, v.name) for pk, v in villages.items()]
    decision_choices = [(pk, f"{d.number} – {d.title}") for pk, d in decisions.items()]
    data = request.POST if request.method == "POST" else None
    rows = [
        MemberFields(data, prefix=f"m{i}", villages=village_choices, decisions=decision_choices) for i in range(count)
    ]
    return rows, villages, decisions


@login_required
def board_create(request: HttpRequest) -> HttpResponse:
    """Record a board as elected, with its member rows (one per village for the inspection board)."""
    communes, commune = _communes(request)
    projects = [
        (str(p.pk), p.name)
        for p in InvestmentProject.objects.filter(unit=commune, handed_over_on__isnull=True, board__isnull=True)
    ]
    village_count = len(villages_of(commune))
    count = min(max(village_count, 5) + EXTRA_ROWS, MAX_ROWS)
    rows, villages, decisions = _member_rows(request, commune, count)
    block_errors: list[str] = []
    if request.method == "POST":
        form = BoardForm(request.POST, projects=projects)
        rows_valid = all(row.is_valid() for row in rows if not row.is_blank)
        if form.is_valid() and rows_valid:
            data = form.cleaned_data
            filled = [row for row in rows if not row.is_blank]
            lines = [
                services.MemberLine(
                    full_name=row.cleaned_data["full_name"],
                    village=villages.get(row.cleaned_data["village"]),
                    position=row.cleaned_data["position"],
                    is_resident=row.cleaned_data["is_resident"],
                    affiliation=row.cleaned_data["affiliation"],
                    decision=decisions.get(row.cleaned_data["decision"]),
                )
                for row in filled
            ]
            project_id = positive_int(data["project"])
            project = InvestmentProject.objects.filter(pk=project_id or 0, unit=commune).first()
            try:
                board = services.board_establish(
                    actor=request.user,
                    unit=commune,
                    kind=data["kind"],
                    established_on=data["established_on"],
                    members=lines,
                    project=project,
                    name=data["name"],
                    submission_key=_key(request, form),
                )
            except DomainError as error:
                others = apply_errors(form, error, field_names={"project_id": "project"}, summary=True, elsewhere=True)
                for key, problems in others.items():
                    # "members.3" / "members.3.village_id": beside the fourth filled row; "members": above the rows
                    parts = key.split(".")
                    index = digits_int(parts[1]) if parts[0] == "members" and len(parts) > 1 else None
                    if index is not None and index < len(filled):
                        for problem in problems:
                            filled[index].add_error(None, problem)
                    else:
                        block_errors.extend(problems)
            else:
                messages.success(request, _("Đã ghi kết quả bầu ban."))
                return redirect("democracy:board_detail", board_id=board.pk)
    else:
        form = BoardForm(projects=projects, initial={"submission_key": uuid.uuid4().hex})
        for index, row in enumerate(rows):
            row.initial = {"village": str(list(villages)[index]) if index < len(villages) else ""}
    context = {
        "form": form,
        "rows": rows,
        "commune": commune,
        "communes": communes,
        "village_count": village_count,
        "block_errors": block_errors,
    }
    return render(request, "democracy/boards/form.html", context, status=422 if request.method == "POST" else 200)


def _board_page(request: HttpRequest, board: Board, **given: Any) -> HttpResponse:
    today = timezone.localdate()
    can_write = access.can_keep_boards_at(request.user, board.unit) and board.is_active
    members = members_in_order(board)
    commune = board.unit
    villages = [(str(v.pk), v.name) for v in villages_of(commune)]
    decisions = [(str(d.pk), f"{d.number} – {d.title}") for d in matter_5_decisions(commune)]
    plans = list(board.plans.order_by("-year", "period", "number", "id"))
    leave_forms = {
        m.pk: given.get(f"leave_{m.pk}")
        or MemberLeaveForm(initial={"version": m.version, "left_on": today}, prefix=f"l{m.pk}")
        for m in members
        if m.is_active
    }
    context = {
        "board": board,
        "today": today,
        "can_write": can_write,
        "members": [(m, leave_forms.get(m.pk)) for m in members],
        "active_count": sum(1 for m in members if m.is_active),
        "short": boards_below_minimum(Board.objects.filter(pk=board.pk), today),
        "plans": plans,
        "sessions": list(board.sessions.order_by("-starts_on", "-id")),
        "member_form": given.get("member")
        or MemberAddForm(
            villages=villages, decisions=decisions, initial={"version": board.version, "elected_on": today}
        ),
        "plan_form": given.get("plan")
        or PlanForm(initial={"submission_key": uuid.uuid4().hex, "year": today.year, "approved_on": today}),
        "session_form": given.get("session")
        or SessionForm(plans=[(str(p.pk), str(p)) for p in plans], initial={"submission_key": uuid.uuid4().hex}),
        "dissolve_form": given.get("dissolve")
        or DissolveForm(initial={"version": board.version, "dissolved_on": today}),
    }
    return render(request, "democracy/boards/detail.html", context, status=422 if given else 200)


@login_required
def board_detail(request: HttpRequest, board_id: int) -> HttpResponse:
    return _board_page(request, access.access_board(request.user, board_id))


@login_required
@require_POST
def board_member_add(request: HttpRequest, board_id: int) -> HttpResponse:
    board = access.access_board(request.user, board_id, for_write=True)
    villages = {str(v.pk): v for v in villages_of(board.unit)}
    decisions = {str(d.pk): d for d in matter_5_decisions(board.unit).select_related("matter")}
    form = MemberAddForm(
        request.POST,
        villages=[(pk, v.name) for pk, v in villages.items()],
        decisions=[(pk, f"{d.number} – {d.title}") for pk, d in decisions.items()],
    )
    if form.is_valid():
        data = form.cleaned_data
        line = services.MemberLine(
            full_name=data["full_name"],
            village=villages.get(data["village"]),
            position=data["position"],
            is_resident=data["is_resident"],
            affiliation=data["affiliation"],
            decision=decisions.get(data["decision"]),
            elected_on=data["elected_on"],
        )
        done = run_service(
            form,
            lambda: services.member_add(actor=request.user, board=board, expected_version=data["version"], line=line),
        )
        if done is not None:
            messages.success(request, _("Đã ghi thành viên bầu bổ sung."))
            return redirect("democracy:board_detail", board_id=board.pk)
    return _board_page(request, board, member=form)


@login_required
@require_POST
def board_member_leave(request: HttpRequest, board_id: int, member_id: int) -> HttpResponse:
    member = access.access_board_member(request.user, board_id, member_id)
    form = MemberLeaveForm(request.POST, prefix=f"l{member.pk}")
    done = run_form(
        form,
        lambda data: services.member_leave(
            actor=request.user,
            member=member,
            expected_version=data["version"],
            left_on=data["left_on"],
            reason=data["reason"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi thành viên thôi làm thành viên ban."))
        return redirect("democracy:board_detail", board_id=board_id)
    return _board_page(request, member.board, **{f"leave_{member.pk}": form})


@login_required
@require_POST
def board_plan_add(request: HttpRequest, board_id: int) -> HttpResponse:
    board = access.access_board(request.user, board_id, for_write=True)
    form = PlanForm(request.POST)
    done = run_form(
        form,
        lambda data: services.plan_add(
            actor=request.user,
            board=board,
            period=data["period"],
            year=data["year"],
            number=data["number"],
            content=data["content"],
            approved_on=data["approved_on"],
            submission_key=_key(request, form),
        ),
    )
    if done is not None:
        messages.success(request, _("Đã thêm kế hoạch."))
        return redirect("democracy:board_detail", board_id=board.pk)
    return _board_page(request, board, plan=form)


@login_required
@require_POST
def board_session_add(request: HttpRequest, board_id: int) -> HttpResponse:
    board = access.access_board(request.user, board_id, for_write=True)
    plans = {str(p.pk): p for p in board.plans.all()}
    form = SessionForm(request.POST, plans=[(pk, str(p)) for pk, p in plans.items()])
    if form.is_valid():
        data = form.cleaned_data
        session = run_service(
            form,
            lambda: services.session_plan(
                actor=request.user,
                board=board,
                subject=data["subject"],
                starts_on=data["starts_on"],
                plan_sent_on=data["plan_sent_on"],
                investor_notified_on=data["investor_notified_on"],
                plan=plans.get(data["plan"]),
                submission_key=_key(request, form),
            ),
            field_names={"plan_id": "plan"},
        )
        if session is not None:
            messages.success(request, _("Đã lên kế hoạch kiểm tra, giám sát."))
            return redirect("democracy:board_session_detail", board_session_id=session.pk)
    return _board_page(request, board, session=form)


@login_required
@require_POST
def board_dissolve(request: HttpRequest, board_id: int) -> HttpResponse:
    board = access.access_board(request.user, board_id, for_write=True)
    form = DissolveForm(request.POST)
    done = run_form(
        form,
        lambda data: services.board_dissolve(
            actor=request.user,
            board=board,
            expected_version=data["version"],
            dissolved_on=data["dissolved_on"],
            reason=data["reason"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi kết thúc hoạt động của ban."))
        return redirect("democracy:board_detail", board_id=board.pk)
    return _board_page(request, board, dissolve=form)


# --- Sessions -------------------------------------------------------------------------------------------------------


def _org_choices(session: BoardSession) -> list[tuple[str, str]]:
    return [(str(o.pk), f"{o.name}") for o in addressee_choices(session.unit).order_by("unit__level", "name")]


def _session_page(request: HttpRequest, session: BoardSession, **given: Any) -> HttpResponse:
    today = timezone.localdate()
    items = list(Recommendation.objects.for_event(session).select_related("addressee_org").order_by("id"))
    context = {
        "session": session,
        "board": session.board,
        "today": today,
        "can_write": access.can_keep_boards_at(request.user, session.unit),
        "items": [(item, recommendation_link(item)) for item in items],
        "record_form": given.get("record")
        or SessionRecordForm(
            initial={
                "version": session.version,
                "held_on": session.held_on or min(today, max(session.starts_on, today)),
                "findings": session.findings,
                "has_violations": session.has_violations,
            }
        ),
        "recommendation_form": given.get("recommendation")
        or RecommendationForm(organizations=_org_choices(session), initial={"submission_key": uuid.uuid4().hex}),
    }
    return render(request, "democracy/boards/session.html", context, status=422 if given else 200)


@login_required
def board_session_detail(request: HttpRequest, board_session_id: int) -> HttpResponse:
    return _session_page(request, access.access_board_session(request.user, board_session_id))


@login_required
@require_POST
def board_session_record(request: HttpRequest, board_session_id: int) -> HttpResponse:
    session = access.access_board_session(request.user, board_session_id, for_write=True)
    form = SessionRecordForm(request.POST)
    done = run_form(
        form,
        lambda data: services.session_record(
            actor=request.user,
            session=session,
            expected_version=data["version"],
            held_on=data["held_on"],
            findings=data["findings"],
            has_violations=data["has_violations"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi kết quả kiểm tra, giám sát."))
        return redirect("democracy:board_session_detail", board_session_id=session.pk)
    return _session_page(request, session, record=form)


@login_required
@require_POST
def board_session_recommend(request: HttpRequest, board_session_id: int) -> HttpResponse:
    session = access.access_board_session(request.user, board_session_id, for_write=True)
    organizations = {str(o.pk): o for o in addressee_choices(session.unit)}
    form = RecommendationForm(request.POST, organizations=[(pk, o.name) for pk, o in organizations.items()])
    done = run_form(
        form,
        lambda data: services.session_raise(
            actor=request.user,
            session=session,
            content=data["content"],
            kind=data["kind"],
            field=data["field"],
            addressee=data["addressee"],
            addressee_org=organizations.get(data["addressee_org"]),
            submission_key=_key(request, form),
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi kiến nghị của ban; kiến nghị được theo dõi đến khi có trả lời."))
        return redirect("democracy:board_session_detail", board_session_id=session.pk)
    return _session_page(request, session, recommendation=form)


# --- Projects -------------------------------------------------------------------------------------------------------


@login_required
def board_project_list(request: HttpRequest) -> HttpResponse:
    """The investment projects of the officer's communes, latest started first; the search ignores diacritics."""
    filters = ProjectListForm(request.GET)
    projects = access.board_projects_visible_to(request.user).select_related("unit", "board")
    if filters.is_valid():
        if filters.cleaned_data.get("q"):
            projects = projects.filter(matches_all_terms(filters.cleaned_data["q"]))
        state = filters.cleaned_data.get("state")
        if state:
            projects = projects.filter(handed_over_on__isnull=state == "open")
    page = ListPaginator(projects.order_by("-starts_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "can_create": access.board_communes_for(request.user).exists()}
    return render(request, "democracy/boards/projects.html", context)


@login_required
def board_project_create(request: HttpRequest) -> HttpResponse:
    units = access.board_communes_for(request.user)
    if not units.exists():
        raise Http404
    if request.method == "POST":
        form = ProjectCreateForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            unit = access.access_commune_for_write(request.user, data["unit"].pk)
            values = {k: data[k] for k in services.PROJECT_FIELDS}
            project = run_service(
                form,
                lambda: services.project_create(
                    actor=request.user, unit=unit, submission_key=_key(request, form), **values
                ),
                field_names={"unit_id": "unit"},
            )
            if project is not None:
                messages.success(request, _("Đã thêm dự án vào danh mục."))
                return redirect("democracy:board_project_detail", project_id=project.pk)
    else:
        form = ProjectCreateForm(units=units, initial={"submission_key": uuid.uuid4().hex, "unit": units.first()})
        if (matches := picker_response(request, form)) is not None:
            return matches
    return render(request, "democracy/boards/project_form.html", {"form": form}, status=422 if form.errors else 200)


def _project_page(request: HttpRequest, project: InvestmentProject, **given: Any) -> HttpResponse:
    try:
        board: Board | None = project.board
    except ObjectDoesNotExist:
        board = None
    initial = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
    context = {
        "project": project,
        "board": board,
        "can_write": access.can_keep_boards_at(request.user, project.unit),
        "edit_form": given.get("edit") or ProjectEditForm(initial={**initial, "version": project.version}),
        "handover_form": given.get("handover")
        or HandOverForm(initial={"version": project.version, "handed_over_on": timezone.localdate()}),
        "kind_investment": BoardKind.INVESTMENT_SUPERVISION,
    }
    return render(request, "democracy/boards/project.html", context, status=422 if given else 200)


@login_required
def board_project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project_page(request, access.access_board_project(request.user, project_id))


@login_required
@require_POST
def board_project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.access_board_project(request.user, project_id, for_write=True)
    form = ProjectEditForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        values = {k: data[k] for k in services.PROJECT_FIELDS}
        done = run_service(
            form,
            lambda: services.project_update(
                actor=request.user, project=project, expected_version=data["version"], **values
            ),
        )
        if done is not None:
            messages.success(request, _("Đã sửa dự án."))
            return redirect("democracy:board_project_detail", project_id=project.pk)
    return _project_page(request, project, edit=form)


@login_required
@require_POST
def board_project_handover(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.access_board_project(request.user, project_id, for_write=True)
    form = HandOverForm(request.POST)
    done = run_form(
        form,
        lambda data: services.project_hand_over(
            actor=request.user,
            project=project,
            expected_version=data["version"],
            handed_over_on=data["handed_over_on"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi bàn giao dự án; Ban giám sát đầu tư kết thúc hoạt động."))
        return redirect("democracy:board_project_detail", project_id=project.pk)
    return _project_page(request, project, handover=form)


def board_card_counts(user: Any, unit: AdministrativeUnit | None) -> dict[str, int]:
    """What the home card counts under the officer's unit: boards at work, projects under way, checks planned."""
    if unit is None:
        return {}
    today = timezone.localdate()
    boards = access.boards_visible_to(user).filter(subtree_q(unit), dissolved_on__isnull=True)
    return {
        "inspection": boards.filter(kind=BoardKind.PEOPLES_INSPECTION).count(),
        "investment": boards.filter(kind=BoardKind.INVESTMENT_SUPERVISION).count(),
        "projects_open": access.board_projects_visible_to(user)
        .filter(subtree_q(unit), handed_over_on__isnull=True)
        .count(),
        "sessions_ahead": access.board_sessions_visible_to(user)
        .filter(subtree_q(unit), status="planned", starts_on__gte=today)
        .count(),
    }
