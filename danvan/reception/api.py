"""Citizen reception API: the schedule, compliance with the heads' minimum, visits with the cases they raise, the
logbook (JSON and XLSX).

Authentication comes from the router's registration (``api.add_router("/", router, auth=api_auth)``). No
``from __future__ import annotations`` here: django-ninja reads the annotations at import time. No response
carries a denouncer's identity: a visit that raised a denunciation has no names, a case is shown by its code.
"""

from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from danvan.accounts.models import Role
from danvan.cases.models import Case, RefusalGround
from danvan.cases.models import Field as CaseField
from danvan.core.access import access_unit
from danvan.core.errors import DomainError
from danvan.core.idempotency import check_same_request, request_fingerprint, submission_key
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.routing import app_router
from danvan.core.schemas import ErrorOut
from danvan.core.subtree import subtree_q
from danvan.core.xlsx import XLSX_CONTENT_TYPE
from danvan.office.access import access_unit_for_write
from danvan.reception import access, compliance, selectors, services
from danvan.reception.logbook import logbook_response
from danvan.reception.models import ReceptionSession, SessionStatus, Visit
from danvan.reception.personal_data import ShownLogbookRows
from danvan.reception.schemas import (
    ComplianceFilter,
    ComplianceOut,
    ComplianceRowOut,
    CountedRuleOut,
    LogbookFilter,
    LogbookRowOut,
    RaisedCaseIn,
    SessionFilter,
    SessionIn,
    SessionOut,
    SessionSeriesIn,
    SessionSeriesOut,
    SessionStatusIn,
    VisitDetailOut,
    VisitFilter,
    VisitIn,
    VisitOut,
)

router = Router(tags=["reception"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- Helpers ------------------------------------------------------------------------------------------------


def _visible_unit(request: HttpRequest, unit_id: int | None) -> AdministrativeUnit | None:
    if unit_id is None:
        return None
    unit = access_unit(unit_id)
    if not access.sees_unit(request.user, unit):
        raise Http404
    return unit


def _cases_in_order() -> Prefetch:
    return Prefetch("cases", queryset=Case.objects.order_by("id"))


def _visit_out(visit: Visit) -> Visit:
    return (
        Visit.objects.select_related("unit", "refusal_ground")
        .prefetch_related(_cases_in_order(), "people")
        .get(pk=visit.pk)
    )


# --- Sessions -----------------------------------------------------------------------------------------------


@router.get("/reception/sessions", response=list[SessionOut], summary="Lịch tiếp công dân")
@paginate
def session_list(request: HttpRequest, filters: Query[SessionFilter]) -> Any:
    """Sessions of the officer's scope, by date; ``unit`` keeps its subtree."""
    sessions = access.sessions_visible_to(request.user).select_related("unit")
    unit = _visible_unit(request, filters.unit)
    if unit is not None:
        sessions = sessions.filter(subtree_q(unit))
    if filters.start:
        sessions = sessions.filter(held_on__gte=filters.start)
    if filters.end:
        sessions = sessions.filter(held_on__lte=filters.end)
    if filters.status:
        sessions = sessions.filter(status=filters.status)
    if filters.host_role:
        sessions = sessions.filter(host_role=filters.host_role)
    return sessions.order_by("held_on", "starts_at", "id")


def _session_fields(request: HttpRequest, payload: SessionIn) -> dict[str, Any]:
    """The service's arguments for a session posted by the officer (unit and organization checked)."""
    unit = access_unit_for_write(request.user, payload.unit_id)
    organization = None
    if payload.organization_id is not None:
        organization = Organization.objects.filter(pk=payload.organization_id).first()
        if organization is None:
            raise DomainError("invalid_organization", _("Cơ quan không tồn tại."), field="organization_id")
    return {
        "unit": unit,
        "kind": payload.kind,
        "host_role": payload.host_role,
        "host_name": payload.host_name,
        "host_position": payload.host_position,
        "held_on": payload.held_on,
        "starts_at": payload.starts_at,
        "ends_at": payload.ends_at,
        "location": payload.location,
        "organization": organization,
        "note": payload.note,
        "status": payload.status,
        "delegate_name": payload.delegate_name,
    }


@router.post("/reception/sessions", response={201: SessionOut, **ERRORS}, summary="Thêm buổi tiếp vào lịch")
def session_create(request: HttpRequest, payload: SessionIn) -> Any:
    return Status(201, services.session_plan(actor=request.user, **_session_fields(request, payload)))


@router.post(
    "/reception/sessions/series",
    response={201: SessionSeriesOut, **ERRORS},
    summary="Lập lịch tiếp định kỳ (hằng tuần, hằng tháng)",
)
def session_series_create(request: HttpRequest, payload: SessionSeriesIn) -> Any:
    """Every week or month from ``held_on`` to ``until``; days off move within the week (month) or are skipped."""
    series = services.session_plan_series(
        actor=request.user, repeat=payload.repeat, until=payload.until, **_session_fields(request, payload)
    )
    return Status(201, {"sessions": series.sessions, "skipped": series.skipped})


def _session_move(request: HttpRequest, session_id: int, payload: SessionStatusIn, status: str) -> ReceptionSession:
    session = access.access_session(request.user, session_id, min_role=Role.OFFICER)
    return services.session_update(
        actor=request.user,
        session=session,
        status=status,
        delegate_name=payload.delegate_name,
        note=payload.note,
        expected_version=payload.expected_version,
    )


@router.post(
    "/reception/sessions/{int:session_id}/held",
    response={200: SessionOut, **ERRORS},
    summary="Ghi nhận buổi tiếp đã diễn ra",
)
def session_held(request: HttpRequest, session_id: int, payload: SessionStatusIn) -> Any:
    return _session_move(request, session_id, payload, SessionStatus.HELD)


@router.post(
    "/reception/sessions/{int:session_id}/cancelled", response={200: SessionOut, **ERRORS}, summary="Hủy buổi tiếp"
)
def session_cancelled(request: HttpRequest, session_id: int, payload: SessionStatusIn) -> Any:
    return _session_move(request, session_id, payload, SessionStatus.CANCELLED)


# --- Compliance ---------------------------------------------------------------------------------------------


@router.get(
    "/reception/compliance",
    response={200: ComplianceOut, **ERRORS},
    summary="Số ngày tiếp công dân tối thiểu của người đứng đầu",
    description="Với mỗi xã, phường và tỉnh trong phạm vi (và thủ trưởng cơ quan có lịch tiếp): số ngày phải tiếp "
    "trong kỳ (Chủ tịch UBND cấp xã theo tuần, cấp tỉnh và thủ trưởng cơ quan theo tháng), số ngày đã trực tiếp "
    "tiếp, số còn thiếu, căn cứ pháp lý. Người còn thiếu đứng trước.",
)
def compliance_report(request: HttpRequest, filters: Query[ComplianceFilter]) -> Any:
    unit = _visible_unit(request, filters.unit)
    report = compliance.compliance(user=request.user, year=filters.year, month=filters.month, unit=unit)
    return ComplianceOut(
        start=report.start,
        end=report.end,
        as_of=report.as_of,
        delegation_ends=report.delegation_ends,
        shortfalls=report.shortfalls,
        rows=[
            ComplianceRowOut(
                unit_id=row.unit.pk,
                unit_code=row.unit.code,
                unit_name=row.unit.name,
                host_role=row.host_role,
                host_role_label=row.host_role_label,
                organization_name=row.organization_name,
                required=row.required,
                held=row.held,
                shortfall=row.shortfall,
                missed=row.missed,
                delegated_not_counted=row.delegated_not_counted,
                planned=row.planned,
                cancelled=row.cancelled,
                rule_code=row.rule.code if row.rule else None,
                rule_name=row.rule.name if row.rule else None,
                rule_value=row.rule.value if row.rule else None,
                rule_value_unit=row.rule.value_unit if row.rule else None,
                legal_basis=row.rule.legal_basis if row.rule else None,
                rules=[
                    CountedRuleOut(
                        code=rule.code,
                        value=rule.value,
                        value_unit=rule.value_unit,
                        legal_basis=rule.legal_basis,
                        valid_from=rule.valid_from,
                        valid_to=rule.valid_to,
                    )
                    for rule in row.rules
                ],
            )
            for row in report.rows
        ],
    )


# --- Visits -------------------------------------------------------------------------------------------------


@router.get("/reception/visits", response=list[VisitOut], summary="Các lượt tiếp công dân")
@paginate
def visit_list(request: HttpRequest, filters: Query[VisitFilter]) -> Any:
    visits = (
        access.visits_visible_to(request.user)
        .select_related("unit", "refusal_ground")
        .prefetch_related(_cases_in_order())
        .order_by("-visited_on", "-id")
    )
    values = filters.values()
    unit = _visible_unit(request, values.pop("unit", None))
    return selectors.filter_visits(visits, unit=unit, **values)


def _numbers(values: list[int], field: str) -> tuple[int, ...]:
    if any(v < 1 for v in values):
        raise DomainError("invalid_person_number", _("Số thứ tự người bắt đầu từ 1."), field=field)
    return tuple(v - 1 for v in values)


def _refusal_ground(code: str | None) -> RefusalGround | None:
    if not code:
        return None
    ground = RefusalGround.objects.filter(code=code).first()
    if ground is None:
        raise DomainError(
            "invalid_refusal_ground", _("Căn cứ từ chối không hợp lệ."), fields={"refusal_ground": [_("Sai.")]}
        )
    return ground


def _raised_cases(items: list[RaisedCaseIn]) -> list[services.RaisedCaseIn]:
    """The petitions of the payload as the service takes them: fields by code, people by row number from 1."""
    fields = {f.code: f for f in CaseField.objects.filter(code__in={item.field for item in items}, is_active=True)}
    raised = []
    for index, item in enumerate(items):
        field = fields.get(item.field)
        if field is None:
            raise DomainError("invalid_field", _("Lĩnh vực không hợp lệ."), field=f"cases.{index}.field")
        raised.append(
            services.RaisedCaseIn(
                kind=item.kind,
                field=field,
                title=item.title,
                summary=item.summary,
                petitioners=_numbers(item.petitioners, f"cases.{index}.petitioners"),
                representatives=_numbers(item.representatives, f"cases.{index}.representatives")
                if item.representatives is not None
                else None,
                subject_party=item.subject_party,
                complaint_round=item.complaint_round,
                is_discipline=item.is_discipline,
                event_known_on=item.event_known_on,
                late_filing_reason=item.late_filing_reason,
                is_anonymous=item.is_anonymous,
            )
        )
    return raised


@router.post(
    "/reception/visits",
    response={200: VisitDetailOut, 201: VisitDetailOut, **ERRORS},
    summary="Ghi lượt tiếp công dân (và các đơn tiếp nhận)",
    description="Một giao dịch: lượt tiếp và các đơn. Gửi lại cùng tiêu đề `Idempotency-Key` trả về lượt tiếp đã "
    "ghi (200) thay vì tạo lượt mới (201).",
)
def visit_create(request: HttpRequest, payload: VisitIn) -> Any:
    unit = access_unit_for_write(request.user, payload.unit_id)
    raw_key = (request.headers.get("Idempotency-Key") or "").strip()[:200]
    key = submission_key(request.user, raw_key)
    fingerprint = request_fingerprint("reception.visit", payload)
    if key:
        existing = Visit.objects.filter(submission_key=key).first()
        if existing is not None:
            visit = access.access_visit(request.user, existing.pk)
            check_same_request(existing.submission_fingerprint, fingerprint)
            return Status(200, _visit_out(visit))
    session = None
    if payload.session_id is not None:
        session = access.access_session(request.user, payload.session_id)
    ground = _refusal_ground(payload.refusal_ground)
    raised = _raised_cases(payload.cases)
    visit = services.visit_record(
        actor=request.user,
        unit=unit,
        visited_on=payload.visited_on or timezone.localdate(),
        kind=payload.kind,
        summary=payload.summary,
        outcome=payload.outcome,
        persons=payload.persons,
        visitors=[
            services.VisitorIn(
                full_name=v.full_name,
                address=v.address,
                id_number=v.id_number,
                phone=v.phone,
                is_representative=v.is_representative,
            )
            for v in payload.visitors
        ],
        session=session,
        already_handled_by=payload.already_handled_by,
        refusal_ground=ground,
        answer=payload.answer,
        raised=raised,
        note=payload.note,
        submission_key=key,
        submission_fingerprint=fingerprint,
    )
    return Status(201, _visit_out(visit))


@router.get(
    "/reception/visits/{int:visit_id}", response={200: VisitDetailOut, **ERRORS}, summary="Một lượt tiếp công dân"
)
def visit_detail(request: HttpRequest, visit_id: int) -> Any:
    return _visit_out(access.access_visit(request.user, visit_id))


# --- The logbook --------------------------------------------------------------------------------------------


@router.get("/reception/logbook", response=list[LogbookRowOut], summary="Sổ tiếp công dân (mẫu 03/TCD)")
@paginate
def logbook(request: HttpRequest, filters: Query[LogbookFilter]) -> Any:
    """One line per visit and matter raised, numbered over the whole period (``number``)."""
    start, end = filters.period()
    unit = _visible_unit(request, filters.unit)
    rows = selectors.LogbookRows(selectors.logbook_visits(request.user, start=start, end=end, unit=unit))
    return ShownLogbookRows(request.user, rows, unit, where="logbook_api")


@router.get(
    "/reception/logbook.xlsx",
    response={404: ErrorOut, 422: ErrorOut},
    summary="Sổ tiếp công dân (XLSX, mẫu 03/TCD)",
    openapi_extra={
        "responses": {
            200: {
                "description": "Tệp Excel",
                "content": {XLSX_CONTENT_TYPE: {}},
            }
        }
    },
)
def logbook_xlsx(request: HttpRequest, filters: Query[LogbookFilter]) -> HttpResponseBase:
    start, end = filters.period()
    unit = _visible_unit(request, filters.unit)
    rows = ShownLogbookRows(
        request.user,
        selectors.LogbookRows(selectors.logbook_visits(request.user, start=start, end=end, unit=unit)),
        unit,
        where="logbook_xlsx",
    )
    return logbook_response(rows, unit_name=selectors.logbook_unit_name(request.user, unit), start=start, end=end)


api_router = app_router(router)  # the app's one router (core.routing)
