"""The effective-dated legal rules table: "rule X in force on date D" and deadlines computed from it.

Every legal number (time limits, minimum reception days, thresholds) is a ``LegalRule`` row with its legal basis,
a confidence mark and a validity period, seeded from DOMAIN.md §4–§6 (migration core 0004) and corrected by the
system administrator in the admin, never a constant in code: the laws on complaints, reception and grassroots
democracy changed in 2025–2026 (e.g. accepting a first complaint: 10 working days until 30/06/2026, 7 from
01/07/2026 under NĐ 155/2026). A deadline uses the rule in force on its start date.

``legal_basis`` and ``note`` are what officers and citizens read (explanations, notices, decisions): they cite the
law cleanly. How sure we are of a row (``confidence``) and what is left to check (``verification``) are separate
fields shown only on the administrators' rule pages (docs/decisions/0010).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import compiled
from danvan.core.compiled import date_slot, text_slot
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date
from danvan.core.models import DayKind, LegalRule
from danvan.core.shared_cache import SharedValue
from danvan.core.workdays import CALENDAR_VERSION, Deadline, RuleRef, WorkCalendar, default_calendar

CONFIDENCE_CHOICES = [
    ("read", gettext_lazy("Đã đọc văn bản")),
    ("2nd", gettext_lazy("Nguồn thứ cấp")),
    ("unsure", gettext_lazy("Chưa kiểm chứng")),
]
CONFIDENCE_LABELS = dict(CONFIDENCE_CHOICES)
DEADLINE_DAY_KINDS = (DayKind.WORKING, DayKind.CALENDAR)

# Codes the application refers to; each has at least one seeded row.
RULE_CODES: tuple[str, ...] = (
    # Complaints (Luật Khiếu nại 2011)
    "complaint.file_limit",
    "complaint.accept",
    "complaint.resolve_first",
    "complaint.resolve_first_complex",
    "complaint.resolve_first_remote",
    "complaint.resolve_first_remote_complex",
    "complaint.file_second",
    "complaint.file_second_remote",
    "complaint.accept_second",
    "complaint.resolve_second",
    "complaint.resolve_second_complex",
    "complaint.resolve_second_remote",
    "complaint.resolve_second_remote_complex",
    "complaint.discipline_file_limit",
    "complaint.discipline_resolve",
    "complaint.discipline_resolve_complex",
    "complaint.dialogue_notice_min",
    "complaint.suspension_notice",
    # Denunciations (Luật Tố cáo 2018)
    "denunciation.initial_handling",
    "denunciation.initial_handling_multi_place",
    "denunciation.forward",
    "denunciation.acceptance_notice",
    "denunciation.resolve",
    "denunciation.extension",
    "denunciation.max_extensions_complex",
    "denunciation.max_extensions_especially_complex",
    "denunciation.especially_complex_min_criteria",
    # Citizen reception (Luật Tiếp công dân 2013)
    "reception.reply",
    "reception.commune_chairman_min",
    "reception.district_chairman_min",
    "reception.province_chairman_min",
    "reception.agency_head_min",
    "reception.group_min_size",
    "reception.group_small_max_size",
    "reception.group_small_representatives_max",
    "reception.group_large_representatives_max",
    "reception.head_may_delegate",
    # Feedback on administrative regulations (NĐ 20/2008)
    "feedback.forward",
    # Service levels the case engine needs (no single legal number: set by each body's working rules)
    "feedback.resolve",
    "case.due_soon_warning",
    # Grassroots democracy (Luật Thực hiện dân chủ ở cơ sở 2022)
    "disclosure.timing",
    "disclosure.posting_min",
    "disclosure.loudspeaker_min",
    "community_decision.matters_1_2_min_share",
    "community_decision.commune_matters_min_village_share",
    "community_decision.matters_3_6_share_above",
    "community_decision.citizen_proposal_min_share",
    "community_decision.citizen_proposal_validity",
    "community_decision.online_vote_consent_share_above",
    "community_decision.cluster_meeting_min_households",
    "community_decision.ballot_team_min",
    "community_decision.ballot_team_max",
    "community_decision.ballot_notice_min",
    "community_decision.record_submission",
    "community_decision.recognition",
    "consultation.open_min",
    "dialogue.commune_min",
    "inspection_board.min_members",
    "investment_supervision_board.min_members",
    # The working-day calendar: package days that Art. 112 of the Labour Code does not list (1 = day off)
    "calendar.vietnam_culture_day",
)


_APP_RULE_CODES: list[str] = []


def register_rule_codes(*codes: str) -> None:
    """An app adds the codes of the rules it seeds (``danvan/<app>/rules.py``, from its ``ready``)."""
    _APP_RULE_CODES.extend(code for code in codes if code not in _APP_RULE_CODES)


def known_rule_codes() -> tuple[str, ...]:
    """Every code the application refers to: the kernel's and those the apps registered."""
    return RULE_CODES + tuple(_APP_RULE_CODES)


def _missing(code: str, on: dt.date) -> DomainError:
    return DomainError(
        "rule_missing",
        _("Không có quy định “%(code)s” có hiệu lực vào ngày %(date)s.") % {"code": code, "date": format_date(on)},
        status=422,
    )


def rule_in_force(code: str, on: dt.date) -> LegalRule:
    """The row of ``code`` valid on ``on``; ``DomainError("rule_missing")`` when there is none."""
    rule = LegalRule.objects.in_force(on).filter(code=code).order_by("-valid_from").first()
    if rule is None:
        raise _missing(code, on)
    return rule


def rule_value(code: str, on: dt.date) -> int:
    """The value of :func:`rule_in_force`, read by a query compiled once (``core.compiled``): what a statistics
    page asks of every rule on every call (issue 15); ``DomainError("rule_missing")`` when there is none."""
    found = compiled.rows(
        LegalRule,
        "core.rule_value",
        lambda: (
            LegalRule.objects.in_force(date_slot("on"))  # type: ignore[arg-type]
            .filter(code=text_slot("code"))
            .order_by("-valid_from")
            .values("value")[:1]
        ),
        {"on": on, "code": code},
    )
    if not found:
        raise _missing(code, on)
    return int(found[0]["value"])


def rules_in_force(on: dt.date, *, deadlines_only: bool = False) -> QuerySet[LegalRule]:
    """Every rule valid on ``on``, by code; only those that compute a due date with ``deadlines_only``."""
    rules = LegalRule.objects.in_force(on).order_by("code", "-valid_from")
    if deadlines_only:
        rules = rules.filter(day_kind__in=DEADLINE_DAY_KINDS)
    return rules


class RuleTable:
    """All rules in memory, for sweeps over many cases (one query instead of one per case)."""

    def __init__(self, rules: Iterable[LegalRule]) -> None:
        self._by_code: dict[str, list[LegalRule]] = defaultdict(list)
        for rule in sorted(rules, key=lambda rule: rule.valid_from, reverse=True):
            self._by_code[rule.code].append(rule)

    @classmethod
    def load(cls) -> RuleTable:
        return cls(LegalRule.objects.all())

    @classmethod
    def current(cls) -> RuleTable:
        """Every rule, built once per process and calendar version (no query on the hot path): saving or deleting
        a rule changes ``CALENDAR_VERSION`` (``core.workdays``), at once for the changing thread and for every
        process when its transaction commits. For code that reads a rule per request (a citizen's report, a
        case's intake deadline); a sweep that must see rows changed by a bulk update uses :meth:`load`."""
        return _shared_rules.get()

    def in_force(self, code: str, on: dt.date) -> LegalRule:
        for rule in self._by_code.get(code, ()):
            if rule.is_in_force(on):
                return rule
        raise _missing(code, on)


def _rule_rows(part: str = "") -> list[LegalRule]:
    return list(LegalRule.objects.all())


# Kept per process and calendar version, shared through Django's cache (core/shared_cache.py), like the calendar.
_shared_rules: SharedValue[RuleTable] = SharedValue(CALENDAR_VERSION, "rules:rows", _rule_rows, RuleTable)


def rule_ref(rule: LegalRule) -> RuleRef:
    """What a deadline's explanation says about its rule: its name, legal basis and note, never its verification
    status (``confidence``, ``verification``), which only administrators see on the rule pages."""
    return RuleRef(code=rule.code, name=rule.name, legal_basis=rule.legal_basis, note=rule.note)


def deadline_from_rule(rule: LegalRule, start: dt.date, *, calendar: WorkCalendar | None = None) -> Deadline:
    """``start`` plus the rule's value in its day kind; refused for rules that are not time limits."""
    if rule.day_kind not in DEADLINE_DAY_KINDS:
        raise DomainError(
            "rule_not_deadline",
            _("Quy định “%(code)s” không phải là một thời hạn tính theo ngày.") % {"code": rule.code},
            status=422,
        )
    deadline = (calendar or default_calendar()).compute_deadline(start, rule.value, rule.day_kind)
    return replace(deadline, rule=rule_ref(rule))


def deadline_for_rule(
    code: str, start: dt.date, *, calendar: WorkCalendar | None = None, rules: RuleTable | None = None
) -> Deadline:
    """The due date of rule ``code`` counted from ``start``, using the rule in force on ``start``."""
    rule = rules.in_force(code, start) if rules is not None else rule_in_force(code, start)
    return deadline_from_rule(rule, start, calendar=calendar)
