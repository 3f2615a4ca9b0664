"""Back-office pages of citizen reception: the desk's start page, the schedule, compliance, visits, the logbook."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role
from danvan.cases.personal_data import shown_people
from danvan.core.access import access_unit
from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import submission_key
from danvan.core.models import AdministrativeUnit, Organization, UnitTree
from danvan.core.pagination import ListPaginator
from danvan.core.params import positive_int
from danvan.reception import access, compliance, recommendations, selectors, services
from danvan.reception.forms import (
    ComplianceForm,
    LogbookFilterForm,
    ScheduleFilterForm,
    SessionForm,
    SessionStatusForm,
    VisitForm,
)
from danvan.reception.logbook import COLUMNS, logbook_response
from danvan.reception.models import ReceptionSession, SessionStatus
from danvan.reception.personal_data import ShownLogbookRows
from danvan.reception.schemas import LogbookFilter

SCHEDULE_PAGE_SIZE = 50
LOGBOOK_PAGE_SIZE = 50
COMPLIANCE_PAGE_SIZE = 100
RECENT_VISITS = 10


def _int(value: Any) -> int | None:
    return positive_int(value)


def reception_units(request: HttpRequest) -> QuerySet[AdministrativeUnit]:
    """Current units where the officer receives: those of their memberships (officer or above), and the unit
    asked for in ``?unit=`` when they may receive there."""
    ids = access.receiving_unit_ids(request.user)
    asked = _int(request.GET.get("unit") or request.POST.get("unit"))
    if asked is not None:
        unit = AdministrativeUnit.objects.filter(pk=asked).first()
        if unit is not None and access.can_receive_at(request.user, unit):
            ids.add(unit.pk)
    return AdministrativeUnit.objects.filter(pk__in=ids, tree=UnitTree.CURRENT).order_by("level", "name")


def series_message(series: services.SessionSeries) -> str:
    """What a series added, e.g. “Đã đưa 2 buổi tiếp vào lịch (25/12/2026 – 08/01/2027); không đưa: 01/01/2027 (ngày nghỉ).”"""
    days = [session.held_on for session in series.sessions]
    if days:
        message = ngettext("Đã đưa %(n)s buổi tiếp vào lịch", "Đã đưa %(n)s buổi tiếp vào lịch", len(days)) % {
            "n": len(days)
        }
        message += f" ({days[0]:%d/%m/%Y} – {days[-1]:%d/%m/%Y})"
    else:
        message = _("Không có buổi tiếp nào mới được đưa vào lịch")
    if series.skipped:
        skipped = ", ".join(f"{item.day:%d/%m/%Y} ({item.reason})" for item in series.skipped)
        message += "; " + _("không đưa: %(days)s") % {"days": skipped}
    return message + "."


def _scope_unit(request: HttpRequest, unit_id: int | None) -> AdministrativeUnit | None:
    """The unit a page is narrowed to (``?unit=``), if the officer may see it; ``Http404`` otherwise."""
    if unit_id is None:
        return None
    unit = access_unit(unit_id)
    if not access.sees_unit(request.user, unit):
        raise Http404
    return unit


def _report(form: Any, error: DomainError) -> None:
    """A service's refusal on the form: its message, and each problem on the field it names (core.forms)."""
    apply_errors(form, error, summary=True)


@login_required
def reception_index(request: HttpRequest) -> HttpResponse:
    """Today's sessions, the latest visits, and the way to each reception page."""
    today = timezone.localdate()
    sessions = (
        access.sessions_visible_to(request.user)
        .filter(held_on=today)
        .select_related("unit")
        .order_by("starts_at", "id")
    )
    visits = (
        access.visits_visible_to(request.user)
        .select_related("unit")
        .annotate(case_count=Count("cases"))
        .order_by("-visited_on", "-id")[:RECENT_VISITS]
    )
    return render(
        request,
        "reception/index.html",
        {
            "today": today,
            "sessions": sessions,
            "visits": visits,
            "can_receive": reception_units(request).exists(),
        },
    )


SESSION_FIELDS = (
    "unit",
    "kind",
    "host_role",
    "host_name",
    "host_position",
    "held_on",
    "starts_at",
    "ends_at",
    "location",
    "organization",
    "note",
    "status",
    "delegate_name",
)


def _plan_from_form(request: HttpRequest, form: SessionForm) -> HttpResponse | None:
    """Plan the session (or the series) the form asks for and go back to the schedule; None when the form or the
    service refused it (the errors are on the form)."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    fields = {name: data[name] for name in SESSION_FIELDS}
    try:
        if data["repeat"]:
            series = services.session_plan_series(
                actor=request.user, repeat=data["repeat"], until=data["repeat_until"], **fields
            )
        else:
            session = services.session_plan(actor=request.user, **fields)
    except DomainError as error:
        _report(form, error)
        return None
    if data["repeat"]:
        notify = messages.success if series.sessions else messages.warning
        notify(request, series_message(series))
    else:
        messages.success(
            request, _("Đã ghi buổi tiếp công dân ngày %(date)s.") % {"date": session.held_on.strftime("%d/%m/%Y")}
        )
    return redirect("reception:schedule")


@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    """The schedule: sessions in the officer's scope, and the form to plan one (or record one already held)."""
    units = reception_units(request)
    can_plan = units.exists()
    organizations = Organization.objects.filter(unit__in=units, is_active=True).select_related("unit")
    form = SessionForm(request.POST or None, units=units, organizations=organizations) if can_plan else None
    if request.method == "POST":
        if form is None:
            raise Http404
        planned = _plan_from_form(request, form)
        if planned is not None:
            return planned
    elif form is not None:
        form.initial = {"held_on": timezone.localdate(), "host_role": "commune_chairman"}
    filters = ScheduleFilterForm(request.GET or None, auto_id="filter_%s")  # ids apart from the plan form's
    sessions = access.sessions_visible_to(request.user).select_related("unit", "organization")
    data = filters.cleaned_data if filters.is_valid() else {}
    start = data.get("start") or timezone.localdate() - dt.timedelta(days=31)
    sessions = sessions.filter(held_on__gte=start)
    if data.get("end"):
        sessions = sessions.filter(held_on__lte=data["end"])
    if data.get("status"):
        sessions = sessions.filter(status=data["status"])
    if data.get("host_role"):
        sessions = sessions.filter(host_role=data["host_role"])
    page = ListPaginator(sessions.order_by("held_on", "starts_at", "id"), SCHEDULE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    manageable = {s.pk for s in page if access.can_manage_session(request.user, s)}
    return render(
        request,
        "reception/schedule.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "manageable": manageable,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def session_status(request: HttpRequest, session_id: int) -> HttpResponse:
    """Mark a session held (perhaps by a deputy in the head's place) or cancelled."""
    session = access.access_session(request.user, session_id, min_role=Role.OFFICER)
    form = SessionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ; hãy tải lại trang."))
        return redirect("reception:schedule")
    data = form.cleaned_data
    try:
        services.session_update(
            actor=request.user,
            session=session,
            status=data["status"],
            delegate_name=data["delegate_name"],
            note=data["note"] or None,
            expected_version=data["version"],
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if data["status"] == SessionStatus.HELD:
            messages.success(request, _("Đã ghi nhận buổi tiếp đã diễn ra."))
        else:
            messages.success(request, _("Đã hủy buổi tiếp."))
    return redirect("reception:schedule")


@login_required
def compliance_page(request: HttpRequest) -> HttpResponse:
    """Which heads fell short of their legal minimum of reception days in a month or a year."""
    today = timezone.localdate()
    form = ComplianceForm(request.GET or {"year": today.year, "month": today.month})
    context: dict[str, Any] = {"form": form, "report": None}
    if form.is_valid():
        data = form.cleaned_data
        unit = _scope_unit(request, data.get("unit"))
        try:
            report = compliance.compliance(user=request.user, year=data["year"], month=data.get("month"), unit=unit)
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            rows = [row for row in report.rows if row.shortfall] if data.get("shortfall") else report.rows
            query = request.GET.copy()
            query.pop("page", None)
            context.update(
                report=report,
                unit=unit,
                page=ListPaginator(rows, COMPLIANCE_PAGE_SIZE).get_page(request.GET.get("page")),
                query=query.urlencode(),
            )
    return render(request, "reception/compliance.html", context)


def _visit_sessions(units: QuerySet[AdministrativeUnit]) -> QuerySet[ReceptionSession]:
    today = timezone.localdate()
    return (
        ReceptionSession.objects.filter(unit__in=units, held_on__gte=today - dt.timedelta(days=7), held_on__lte=today)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("-held_on", "starts_at")
    )


@login_required
def visit_create(request: HttpRequest) -> HttpResponse:
    """Record a visit at the desk: who came, what they raised, and what came of it (cases, an answer, a refusal)."""
    units = reception_units(request)
    if not units.exists():
        raise Http404
    sessions = _visit_sessions(units)
    if request.method == "POST":
        form = VisitForm(request.POST, units=units, sessions=sessions)
        if form.is_valid():
            data = form.cleaned_data
            visitors, index_of = form.visitors()
            try:
                visit = services.visit_record(
                    actor=request.user,
                    unit=data["unit"],
                    visited_on=data["visited_on"],
                    kind=data["kind"],
                    summary=data["summary"],
                    outcome=data["outcome"],
                    persons=data["persons"],
                    visitors=visitors,
                    session=data["session"],
                    already_handled_by=data["already_handled_by"],
                    refusal_ground=data["refusal_ground"],
                    answer=data["answer"],
                    raised=form.raised(index_of),
                    note=data["note"],
                    submission_key=submission_key(request.user, data["submission_key"]),
                )
            except DomainError as error:
                _report(form, error)
            else:
                count = visit.cases.count()
                if count:
                    messages.success(
                        request,
                        ngettext(
                            "Đã ghi lượt tiếp và tiếp nhận %(n)s đơn.",
                            "Đã ghi lượt tiếp và tiếp nhận %(n)s đơn.",
                            count,
                        )
                        % {"n": count},
                    )
                else:
                    messages.success(request, _("Đã ghi lượt tiếp công dân."))
                return redirect("reception:visit_detail", visit_id=visit.pk)
    else:
        today_sessions = [s for s in sessions if s.held_on == timezone.localdate()]
        form = VisitForm(
            units=units,
            sessions=sessions,
            initial={
                "visited_on": timezone.localdate(),
                "submission_key": uuid.uuid4().hex,
                "session": today_sessions[0].pk if len(today_sessions) == 1 else None,
                "unit": units.first(),
            },
        )
    return render(request, "reception/visit_form.html", {"form": form})


@login_required
def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = access.access_visit(request.user, visit_id)
    cases = access.cases_visible_to(request.user).filter(visit=visit).select_related("field").order_by("id")
    return render(
        request,
        "reception/visit_detail.html",
        {
            "visit": visit,
            "people": []
            if visit.is_confidential
            else shown_people(request.user, visit, visit.people.all(), where="visit_page"),
            "cases": cases,
            "outcome": selectors.visit_outcome(visit),
            "can_track": recommendations.can_track(visit) and access.can_track_visit(request.user, visit),
            "tracked": list(recommendations.tracked_items(visit)),
        },
    )


@login_required
@require_POST
def visit_track(request: HttpRequest, visit_id: int) -> HttpResponse:
    """Track the visit's recommendation or feedback in the recommendation tracker (once)."""
    visit = access.access_visit(request.user, visit_id, min_role=Role.OFFICER)
    try:
        item = recommendations.visit_track(actor=request.user, visit=visit)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("reception:visit_detail", visit_id=visit.pk)
    messages.success(request, _("Đã đưa kiến nghị vào theo dõi; hạn trả lời tính theo quy định."))
    return redirect("democracy:recommendation_detail", item_id=item.pk)


def _logbook_scope(request: HttpRequest) -> tuple[LogbookFilterForm, AdministrativeUnit | None, dt.date, dt.date]:
    form = LogbookFilterForm(request.GET or None)  # shows the filters; their values come from LogbookFilter
    filters = LogbookFilter.from_params(request.GET)
    unit = _scope_unit(request, filters.unit)
    start, end = filters.period(lenient=True)
    return form, unit, start, end


@login_required
def logbook_page(request: HttpRequest) -> HttpResponse:
    """The logbook (sổ tiếp công dân) of a period, one line per visit and matter raised, 50 lines a page."""
    form, unit, start, end = _logbook_scope(request)
    rows = ShownLogbookRows(
        request.user,
        selectors.LogbookRows(selectors.logbook_visits(request.user, start=start, end=end, unit=unit)),
        unit,
        where="logbook_page",
    )
    paginator = ListPaginator(rows, LOGBOOK_PAGE_SIZE)  # type: ignore[arg-type]
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reception/logbook.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "unit_name": selectors.logbook_unit_name(request.user, unit),
            "start": start,
            "end": end,
            "headers": [_(column.header) for column in COLUMNS],
        },
    )


@login_required
def logbook_xlsx(request: HttpRequest) -> HttpResponseBase:
    """The same logbook as an XLSX file (Form 03/TCD) for the whole period."""
    _form, unit, start, end = _logbook_scope(request)
    rows = ShownLogbookRows(
        request.user,
        selectors.LogbookRows(selectors.logbook_visits(request.user, start=start, end=end, unit=unit)),
        unit,
        where="logbook_xlsx",
    )
    return logbook_response(rows, unit_name=selectors.logbook_unit_name(request.user, unit), start=start, end=end)
