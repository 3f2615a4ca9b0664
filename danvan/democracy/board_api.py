"""API of People's Inspection Boards and Community Investment Supervision Boards (Luật 10/2022/QH15 Art. 36–45; NĐ 59/2023 Art. 12–19), under /api/v1/democracy/…

``/democracy/board-projects`` is the commune's register of investment projects; ``/democracy/boards`` the boards
with their members and plans; ``/democracy/board-sessions`` the inspection checks and supervisions, with the
recommendations they raise to the tracker. No ``from __future__ import annotations`` here: django-ninja reads the
annotations at import time. Creations take an ``Idempotency-Key``; changes take the ``expected_version`` the client
read (409 ``stale``); a record outside the officer's units is 404; a refusal is ``{"code", "message"}``.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from danvan.core.models import AdministrativeUnit
from danvan.core.schemas import ErrorOut
from danvan.core.subtree import subtree_q
from danvan.core.text import matches_all_terms
from danvan.democracy import access
from danvan.democracy import board_services as services
from danvan.democracy.api_submissions import api_submission
from danvan.democracy.board_schemas import (
    BoardDetailOut,
    BoardDissolveIn,
    BoardFilter,
    BoardIn,
    BoardOut,
    MemberAddIn,
    MemberIn,
    MemberLeaveIn,
    MemberOut,
    PlanIn,
    PlanOut,
    ProjectCreateIn,
    ProjectFilter,
    ProjectHandOverIn,
    ProjectOut,
    ProjectUpdateIn,
    SessionIn,
    SessionOut,
    SessionRecommendationIn,
    SessionRecommendationOut,
    SessionRecordIn,
)
from danvan.democracy.board_selectors import addressee_choices
from danvan.democracy.models import (
    Board,
    BoardPlan,
    BoardSession,
    CommunityDecision,
    InvestmentProject,
    Recommendation,
)
from danvan.democracy.service_kit import invalid

router = Router(tags=["democracy"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def member_line(board_unit: AdministrativeUnit, payload: MemberIn, index: int | None = None) -> services.MemberLine:
    """A member as sent: the village must be one of the commune's, the decision the commune's (404 is not used:
    a wrong id is a 422 beside its field)."""
    prefix = f"members.{index}." if index is not None else ""
    village = None
    if payload.village_id is not None:
        village = AdministrativeUnit.objects.filter(pk=payload.village_id, parent=board_unit).first()
        if village is None:
            raise invalid("village_outside_commune", _("Thôn, tổ dân phố phải thuộc xã này."), f"{prefix}village_id")
    decision = None
    if payload.decision_id is not None:
        decision = (
            CommunityDecision.objects.select_related("matter").filter(pk=payload.decision_id, unit=board_unit).first()
        )
        if decision is None:
            raise invalid("decision_other_commune", _("Kết quả bầu phải là của xã này."), f"{prefix}decision_id")
    return services.MemberLine(
        full_name=payload.full_name,
        village=village,
        position=payload.position,
        is_resident=payload.is_resident,
        affiliation=payload.affiliation,
        decision=decision,
        elected_on=payload.elected_on,
    )


# --- Projects -------------------------------------------------------------------------------------------------------


@router.get("/democracy/board-projects", response=list[ProjectOut], summary="Danh mục dự án đầu tư tại xã")
@paginate
def project_list(request: HttpRequest, filters: Query[ProjectFilter]) -> QuerySet[InvestmentProject]:
    """Projects of the officer's units, latest started first; ``q`` ignores diacritics."""
    projects = access.board_projects_visible_to(request.user).select_related("unit", "board")
    if filters.unit is not None:
        projects = projects.filter(subtree_q(access.access_unit_for_read(request.user, filters.unit)))
    if filters.handed_over is not None:
        projects = projects.filter(handed_over_on__isnull=not filters.handed_over)
    if filters.q:
        projects = projects.filter(matches_all_terms(filters.q))
    return projects.order_by("-starts_on", "-id")


@router.post(
    "/democracy/board-projects",
    response={200: ProjectOut, 201: ProjectOut, **ERRORS},
    summary="Thêm dự án đầu tư vào danh mục",
    description="Chủ đầu tư, tổng mức đầu tư, địa điểm, thời gian. Gửi lại cùng `Idempotency-Key` trả về dự án đã tạo.",
)
def project_create(request: HttpRequest, payload: ProjectCreateIn) -> Any:
    unit = access.access_commune_for_write(request.user, payload.unit_id)
    submission = api_submission(request, InvestmentProject, "democracy.board_project", payload)
    if submission.existing is not None:
        return Status(200, access.access_board_project(request.user, submission.existing.pk))
    values = payload.dict(exclude={"unit_id"})
    project = services.project_create(
        actor=request.user,
        unit=unit,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
        **values,
    )
    return Status(201, project)


@router.get(
    "/democracy/board-projects/{int:project_id}", response={200: ProjectOut, **ERRORS}, summary="Một dự án đầu tư"
)
def project_detail(request: HttpRequest, project_id: int) -> Any:
    return access.access_board_project(request.user, project_id)


@router.put(
    "/democracy/board-projects/{int:project_id}", response={200: ProjectOut, **ERRORS}, summary="Sửa dự án đầu tư"
)
def project_update(request: HttpRequest, project_id: int, payload: ProjectUpdateIn) -> Any:
    project = access.access_board_project(request.user, project_id, for_write=True)
    return services.project_update(actor=request.user, project=project, **payload.dict())


@router.post(
    "/democracy/board-projects/{int:project_id}/handover",
    response={200: ProjectOut, **ERRORS},
    summary="Ghi ngày bàn giao dự án (Ban giám sát kết thúc)",
)
def project_hand_over(request: HttpRequest, project_id: int, payload: ProjectHandOverIn) -> Any:
    project = access.access_board_project(request.user, project_id, for_write=True)
    return services.project_hand_over(actor=request.user, project=project, **payload.dict())


# --- Boards ---------------------------------------------------------------------------------------------------------


@router.get("/democracy/boards", response=list[BoardOut], summary="Ban Thanh tra nhân dân, Ban Giám sát đầu tư")
@paginate
def board_list(request: HttpRequest, filters: Query[BoardFilter]) -> QuerySet[Board]:
    boards = access.boards_visible_to(request.user).select_related("unit")
    if filters.unit is not None:
        boards = boards.filter(subtree_q(access.access_unit_for_read(request.user, filters.unit)))
    if filters.kind:
        boards = boards.filter(kind=filters.kind)
    if filters.active is not None:
        boards = boards.filter(dissolved_on__isnull=filters.active)
    return boards.order_by("unit_path", "kind", "-established_on", "-id")


@router.post(
    "/democracy/boards",
    response={200: BoardDetailOut, 201: BoardDetailOut, **ERRORS},
    summary="Ghi kết quả bầu một ban với danh sách thành viên",
    description="Ban Thanh tra nhân dân (tại xã) hoặc Ban Giám sát đầu tư của cộng đồng (theo dự án). Kiểm tra số "
    "thành viên tối thiểu, Trưởng ban, số Phó Trưởng ban, thôn bầu, xung đột lợi ích, kết quả bầu nội dung 5.",
)
def board_create(request: HttpRequest, payload: BoardIn) -> Any:
    unit = access.access_commune_for_write(request.user, payload.unit_id)
    submission = api_submission(request, Board, "democracy.board", payload)
    if submission.existing is not None:
        return Status(200, access.access_board(request.user, submission.existing.pk))
    project = None
    if payload.project_id is not None:
        try:
            project = access.access_board_project(request.user, payload.project_id, for_write=True)
        except Http404:
            raise invalid("project_other_commune", _("Dự án phải thuộc xã này."), "project_id") from None
    board = services.board_establish(
        actor=request.user,
        unit=unit,
        kind=payload.kind,
        established_on=payload.established_on,
        members=[member_line(unit, m, i) for i, m in enumerate(payload.members)],
        project=project,
        name=payload.name,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, board)


@router.get("/democracy/boards/{int:board_id}", response={200: BoardDetailOut, **ERRORS}, summary="Một ban")
def board_detail(request: HttpRequest, board_id: int) -> Any:
    return access.access_board(request.user, board_id)


@router.post(
    "/democracy/boards/{int:board_id}/dissolve",
    response={200: BoardOut, **ERRORS},
    summary="Kết thúc hoạt động của ban",
)
def board_dissolve(request: HttpRequest, board_id: int, payload: BoardDissolveIn) -> Any:
    board = access.access_board(request.user, board_id, for_write=True)
    return services.board_dissolve(actor=request.user, board=board, **payload.dict())


@router.post(
    "/democracy/boards/{int:board_id}/members",
    response={201: MemberOut, **ERRORS},
    summary="Bầu bổ sung một thành viên",
    description="Ban Thanh tra nhân dân chỉ bầu bổ sung khi nhiệm kỳ còn từ 6 tháng trở lên (theo quy định đang có "
    "hiệu lực). `expected_version` là phiên bản của ban.",
)
def member_add(request: HttpRequest, board_id: int, payload: MemberAddIn) -> Any:
    board = access.access_board(request.user, board_id, for_write=True)
    line = member_line(board.unit, payload)
    member = services.member_add(actor=request.user, board=board, expected_version=payload.expected_version, line=line)
    return Status(201, member)


@router.post(
    "/democracy/boards/{int:board_id}/members/{int:member_id}/leave",
    response={200: MemberOut, **ERRORS},
    summary="Thành viên thôi làm thành viên ban",
)
def member_leave(request: HttpRequest, board_id: int, member_id: int, payload: MemberLeaveIn) -> Any:
    member = access.access_board_member(request.user, board_id, member_id)
    return services.member_leave(actor=request.user, member=member, **payload.dict())


@router.get(
    "/democracy/boards/{int:board_id}/plans", response={200: list[PlanOut], **ERRORS}, summary="Kế hoạch của ban"
)
def plan_list(request: HttpRequest, board_id: int) -> Any:
    board = access.access_board(request.user, board_id)
    return board.plans.order_by("-year", "period", "number", "id")


@router.post(
    "/democracy/boards/{int:board_id}/plans",
    response={200: PlanOut, 201: PlanOut, **ERRORS},
    summary="Thêm kế hoạch quý, 6 tháng, năm hoặc nhiệm kỳ",
)
def plan_create(request: HttpRequest, board_id: int, payload: PlanIn) -> Any:
    board = access.access_board(request.user, board_id, for_write=True)
    submission = api_submission(request, BoardPlan, "democracy.board_plan", board_id, payload)
    if submission.existing is not None:
        return Status(200, board.plans.get(pk=submission.existing.pk))
    plan = services.plan_add(
        actor=request.user,
        board=board,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
        **payload.dict(),
    )
    return Status(201, plan)


@router.get(
    "/democracy/boards/{int:board_id}/sessions",
    response={200: list[SessionOut], **ERRORS},
    summary="Các đợt kiểm tra, giám sát của ban",
)
def session_list(request: HttpRequest, board_id: int) -> Any:
    board = access.access_board(request.user, board_id)
    return board.sessions.select_related("unit").order_by("-starts_on", "-id")


@router.post(
    "/democracy/boards/{int:board_id}/sessions",
    response={200: SessionOut, 201: SessionOut, **ERRORS},
    summary="Lên kế hoạch một đợt kiểm tra, giám sát",
    description="Ban Thanh tra nhân dân: gửi kế hoạch cho MTTQ và Chủ tịch UBND xã trước ít nhất 5 ngày làm việc; "
    "Ban Giám sát đầu tư: MTTQ xã thông báo cho chủ đầu tư trước ít nhất 45 ngày (quy định đang có hiệu lực).",
)
def session_create(request: HttpRequest, board_id: int, payload: SessionIn) -> Any:
    board = access.access_board(request.user, board_id, for_write=True)
    submission = api_submission(request, BoardSession, "democracy.board_session", board_id, payload)
    if submission.existing is not None:
        return Status(200, access.access_board_session(request.user, submission.existing.pk))
    plan = None
    if payload.plan_id is not None:
        plan = board.plans.filter(pk=payload.plan_id).first()
        if plan is None:
            raise invalid("plan_other_board", _("Kế hoạch phải là của ban này."), "plan_id")
    session = services.session_plan(
        actor=request.user,
        board=board,
        subject=payload.subject,
        starts_on=payload.starts_on,
        plan_sent_on=payload.plan_sent_on,
        investor_notified_on=payload.investor_notified_on,
        plan=plan,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, session)


# --- Sessions -------------------------------------------------------------------------------------------------------


@router.get(
    "/democracy/board-sessions/{int:board_session_id}",
    response={200: SessionOut, **ERRORS},
    summary="Một đợt kiểm tra, giám sát",
)
def session_detail(request: HttpRequest, board_session_id: int) -> Any:
    return access.access_board_session(request.user, board_session_id)


@router.post(
    "/democracy/board-sessions/{int:board_session_id}/record",
    response={200: SessionOut, **ERRORS},
    summary="Ghi kết quả kiểm tra, giám sát",
)
def session_record(request: HttpRequest, board_session_id: int, payload: SessionRecordIn) -> Any:
    session = access.access_board_session(request.user, board_session_id, for_write=True)
    return services.session_record(actor=request.user, session=session, **payload.dict())


@router.get(
    "/democracy/board-sessions/{int:board_session_id}/recommendations",
    response={200: list[SessionRecommendationOut], **ERRORS},
    summary="Kiến nghị của ban sau đợt kiểm tra, giám sát",
)
def session_recommendations(request: HttpRequest, board_session_id: int) -> Any:
    session = access.access_board_session(request.user, board_session_id)
    return Recommendation.objects.for_event(session).order_by("id")


@router.post(
    "/democracy/board-sessions/{int:board_session_id}/recommendations",
    response={200: SessionRecommendationOut, 201: SessionRecommendationOut, **ERRORS},
    summary="Ghi kiến nghị của ban (chuyển vào theo dõi kiến nghị; UBND xã trả lời trong 15 ngày)",
)
def session_recommendation_create(request: HttpRequest, board_session_id: int, payload: SessionRecommendationIn) -> Any:
    session = access.access_board_session(request.user, board_session_id, for_write=True)
    submission = api_submission(request, Recommendation, "democracy.board_recommendation", board_session_id, payload)
    if submission.existing is not None:
        return Status(200, Recommendation.objects.get(pk=submission.existing.pk, event_id=session.pk))
    addressee_org = None
    if payload.addressee_org_id is not None:
        addressee_org = addressee_choices(session.unit).filter(pk=payload.addressee_org_id).first()
        if addressee_org is None:
            raise invalid("invalid_addressee_org", _("Hãy chọn một cơ quan của xã hoặc của tỉnh."), "addressee_org_id")
    item = services.session_raise(
        actor=request.user,
        session=session,
        content=payload.content,
        kind=payload.kind,
        field=payload.field,
        addressee=payload.addressee,
        addressee_org=addressee_org,
        submission_key=submission.key,
        submission_fingerprint=submission.fingerprint,
    )
    return Status(201, item)
