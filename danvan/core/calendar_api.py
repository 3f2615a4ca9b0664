"""Public calendar API: compute a deadline with its explanation, list the legal rules in force on a date."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from danvan.core.errors import DomainError
from danvan.core.models import DayKind
from danvan.core.routing import public
from danvan.core.rules import deadline_for_rule, rules_in_force
from danvan.core.schemas import DeadlineOut, DeadlineQuery, ErrorOut, LegalRuleOut, RulesQuery
from danvan.core.workdays import FIRST_YEAR, LAST_YEAR, compute_deadline

router = Router(tags=["calendar"])


def _check_date(value: dt.date, field: str) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        message = _("Chỉ tính được ngày trong các năm %(first)s–%(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        raise DomainError("date_out_of_range", message, status=422, fields={field: [message]})


@public(
    router.get,
    "/calendar/deadline",
    response={200: DeadlineOut, 422: ErrorOut},
    summary="Tính hạn theo ngày làm việc, ngày lịch hoặc theo một quy định",
)
def calendar_deadline(request: HttpRequest, query: Query[DeadlineQuery]) -> object:
    """``days`` + ``day_kind``, or ``rule`` (the rule in force on ``start``); the explanation lists skipped days."""
    _check_date(query.start, "start")
    if query.rule and query.days is not None:
        raise DomainError(
            "ambiguous_input", _("Chỉ dùng một trong hai: số ngày (days) hoặc quy định (rule)."), status=422
        )
    if query.rule:
        deadline = deadline_for_rule(query.rule, query.start)
    elif query.days is not None:
        deadline = compute_deadline(query.start, query.days, DayKind(query.day_kind))
    else:
        raise DomainError("missing_days", _("Cần nhập số ngày (days) hoặc mã quy định (rule)."), status=422)
    return {
        "start": deadline.start,
        "due_on": deadline.due_on,
        "day_kind": deadline.day_kind,
        "days": deadline.value,
        "rule": deadline.rule.code if deadline.rule else None,
        "legal_basis": deadline.legal_basis or None,
        "explanation": deadline.explanation,
    }


@public(router.get, "/calendar/rules", response=list[LegalRuleOut], summary="Các quy định có hiệu lực vào một ngày")
@paginate
def calendar_rules(request: HttpRequest, query: Query[RulesQuery]) -> object:
    """Every legal rule in force on ``on`` (today by default), by code, with its legal basis. How well a rule was
    checked (``confidence``, ``verification``) is for administrators' pages only, never this public answer."""
    return rules_in_force(query.on or timezone.localdate())
