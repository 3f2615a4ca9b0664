"""Writes of the People's Inspection Board, the Community Investment Supervision Board and the project register.

Luật 10/2022/QH15 Art. 36–45 and NĐ 59/2023 Art. 12–19, with every number a ``core.LegalRule`` row (``rules.py``):

* a board has at least ``<kind>.min_members`` members; the inspection board one per village of the commune, and a
  commune with fewer than ``inspection_board.small_commune_max_members`` villages elects at most that many; one head
  and at most ``inspection_board.max_deputies`` deputies; its term is ``inspection_board.term_years`` (the village
  head's); a vacancy is filled only while ``inspection_board.vacancy_min_months`` months of the term remain;
* an investment supervision board has at most ``investment_supervision_board.max_residents`` residents and is
  dissolved when its project is handed over;
* conflicts: a member declares their affiliation; the inspection board refuses commune officials and relatives of
  the commune's leaders, the investment board staff of the investor, the contractor or the supervising consultant
  and their relatives (``<kind>.member_independence``; the refusal names the rule and its legal basis);
* a member elected by a community decision cites it: it must be a recognized decision of matter 5 whose villages
  include the member's;
* an inspection check's plan reaches the commune Front and the UBND chairman ``inspection_board.check_plan_notice_min``
  working days ahead; the Front notifies the investor ``investment_supervision_board.investor_notice_min`` days
  before a supervision;
* a held session's recommendations go to the one tracker (source ``inspection_board`` / ``investment_board``,
  raised by the board, addressed to the commune People's Committee by default; the UBND answers in 15 days).

Every change is audited; edits carry the version the officer saw (409 ``stale``); a creation repeated with its
submission key returns the first record.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, LegalRule, Organization, UnitLevel, UnitTree
from danvan.core.rules import rule_in_force
from danvan.core.text import fold, single_line
from danvan.core.workdays import add_working_days, count_working_days
from danvan.democracy.models import (
    Addressee,
    Affiliation,
    Board,
    BoardKind,
    BoardMember,
    BoardPlan,
    BoardRole,
    BoardSession,
    CommunityDecision,
    DecisionStatus,
    InvestmentProject,
    PlanPeriod,
    RaiserKind,
    Recommendation,
    RecommendationField,
    RecommendationKind,
    RecommendationSource,
    SessionStatus,
)
from danvan.democracy.models.boards import INSPECTION_EXCLUDED, INVESTMENT_EXCLUDED
from danvan.democracy.recommendation_services import recommendation_raise
from danvan.democracy.service_kit import (
    check_version,
    clean_text,
    existing_submission,
    full_clean,
    invalid,
    save_new,
    today,
)

MIN_MEMBERS: dict[str, str] = {
    BoardKind.PEOPLES_INSPECTION: "inspection_board.min_members",
    BoardKind.INVESTMENT_SUPERVISION: "investment_supervision_board.min_members",
}
INDEPENDENCE: dict[str, str] = {
    BoardKind.PEOPLES_INSPECTION: "inspection_board.member_independence",
    BoardKind.INVESTMENT_SUPERVISION: "investment_supervision_board.member_independence",
}
MAX_DEPUTIES = "inspection_board.max_deputies"
SMALL_COMMUNE_MAX = "inspection_board.small_commune_max_members"
TERM_YEARS = "inspection_board.term_years"
VACANCY_MONTHS = "inspection_board.vacancy_min_months"
CHECK_PLAN_NOTICE = "inspection_board.check_plan_notice_min"
MAX_RESIDENTS = "investment_supervision_board.max_residents"
INVESTOR_NOTICE = "investment_supervision_board.investor_notice_min"
MATTER_5 = "5"
BUDGET_MAX = Decimal("1" + "0" * 16)
PROJECT_FIELDS = ("name", "investor", "contractor", "consultant", "budget", "funding", "place", "starts_on", "ends_on")
SESSION_SOURCE = {
    BoardKind.PEOPLES_INSPECTION: RecommendationSource.INSPECTION_BOARD,
    BoardKind.INVESTMENT_SUPERVISION: RecommendationSource.INVESTMENT_BOARD,
}


@dataclass(frozen=True)
class MemberLine:
    """One member as the election result names them."""

    full_name: str
    village: AdministrativeUnit | None = None
    position: str = BoardRole.MEMBER
    is_resident: bool = False
    affiliation: str = Affiliation.NONE
    decision: CommunityDecision | None = None
    elected_on: dt.date | None = None


# --- Rules ----------------------------------------------------------------------------------------------------------


def rule(code: str, day: dt.date, field: str) -> LegalRule:
    """The rule in force on ``day``; a missing rule is a 422 beside ``field``."""
    try:
        return rule_in_force(code, day)
    except DomainError as error:
        raise invalid(error.code, str(error.message), field) from error


def cite(found: LegalRule) -> str:
    """“quy định <name> (<legal basis>)”: how a refusal names its rule (never its verification notes)."""
    return _("“%(name)s” (%(basis)s)") % {"name": found.name, "basis": found.legal_basis}


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (the last day of a shorter month when needed)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(established_on: dt.date) -> dt.date:
    """The last day of an inspection board's term that starts on ``established_on`` (the village head's term)."""
    years = rule(TERM_YEARS, established_on, "established_on").value
    return add_months(established_on, 12 * years) - dt.timedelta(days=1)


def commune_villages(commune: AdministrativeUnit) -> list[AdministrativeUnit]:
    return list(AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE, tree=UnitTree.CURRENT))


def peoples_committee_of(unit: AdministrativeUnit) -> Organization | None:
    """The commune's People's Committee (the body that answers a board's recommendations), if it is registered."""
    return Organization.objects.filter(unit=unit, kind__code="peoples_committee", is_active=True).order_by("id").first()


def _check_commune(unit: AdministrativeUnit) -> None:
    if unit.level != UnitLevel.COMMUNE or unit.tree != UnitTree.CURRENT:
        raise invalid("unit_not_commune", _("Chỉ ghi tại một xã, phường, đặc khu hiện hành."), "unit_id")


# --- Projects -------------------------------------------------------------------------------------------------------


def _project_values(values: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, limit in (("name", 300), ("investor", 300), ("contractor", 300), ("consultant", 300), ("place", 300)):
        clean[name] = single_line(clean_text(values.get(name), name))[:limit]
    clean["funding"] = single_line(clean_text(values.get("funding"), "funding"))[:200]
    for name, message in (
        ("name", _("Hãy ghi tên dự án, công trình.")),
        ("investor", _("Hãy ghi chủ đầu tư.")),
        ("place", _("Hãy ghi địa điểm.")),
    ):
        if not clean[name]:
            raise invalid(f"{name}_required", message, name)
    budget = values.get("budget")
    if budget is not None and not (0 <= Decimal(budget) < BUDGET_MAX):
        raise invalid("invalid_budget", _("Tổng mức đầu tư không hợp lệ."), "budget")
    clean["budget"] = budget
    clean["search_text"] = fold(" ".join((clean["name"], clean["investor"], clean["contractor"], clean["place"])))[:700]
    clean["starts_on"], clean["ends_on"] = values.get("starts_on"), values.get("ends_on")
    if clean["starts_on"] and clean["ends_on"] and clean["ends_on"] < clean["starts_on"]:
        raise invalid("ends_before_start", _("Ngày hoàn thành phải sau ngày khởi công."), "ends_on")
    return clean


@transaction.atomic
def project_create(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
    **values: Any,
) -> InvestmentProject:
    """Add an investment project to the commune's register (investor, budget, place, dates)."""
    existing = existing_submission(InvestmentProject, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    _check_commune(unit)
    project = InvestmentProject(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
        **_project_values(values),
    )
    full_clean(project, exclude=["unit", "created_by"])
    twin = save_new(project, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.board_project.created",
        instance=project,
        unit=unit,
        changes=snapshot(project, PROJECT_FIELDS),
    )
    return project


@transaction.atomic
def project_update(
    *, actor: Any, project: InvestmentProject, expected_version: int | None, **values: Any
) -> InvestmentProject:
    """Correct a project of the register."""
    locked = InvestmentProject.objects.select_for_update(of=("self",)).select_related("unit").get(pk=project.pk)
    check_version(locked, expected_version)
    before = snapshot(locked, PROJECT_FIELDS)
    for name, value in _project_values(values).items():
        setattr(locked, name, value)
    full_clean(locked, exclude=["unit", "created_by"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.board_project.updated",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, PROJECT_FIELDS)),
    )
    return locked


@transaction.atomic
def project_hand_over(
    *, actor: Any, project: InvestmentProject, expected_version: int | None, handed_over_on: dt.date
) -> InvestmentProject:
    """Record the project's handover; its supervision board is dissolved that day (Art. 41)."""
    locked = InvestmentProject.objects.select_for_update(of=("self",)).select_related("unit").get(pk=project.pk)
    check_version(locked, expected_version)
    if locked.handed_over_on is not None:
        raise ConflictError("already_handed_over", _("Dự án đã được bàn giao."))
    if handed_over_on > today():
        raise invalid("handover_in_future", _("Ngày bàn giao không được sau hôm nay."), "handed_over_on")
    if locked.starts_on and handed_over_on < locked.starts_on:
        raise invalid("handover_before_start", _("Ngày bàn giao phải sau ngày khởi công."), "handed_over_on")
    board = Board.objects.select_for_update(of=("self",)).filter(project=locked, dissolved_on__isnull=True).first()
    if board is not None and handed_over_on < board.established_on:
        raise invalid(
            "handover_before_board",
            _("Ngày bàn giao phải từ ngày thành lập Ban giám sát (%(day)s).")
            % {"day": format_date(board.established_on)},
            "handed_over_on",
        )
    locked.handed_over_on = handed_over_on
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.board_project.handed_over",
        instance=locked,
        unit=locked.unit,
        changes={"handed_over_on": handed_over_on},
    )
    if board is not None:
        _dissolve(actor, board, handed_over_on, _("Dự án đã bàn giao đưa vào sử dụng."))
    return locked


# --- Members: the checks -------------------------------------------------------------------------------------------


def _check_independence(kind: str, line: MemberLine, day: dt.date, field: str) -> None:
    """Refuse an affiliation the board's kind excludes, naming the rule and its legal basis."""
    if line.affiliation not in Affiliation.values:
        raise invalid("invalid_affiliation", _("Quan hệ tự khai không hợp lệ."), field)
    excluded = INSPECTION_EXCLUDED if kind == BoardKind.PEOPLES_INSPECTION else INVESTMENT_EXCLUDED
    if line.affiliation not in excluded:
        return
    found = rule(INDEPENDENCE[kind], day, field)
    if not found.value:  # the administrator turned the check off
        return
    raise invalid(
        "member_conflict",
        _("%(name)s khai là “%(affiliation)s”: không được là thành viên %(board)s theo quy định %(rule)s.")
        % {
            "name": line.full_name,
            "affiliation": Affiliation(line.affiliation).label,
            "board": BoardKind(kind).label,
            "rule": cite(found),
        },
        field,
    )


def _check_decision(commune: AdministrativeUnit, line: MemberLine, field: str) -> None:
    """A cited community decision: of this commune, of matter 5, recognized, and its villages include the member's."""
    decision = line.decision
    if decision is None:
        return
    if decision.unit_id != commune.pk:
        raise invalid("decision_other_commune", _("Kết quả bầu phải là của xã này."), field)
    if decision.matter.code != MATTER_5:
        raise invalid(
            "decision_not_matter_5",
            _(
                "Kết quả “%(number)s” không phải nội dung 5 (bầu thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư "
                "của cộng đồng)."
            )
            % {"number": decision.number},
            field,
        )
    if decision.status != DecisionStatus.RECOGNIZED:
        raise invalid(
            "decision_not_recognized",
            _("Kết quả “%(number)s” chưa được Ủy ban MTTQ xã công nhận.") % {"number": decision.number},
            field,
        )
    if line.village is not None and not decision.villages.filter(pk=line.village.pk).exists():
        raise invalid(
            "village_outside_decision",
            _("%(village)s không thuộc phạm vi của kết quả bầu “%(number)s”.")
            % {"village": line.village.name, "number": decision.number},
            field,
        )


def _check_line(
    board_kind: str, commune: AdministrativeUnit, line: MemberLine, day: dt.date, row: str | None = None
) -> None:
    """One member's own checks; a refusal names ``row`` (a row of the establishment's list, ``members.3``) or,
    without it, the field it is about (``village``, ``affiliation``…)."""

    def at(field: str) -> str:
        return row or field

    if not single_line(line.full_name):
        raise invalid("name_required", _("Hãy ghi họ và tên thành viên."), at("full_name"))
    if line.position not in BoardRole.values:
        raise invalid("invalid_position", _("Chức danh không hợp lệ."), at("position"))
    if line.village is not None and (line.village.parent_id != commune.pk or line.village.level != UnitLevel.VILLAGE):
        raise invalid("village_outside_commune", _("Thôn, tổ dân phố phải thuộc xã này."), at("village"))
    if board_kind == BoardKind.PEOPLES_INSPECTION and line.village is None:
        raise invalid(
            "village_required", _("Thành viên Ban Thanh tra nhân dân do thôn, tổ dân phố bầu."), at("village")
        )
    _check_independence(board_kind, line, day, at("affiliation"))
    _check_decision(commune, line, at("decision"))


def _check_composition(board_kind: str, commune: AdministrativeUnit, lines: Sequence[MemberLine], day: dt.date) -> None:
    """The whole membership: its size, its head and deputies, its villages, its residents."""
    minimum = rule(MIN_MEMBERS[board_kind], day, "members")
    if len(lines) < minimum.value:
        raise invalid(
            "too_few_members",
            _("%(board)s có %(count)s thành viên; phải có ít nhất %(min)s thành viên theo quy định %(rule)s.")
            % {"board": BoardKind(board_kind).label, "count": len(lines), "min": minimum.value, "rule": cite(minimum)},
            "members",
        )
    roles = Counter(line.position for line in lines)
    if roles[BoardRole.HEAD] > 1:
        raise invalid("several_heads", _("Ban chỉ có một Trưởng ban."), "members")
    if board_kind == BoardKind.PEOPLES_INSPECTION:
        deputies = rule(MAX_DEPUTIES, day, "members")
        if roles[BoardRole.DEPUTY] > deputies.value:
            raise invalid(
                "too_many_deputies",
                _("Ban có %(count)s Phó Trưởng ban; tối đa %(max)s theo quy định %(rule)s.")
                % {"count": roles[BoardRole.DEPUTY], "max": deputies.value, "rule": cite(deputies)},
                "members",
            )
        villages = commune_villages(commune)
        small = rule(SMALL_COMMUNE_MAX, day, "members")
        if len(villages) < small.value:
            if len(lines) > small.value:
                raise invalid(
                    "too_many_members",
                    _("Xã có %(villages)s thôn, tổ dân phố nên bầu tối đa %(max)s thành viên theo quy định %(rule)s.")
                    % {"villages": len(villages), "max": small.value, "rule": cite(small)},
                    "members",
                )
        else:
            per_village = Counter(line.village.pk for line in lines if line.village is not None)
            twice = [v for v in villages if per_village[v.pk] > 1]
            if twice:
                raise invalid(
                    "one_per_village",
                    _("Mỗi thôn, tổ dân phố bầu một thành viên; %(village)s có %(count)s thành viên.")
                    % {"village": twice[0].name, "count": per_village[twice[0].pk]},
                    "members",
                )
    else:
        residents = rule(MAX_RESIDENTS, day, "members")
        count = sum(1 for line in lines if line.is_resident)
        if count > residents.value:
            raise invalid(
                "too_many_residents",
                _("Ban có %(count)s thành viên là người dân; tối đa %(max)s theo quy định %(rule)s.")
                % {"count": count, "max": residents.value, "rule": cite(residents)},
                "members",
            )


def _member(board: Board, line: MemberLine, elected_on: dt.date, *, fills_vacancy: bool) -> BoardMember:
    return BoardMember(
        board=board,
        full_name=single_line(line.full_name)[:200],
        village=line.village,
        position=line.position,
        is_resident=line.is_resident,
        affiliation=line.affiliation,
        decision=line.decision,
        elected_on=line.elected_on or elected_on,
        fills_vacancy=fills_vacancy,
    )


# --- Boards ---------------------------------------------------------------------------------------------------------


def default_name(kind: str, unit: AdministrativeUnit, project: InvestmentProject | None) -> str:
    if kind == BoardKind.PEOPLES_INSPECTION:
        return _("Ban Thanh tra nhân dân %(unit)s") % {"unit": unit.name}
    assert project is not None
    return _("Ban Giám sát đầu tư của cộng đồng – %(project)s") % {"project": project.name}


@transaction.atomic
def board_establish(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    kind: str,
    established_on: dt.date,
    members: Sequence[MemberLine],
    project: InvestmentProject | None = None,
    name: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Board:
    """Record a board as elected, with its whole membership (a board of fewer than the minimum is refused)."""
    existing = existing_submission(Board, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if kind not in BoardKind.values:
        raise invalid("invalid_kind", _("Loại ban không hợp lệ."), "kind")
    _check_commune(unit)
    if established_on > today():
        raise invalid("established_in_future", _("Ngày thành lập không được sau hôm nay."), "established_on")
    if kind == BoardKind.INVESTMENT_SUPERVISION:
        if project is None:
            raise invalid("project_required", _("Hãy chọn dự án được giám sát."), "project_id")
        if project.unit_id != unit.pk:
            raise invalid("project_other_commune", _("Dự án phải thuộc xã này."), "project_id")
        if project.handed_over_on is not None:
            raise invalid("project_handed_over", _("Dự án đã bàn giao; không thành lập Ban giám sát."), "project_id")
        if Board.objects.filter(project=project).exists():
            raise ConflictError("board_exists", _("Dự án này đã có Ban Giám sát đầu tư của cộng đồng."))
    else:
        project = None
        if Board.objects.filter(unit=unit, kind=kind, dissolved_on__isnull=True).exists():
            raise ConflictError(
                "board_exists", _("Xã đã có Ban Thanh tra nhân dân đang hoạt động; hãy kết thúc nhiệm kỳ cũ trước.")
            )
    for index, line in enumerate(members):
        _check_line(kind, unit, line, established_on, f"members.{index}")
    _check_composition(kind, unit, members, established_on)
    board = Board(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        kind=kind,
        project=project,
        name=single_line(name)[:300] or default_name(kind, unit, project),
        established_on=established_on,
        term_ends_on=term_end(established_on) if kind == BoardKind.PEOPLES_INSPECTION else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    full_clean(board, exclude=["unit", "created_by", "project"])
    try:
        twin = save_new(board, submission_fingerprint)
    except IntegrityError as error:  # a twin request recorded the same board first (project, or commune at work)
        raise ConflictError(
            "board_exists", _("Ban này vừa được ghi bởi một yêu cầu khác; hãy tải lại trang.")
        ) from error
    if twin is not None:
        return twin
    BoardMember.objects.bulk_create([_member(board, line, established_on, fills_vacancy=False) for line in members])
    audit_log(
        actor=actor,
        action="democracy.board.established",
        instance=board,
        unit=unit,
        changes={
            "kind": kind,
            "established_on": established_on,
            "term_ends_on": board.term_ends_on,
            "members": [single_line(line.full_name) for line in members],
        },
    )
    return board


def _locked_board(board: Board, expected_version: int | None) -> Board:
    locked = Board.objects.select_for_update(of=("self",)).select_related("unit", "project").get(pk=board.pk)
    check_version(locked, expected_version)
    if locked.dissolved_on is not None:
        raise ConflictError("board_dissolved", _("Ban đã kết thúc hoạt động."))
    return locked


def _dissolve(actor: Any, board: Board, day: dt.date, reason: str) -> None:
    board.dissolved_on = day
    board.dissolved_reason = reason[:300]
    board.version += 1
    board.save()
    audit_log(
        actor=actor,
        action="democracy.board.dissolved",
        instance=board,
        unit=board.unit,
        changes={"dissolved_on": day, "reason": board.dissolved_reason},
    )


@transaction.atomic
def board_dissolve(
    *, actor: Any, board: Board, expected_version: int | None, dissolved_on: dt.date, reason: str
) -> Board:
    """End a board (its term ended, or it was replaced); an investment board ends with its project's handover."""
    locked = _locked_board(board, expected_version)
    reason = single_line(clean_text(reason, "reason"))
    if not reason:
        raise invalid("reason_required", _("Hãy ghi lý do kết thúc."), "reason")
    if dissolved_on > today() or dissolved_on < locked.established_on:
        raise invalid("invalid_dissolved_on", _("Ngày kết thúc phải từ ngày thành lập đến hôm nay."), "dissolved_on")
    _dissolve(actor, locked, dissolved_on, reason)
    return locked


@transaction.atomic
def member_add(*, actor: Any, board: Board, expected_version: int | None, line: MemberLine) -> BoardMember:
    """Elect a member into a board already at work (a by-election: the inspection board fills a vacancy only while
    ``inspection_board.vacancy_min_months`` months of its term remain). ``expected_version`` is the board's."""
    locked = _locked_board(board, expected_version)
    elected_on = line.elected_on or today()
    if elected_on > today() or elected_on < locked.established_on:
        raise invalid("invalid_elected_on", _("Ngày được bầu phải từ ngày thành lập ban đến hôm nay."), "elected_on")
    _check_line(locked.kind, locked.unit, line, elected_on)
    if locked.kind == BoardKind.PEOPLES_INSPECTION and locked.term_ends_on is not None:
        vacancy = rule(VACANCY_MONTHS, elected_on, "elected_on")
        latest = add_months(locked.term_ends_on, -vacancy.value)
        if elected_on > latest:
            raise invalid(
                "term_too_short",
                _(
                    "Nhiệm kỳ kết thúc ngày %(end)s: còn dưới %(months)s tháng nên không bầu bổ sung theo quy định "
                    "%(rule)s. Ngày bầu bổ sung muộn nhất: %(latest)s."
                )
                % {
                    "end": format_date(locked.term_ends_on),
                    "months": vacancy.value,
                    "rule": cite(vacancy),
                    "latest": format_date(latest),
                },
                "elected_on",
            )
    current = [
        MemberLine(full_name=m.full_name, village=m.village, position=m.position, is_resident=m.is_resident)
        for m in locked.active_members().select_related("village")
    ]
    lines = [*current, line]
    _check_roles_after_change(locked, lines, elected_on)
    member = _member(locked, line, elected_on, fills_vacancy=True)
    member.elected_on = elected_on
    full_clean(member, exclude=["board", "village", "decision"])
    member.save()
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    audit_log(
        actor=actor,
        action="democracy.board.member_added",
        instance=locked,
        unit=locked.unit,
        changes={"member": member.full_name, "position": member.position, "elected_on": elected_on},
    )
    return member


def _check_roles_after_change(board: Board, lines: Sequence[MemberLine], day: dt.date) -> None:
    """The head, deputies, villages and residents once a member joins (the minimum is the establishment's check)."""
    try:
        _check_composition(board.kind, board.unit, lines, day)
    except DomainError as error:
        if error.code != "too_few_members":
            field = "village" if error.code in ("one_per_village", "too_many_members") else "position"
            raise invalid(error.code, str(error.message), field) from error


@transaction.atomic
def member_leave(
    *, actor: Any, member: BoardMember, expected_version: int | None, left_on: dt.date, reason: str
) -> BoardMember:
    """A member leaves the board (resigned, dismissed by matter 5, moved away); the seat is then vacant."""
    locked = (
        BoardMember.objects.select_for_update(of=("self",)).select_related("board", "board__unit").get(pk=member.pk)
    )
    check_version(locked, expected_version)
    if locked.left_on is not None:
        raise ConflictError("already_left", _("Thành viên đã thôi làm thành viên ban."))
    reason = single_line(clean_text(reason, "reason"))[:300]
    if not reason:
        raise invalid("reason_required", _("Hãy ghi lý do thôi."), "reason")
    if left_on > today() or left_on < locked.elected_on:
        raise invalid("invalid_left_on", _("Ngày thôi phải từ ngày được bầu đến hôm nay."), "left_on")
    locked.left_on, locked.left_reason = left_on, reason
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.board.member_left",
        instance=locked.board,
        unit=locked.board.unit,
        changes={"member": locked.full_name, "left_on": left_on, "reason": reason},
    )
    return locked


# --- Plans ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def plan_add(
    *,
    actor: Any,
    board: Board,
    period: str,
    year: int,
    content: str,
    approved_on: dt.date,
    number: int | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> BoardPlan:
    """A plan of work for a quarter (number 1–4), a half-year (1–2), a year or the term."""
    existing = existing_submission(BoardPlan, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if board.dissolved_on is not None:
        raise ConflictError("board_dissolved", _("Ban đã kết thúc hoạt động."))
    if period not in PlanPeriod.values:
        raise invalid("invalid_period", _("Kỳ kế hoạch không hợp lệ."), "period")
    most = {PlanPeriod.QUARTER: 4, PlanPeriod.HALF: 2}.get(PlanPeriod(period))
    if most is None:
        number = None
    elif number is None or not 1 <= number <= most:
        raise invalid("invalid_number", _("Hãy ghi quý (1–4) hoặc 6 tháng (1–2)."), "number")
    if not board.established_on.year <= year <= board.established_on.year + 10:
        raise invalid("invalid_year", _("Năm kế hoạch không hợp lệ."), "year")
    content = clean_text(content, "content")
    if not content:
        raise invalid("content_required", _("Hãy ghi nội dung kế hoạch."), "content")
    if approved_on > today():
        raise invalid("approved_in_future", _("Ngày thông qua không được sau hôm nay."), "approved_on")
    plan = BoardPlan(
        board=board,
        period=period,
        year=year,
        number=number,
        content=content,
        approved_on=approved_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    full_clean(plan, exclude=["board", "created_by"])
    twin = save_new(plan, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.board.plan_added",
        instance=board,
        unit=board.unit,
        changes={"period": period, "year": year, "number": number},
    )
    return plan


# --- Sessions: inspection checks and investment supervisions -------------------------------------------------------


def _check_notice(board: Board, session: BoardSession) -> None:
    """The check plan reaches the Front and the UBND chairman N working days ahead (inspection board); the Front
    notifies the investor N days ahead (investment board)."""
    if board.kind == BoardKind.PEOPLES_INSPECTION:
        if session.plan_sent_on is None:
            raise invalid(
                "plan_not_sent", _("Hãy ghi ngày gửi kế hoạch kiểm tra cho MTTQ và Chủ tịch UBND xã."), "plan_sent_on"
            )
        notice = rule(CHECK_PLAN_NOTICE, session.starts_on, "plan_sent_on")
        given = count_working_days(session.plan_sent_on, session.starts_on)
        if given < notice.value:
            raise invalid(
                "plan_notice_too_short",
                _(
                    "Kế hoạch gửi ngày %(sent)s chỉ trước %(given)s ngày làm việc; phải gửi trước ít nhất %(required)s "
                    "ngày làm việc theo quy định %(rule)s. Ngày kiểm tra sớm nhất: %(earliest)s."
                )
                % {
                    "sent": format_date(session.plan_sent_on),
                    "given": max(given, 0),
                    "required": notice.value,
                    "rule": cite(notice),
                    "earliest": format_date(add_working_days(session.plan_sent_on, notice.value)),
                },
                "plan_sent_on",
            )
        session.investor_notified_on = None
    else:
        if session.investor_notified_on is None:
            raise invalid(
                "investor_not_notified",
                _("Hãy ghi ngày Ủy ban MTTQ xã thông báo cho chủ đầu tư."),
                "investor_notified_on",
            )
        notice = rule(INVESTOR_NOTICE, session.starts_on, "investor_notified_on")
        given = (session.starts_on - session.investor_notified_on).days
        if given < notice.value:
            raise invalid(
                "investor_notice_too_short",
                _(
                    "Chủ đầu tư được thông báo ngày %(sent)s, chỉ trước %(given)s ngày; phải thông báo trước ít nhất "
                    "%(required)s ngày theo quy định %(rule)s. Ngày giám sát sớm nhất: %(earliest)s."
                )
                % {
                    "sent": format_date(session.investor_notified_on),
                    "given": max(given, 0),
                    "required": notice.value,
                    "rule": cite(notice),
                    "earliest": format_date(session.investor_notified_on + dt.timedelta(days=notice.value)),
                },
                "investor_notified_on",
            )
        session.plan_sent_on = None


@transaction.atomic
def session_plan(
    *,
    actor: Any,
    board: Board,
    subject: str,
    starts_on: dt.date,
    plan_sent_on: dt.date | None = None,
    investor_notified_on: dt.date | None = None,
    plan: BoardPlan | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> BoardSession:
    """Put an inspection check or a supervision on the board's calendar, with the notice the law requires."""
    existing = existing_submission(BoardSession, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if board.dissolved_on is not None:
        raise ConflictError("board_dissolved", _("Ban đã kết thúc hoạt động."))
    subject = single_line(clean_text(subject, "subject"))[:500]
    if not subject:
        raise invalid("subject_required", _("Hãy ghi nội dung kiểm tra, giám sát."), "subject")
    if starts_on < board.established_on:
        raise invalid("before_board", _("Ngày bắt đầu phải từ ngày thành lập ban."), "starts_on")
    if board.term_ends_on is not None and starts_on > board.term_ends_on:
        raise invalid("after_term", _("Ngày bắt đầu phải trong nhiệm kỳ của ban."), "starts_on")
    if plan is not None and plan.board_id != board.pk:
        raise invalid("plan_other_board", _("Kế hoạch phải là của ban này."), "plan_id")
    for name, day in (("plan_sent_on", plan_sent_on), ("investor_notified_on", investor_notified_on)):
        if day is not None and day > starts_on:
            raise invalid("notice_after_start", _("Ngày gửi, thông báo phải trước ngày bắt đầu."), name)
    session = BoardSession(
        unit=board.unit,
        unit_path=board.unit_path,
        province_code=board.province_code,
        board=board,
        plan=plan,
        subject=subject,
        starts_on=starts_on,
        plan_sent_on=plan_sent_on,
        investor_notified_on=investor_notified_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    _check_notice(board, session)
    full_clean(session, exclude=["unit", "board", "plan", "created_by"])
    twin = save_new(session, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.board_session.planned",
        instance=session,
        unit=board.unit,
        changes={
            "subject": subject,
            "starts_on": starts_on,
            "plan_sent_on": session.plan_sent_on,
            "investor_notified_on": session.investor_notified_on,
        },
    )
    return session


@transaction.atomic
def session_record(
    *,
    actor: Any,
    session: BoardSession,
    expected_version: int | None,
    held_on: dt.date,
    findings: str,
    has_violations: bool = False,
) -> BoardSession:
    """Record a check or a supervision as done, with its findings (a recorded one can be corrected)."""
    locked = BoardSession.objects.select_for_update(of=("self",)).select_related("unit", "board").get(pk=session.pk)
    check_version(locked, expected_version)
    if held_on < locked.starts_on:
        raise invalid("held_before_start", _("Ngày kết thúc phải từ ngày bắt đầu."), "held_on")
    if held_on > today():
        raise invalid("held_in_future", _("Ngày kết thúc không được sau hôm nay."), "held_on")
    findings = clean_text(findings, "findings")
    if not findings:
        raise invalid("findings_required", _("Hãy ghi kết quả, phát hiện."), "findings")
    fields = ("status", "held_on", "findings", "has_violations")
    before = snapshot(locked, fields)
    locked.status, locked.held_on, locked.findings, locked.has_violations = (
        SessionStatus.HELD,
        held_on,
        findings,
        has_violations,
    )
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.board_session.recorded",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, fields)),
    )
    return locked


def session_raise(
    *,
    actor: Any,
    session: BoardSession,
    content: str,
    kind: str = RecommendationKind.RECOMMENDATION,
    field: str = RecommendationField.OTHER,
    addressee: str = Addressee.PEOPLES_COMMITTEE,
    addressee_org: Organization | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Recommendation:
    """A recommendation of the board after a held session, to the tracker: raised by the board, addressed to the
    commune People's Committee unless another body is named (it answers within the source's rule: 15 days)."""
    if session.status != SessionStatus.HELD or session.held_on is None:
        raise ConflictError("not_held", _("Chỉ ghi kiến nghị sau khi đã ghi kết quả kiểm tra, giám sát."))
    board = session.board
    if addressee_org is None and addressee == Addressee.PEOPLES_COMMITTEE:
        addressee_org = peoples_committee_of(session.unit)
    return recommendation_raise(
        actor=actor,
        event=session,
        source=SESSION_SOURCE[BoardKind(board.kind)],
        unit=session.unit,
        raised_on=session.held_on,
        kind=kind,
        raised_by=board.name[:200],
        content=content,
        addressee=addressee,
        addressee_org=addressee_org,
        field=field,
        raiser_kind=RaiserKind.BOARD,
        submission_key=submission_key,
        submission_fingerprint=submission_fingerprint,
    )
