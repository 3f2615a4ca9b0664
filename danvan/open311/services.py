"""Open311 GeoReport v2 over the feedback channel: API keys, filing a request, reading requests and services.

A service is a ``feedback.Category`` (``service_code`` = its code); a service request is a ``feedback.Report``
(``service_request_id`` = its tracking code, "PA-XXXXXXXX"). Filing goes through ``feedback.intake.report_submit``
(channel ``open311``, the key's application as ``client_name``), so a request from an app is checked, stored and
routed exactly as one from the portal. Reading shows public fields only: never the citizen's name, phone or
e-mail; a report hidden for privacy keeps its status and dates but loses its text, place and photos.

Errors are ``DomainError`` with a Vietnamese message; the views answer them in Open311's error format.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from danvan.core import compiled, ratelimit
from danvan.core.audit import audit_log
from danvan.core.compiled import text_slot
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date
from danvan.core.idempotency import check_same_request, request_fingerprint
from danvan.core.text import single_line
from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.models import Category, RefusalReason, Report, ReportChannel, ReportPhoto, ReportState
from danvan.open311.models import ApiKey, AttributeType, ServiceAttribute

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# GET requests: the default span (the most recent days) and the longest span asked, and the most requests answered.
DEFAULT_SPAN_DAYS = 90
MAX_SPAN_DAYS = 90
MAX_REQUESTS = 1000
MAX_IDS = 100
# POST requests: the same body from the same key again within this window is the same request (a retry).
REPLAY_WINDOW = dt.timedelta(minutes=10)
KEY_BYTES = 30  # 40 characters of URL-safe base64
# Writing last_used_at on every request would add a write to each; a minute is precise enough (as for API tokens).
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def max_requests() -> int:
    return int(getattr(settings, "OPEN311_MAX_REQUESTS", MAX_REQUESTS))


def jurisdiction_id() -> str:
    """The configured jurisdiction (``OPEN311_JURISDICTION_ID``); empty: any ``jurisdiction_id`` is accepted."""
    return str(getattr(settings, "OPEN311_JURISDICTION_ID", "") or "")


def check_jurisdiction(value: str | None) -> None:
    expected = jurisdiction_id()
    given = (value or "").strip()
    if expected and given and given != expected:
        raise DomainError(
            "unknown_jurisdiction",
            _("Không có jurisdiction_id “%(given)s”. Máy chủ này phục vụ jurisdiction_id “%(expected)s”.")
            % {"given": given[:60], "expected": expected},
            status=404,
        )


# --- API keys ---------------------------------------------------------------------------------------------------


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    secret: str  # shown once to the administrator, never stored


def key_issue(*, actor: Any, name: str, contact: str, requests_per_hour: int = 600) -> IssuedKey:
    """Issue a key to an application's developer (only its hash is stored)."""
    name, contact = single_line(name)[:100], single_line(contact)[:300]
    if not name:
        raise DomainError("name_required", _("Hãy ghi tên ứng dụng."), fields={"name": [_("Hãy ghi tên ứng dụng.")]})
    if not contact:
        message = _("Hãy ghi người, đơn vị phát triển và cách liên hệ.")
        raise DomainError("contact_required", message, fields={"contact": [message]})
    if not 1 <= requests_per_hour <= 100_000:
        message = _("Số phản ánh mỗi giờ phải từ 1 đến 100.000.")
        raise DomainError("invalid_rate", message, fields={"requests_per_hour": [message]})
    secret = secrets.token_urlsafe(KEY_BYTES)
    with transaction.atomic():
        key = ApiKey.objects.create(
            name=name,
            contact=contact,
            prefix=secret[:8],
            key_hash=hash_key(secret),
            requests_per_hour=requests_per_hour,
            created_by=actor,
        )
        audit_log(
            actor=actor,
            action="open311.key.issued",
            instance=key,
            changes={"name": name, "prefix": key.prefix, "requests_per_hour": requests_per_hour},
        )
    return IssuedKey(key, secret)


def key_revoke(*, actor: Any, key: ApiKey) -> ApiKey:
    """Revoke a key: the application can no longer file requests (its past reports keep its name)."""
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update(of=("self",)).get(pk=key.pk)
        if locked.revoked_at is not None:
            raise DomainError("already_revoked", _("Khóa này đã bị thu hồi trước đó."), status=409)
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit_log(actor=actor, action="open311.key.revoked", instance=locked, changes={"prefix": locked.prefix})
    return locked


def _key_by_hash(key_hash: str) -> ApiKey | None:
    """The key with this hash, revoked or not (compiled once: this look-up starts every submission)."""
    found = compiled.instances(
        ApiKey,
        "open311.key_by_hash",
        lambda: ApiKey.objects.filter(key_hash=text_slot("key_hash")).order_by()[:1],
        {"key_hash": key_hash},
    )
    return found[0] if found else None


def key_authenticate(raw: str | None) -> ApiKey:
    """The active key whose secret is ``raw``; 403 with a Vietnamese message otherwise."""
    raw = (raw or "").strip()
    if not raw:
        raise DomainError(
            "api_key_required",
            _("Thiếu api_key. Gửi phản ánh qua Open311 cần khóa API do quản trị hệ thống cấp."),
            status=403,
        )
    key = _key_by_hash(hash_key(raw)) if len(raw) <= 200 else None
    if key is None:
        raise DomainError("api_key_invalid", _("api_key không hợp lệ."), status=403)
    if not key.is_active:
        raise DomainError(
            "api_key_revoked",
            _("api_key đã bị thu hồi. Hãy liên hệ quản trị hệ thống để được cấp khóa mới."),
            status=403,
        )
    return key


def key_rate_check(key: ApiKey) -> None:
    """At most ``key.requests_per_hour`` new requests per hour per key (429 beyond)."""
    if not ratelimit.allow("open311.key", str(key.pk), limit=key.requests_per_hour, per_seconds=3600):
        raise DomainError(
            "rate_limited",
            _("Ứng dụng đã gửi quá %(n)s phản ánh trong một giờ. Vui lòng thử lại sau.") % {"n": key.requests_per_hour},
            status=429,
        )


# --- Services ---------------------------------------------------------------------------------------------------


def service_categories() -> QuerySet[Category]:
    return Category.objects.active().order_by("group", "name", "code")


def service_row(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or None,
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(category.keyword_list) or None,
        "group": category.group or None,
    }


def service_attributes(category: Category) -> list[ServiceAttribute]:
    return list(ServiceAttribute.objects.filter(category=category, is_active=True).order_by("order", "id"))


def service_definition(code: str) -> dict[str, Any]:
    """The attributes of a service: how to name the commune, and the answer time (information only)."""
    category = service_categories().filter(code=(code or "").strip()).first()
    if category is None:
        raise DomainError(
            "unknown_service_code",
            _("Không có dịch vụ (service_code) “%(code)s”.") % {"code": single_line(code)[:60]},
            status=404,
        )
    attributes = service_attributes(category)
    asked: list[dict[str, Any]] = [
        {
            "variable": True,
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "datatype_description": attribute.datatype_description or None,
            "order": attribute.order,
            "description": attribute.description,
            **({"values": [{"key": k, "name": v} for k, v in attribute.choices.items()]} if attribute.choices else {}),
        }
        for attribute in attributes
    ]
    last = max((attribute.order for attribute in attributes), default=0)
    informational: list[dict[str, Any]] = [
        {
            "variable": False,
            "code": "answer_days",
            "datatype": "string",
            "required": False,
            "datatype_description": None,
            "order": last + 1,
            "description": _("Thời hạn trả lời: %(n)s ngày làm việc kể từ khi tiếp nhận.")
            % {"n": category.answer_days},
        },
        {
            "variable": False,
            "code": "address_id",
            "datatype": "string",
            "required": False,
            "datatype_description": _("Mã xã, phường (5 chữ số), ví dụ 22081."),
            "order": last + 2,
            "description": _(
                "Gửi address_id là mã xã, phường nơi cần phản ánh (mã trước ngày 1/7/2025 được chuyển sang xã, "
                "phường hiện nay), hoặc gửi lat và long."
            ),
        },
        {
            "variable": False,
            "code": "anonymous",
            "datatype": "string",
            "required": False,
            "datatype_description": None,
            "order": last + 3,
            "description": _("Lĩnh vực này cho phép phản ánh ẩn danh.")
            if category.allows_anonymous
            else _("Lĩnh vực này cần họ tên (first_name, last_name) và số điện thoại (phone) của người phản ánh."),
        },
    ]
    return {"service_code": category.code, "attributes": [*asked, *informational]}


# --- Reading requests -------------------------------------------------------------------------------------------


# The columns a service request shows, read as plain rows (no model instances: a thousand rows answer fast).
ROW_FIELDS = (
    "pk",
    "code",
    "state",
    "is_open",
    "is_hidden",
    "description",
    "address_text",
    "latitude",
    "longitude",
    "received_at",
    "updated_at",
    "due_on",
    "answer_text",
    "refusal_reason",
    "refusal_text",
    "category__code",
    "category__name",
    "category__answer_days",
    "unit__code",
    "unit__name",
    "organization__name",
    "merged_into__code",
)
Row = dict[str, Any]


def answer_notice(due_on: dt.date | None, answer_days: int) -> str:
    return _("Hạn trả lời: %(date)s (%(days)s ngày làm việc).") % {"date": format_date(due_on), "days": answer_days}


class RowWriter:
    """Turns report rows into GeoReport v2 requests; labels and notices are computed once per answer."""

    def __init__(self) -> None:
        self.states = {value: str(label) for value, label in ReportState.choices}
        self.refusals = {value: str(label) for value, label in RefusalReason.choices}
        self.hidden_note = _("Phản ánh này được ẩn vì lý do riêng tư.")
        self.notices: dict[tuple[Any, Any], str] = {}
        self.tz = timezone.get_current_timezone()

    def status_notes(self, row: Row) -> str | None:
        state = row["state"]
        if row["is_hidden"]:
            return self.hidden_note
        if state == ReportState.REFUSED:
            return row["refusal_text"] or self.refusals.get(row["refusal_reason"]) or self.states[state]
        if state == ReportState.MERGED and row["merged_into__code"]:
            return _("Đã gộp vào phản ánh %(code)s.") % {"code": row["merged_into__code"]}
        return row["answer_text"] or self.states.get(state)

    def notice(self, row: Row) -> str:
        key = (row["due_on"], row["category__answer_days"])
        if key not in self.notices:
            self.notices[key] = answer_notice(row["due_on"], row["category__answer_days"])
        return self.notices[key]

    def local(self, value: dt.datetime | None) -> str | None:
        """A stored moment in local time (the zone read once per answer, not once per value)."""
        return value.astimezone(self.tz).isoformat(timespec="seconds") if value is not None else None

    def expected(self, row: Row) -> str | None:
        if row["due_on"] is None:
            return None
        return dt.datetime.combine(row["due_on"], dt.time(23, 59, 59), tzinfo=self.tz).isoformat(timespec="seconds")

    def row(self, row: Row, media_url: str | None) -> dict[str, Any]:
        """One service request as GeoReport v2 shows it: public fields only."""
        hidden = row["is_hidden"]
        return {
            "service_request_id": row["code"],
            "status": "open" if row["is_open"] else "closed",
            "status_notes": self.status_notes(row),
            "service_name": row["category__name"],
            "service_code": row["category__code"],
            "description": None if hidden else row["description"],
            "agency_responsible": row["organization__name"],
            "service_notice": self.notice(row),
            "requested_datetime": self.local(row["received_at"]),
            "updated_datetime": self.local(row["updated_at"]),
            "expected_datetime": self.expected(row),
            "address": None if hidden else ", ".join(p for p in (row["address_text"], row["unit__name"]) if p),
            "address_id": row["unit__code"],
            "zipcode": None,
            "lat": None if hidden else row["latitude"],
            "long": None if hidden else row["longitude"],
            "media_url": None if hidden else media_url,
        }


def _reports() -> QuerySet[Report]:
    return Report.objects.all()


def _first_public_photo() -> Subquery:
    """The id of a report's first photo that is not hidden (the ``media_url`` GeoReport shows; none for a hidden
    report, which the writer leaves without media). A subquery of the same query: an ``IN`` list of the 1,000
    reports' ids took longer to build than the look-up itself."""
    photos = ReportPhoto.objects.filter(report=OuterRef("pk"), is_hidden=False).order_by("id")
    return Subquery(photos.values("id")[:1])


def _rows(qs: QuerySet[Report]) -> list[Row]:
    return list(qs.annotate(first_photo=_first_public_photo()).values(*ROW_FIELDS, "first_photo"))


def _bad(code: str, message: str) -> DomainError:
    return DomainError(code, message, status=400)


def parse_moment(value: str, name: str, *, end: bool = False) -> dt.datetime:
    """An ISO-8601 date-time (a date alone: that day's start, or its end for ``end``); local time when naive."""
    text = value.strip().replace(" ", "+")  # a "+07:00" sent unencoded in a query string arrives as " 07:00"
    moment = None
    try:
        day = parse_date(text) if len(text) == 10 else None
        if day is not None:
            moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
        else:
            moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None:
        raise _bad(
            "invalid_date",
            _("%(name)s “%(value)s” không đúng định dạng ISO 8601 (ví dụ 2026-12-01T00:00:00+07:00).")
            % {"name": name, "value": single_line(value)[:40]},
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def requests_query(params: Mapping[str, str], *, now: dt.datetime | None = None) -> list[Row]:
    """The requests GET ``requests`` answers: by ids (a comma list, which overrides every other filter), or by
    service codes, a period (default the last 90 days; at most 90 days) and status, newest first, at most
    ``OPEN311_MAX_REQUESTS``."""
    ids = _split(params.get("service_request_id"))
    if ids:
        if len(ids) > MAX_IDS:
            raise _bad("too_many_ids", _("Chỉ hỏi được tối đa %(n)s service_request_id một lần.") % {"n": MAX_IDS})
        wanted = [code.upper() for code in ids]
        found = {row["code"]: row for row in _rows(_reports().filter(code__in=wanted))}
        return [found[code] for code in dict.fromkeys(wanted) if code in found]
    now = now or timezone.now()
    start = parse_moment(params["start_date"], "start_date") if params.get("start_date") else None
    end = parse_moment(params["end_date"], "end_date", end=True) if params.get("end_date") else None
    span = dt.timedelta(days=MAX_SPAN_DAYS)
    if start is None and end is None:
        end, start = now, now - dt.timedelta(days=DEFAULT_SPAN_DAYS)
    elif start is None and end is not None:
        start = end - span
    elif end is None and start is not None:
        end = min(now, start + span) if start < now else start + span
    assert start is not None and end is not None
    if end < start:
        raise _bad("invalid_period", _("end_date phải sau start_date."))
    if end - start > span:
        raise _bad(
            "period_too_long",
            _("Khoảng thời gian từ start_date đến end_date tối đa %(n)s ngày.") % {"n": MAX_SPAN_DAYS},
        )
    qs = _reports().filter(received_at__gte=start, received_at__lte=end)
    codes = _split(params.get("service_code"))
    if codes:
        qs = qs.filter(category_id__in=list(Category.objects.filter(code__in=codes).values_list("pk", flat=True)))
    statuses = {status.lower() for status in _split(params.get("status"))}
    if statuses - {"open", "closed"}:
        raise _bad("invalid_status", _("status chỉ nhận open hoặc closed (có thể ghi cả hai, cách nhau dấu phẩy)."))
    if statuses == {"open"}:
        qs = qs.filter(is_open=True)
    elif statuses == {"closed"}:
        qs = qs.filter(is_open=False)
    # The newest ids first (one backward walk of the received index, stopping at the limit), then the rows of those
    # alone with their category, unit and body: asked in one query with its joins, PostgreSQL priced the joins
    # over the whole 90-day window and could choose a parallel plan whose workers cost more to start than the
    # 1,000 rows to read.
    newest = qs.order_by("-received_at", "-id").values("pk")[: max_requests()]
    return _rows(_reports().filter(pk__in=Subquery(newest)).order_by("-received_at", "-id"))


def request_one(code: str) -> Row:
    rows = _rows(_reports().filter(code=(code or "").strip().upper()))
    if not rows:
        raise DomainError(
            "unknown_request",
            _("Không có phản ánh (service_request_id) “%(code)s”.") % {"code": single_line(code)[:40]},
            status=404,
        )
    return rows[0]


def public_photo(code: str, photo_id: int) -> ReportPhoto | None:
    """A photo Open311 may show (``media_url``): not hidden, of a report not hidden."""
    return (
        ReportPhoto.objects.filter(
            pk=photo_id, report__code=(code or "").upper(), is_hidden=False, report__is_hidden=False
        )
        .select_related("attachment")
        .first()
    )


# --- Filing a request -------------------------------------------------------------------------------------------

# The form fields that are part of what a request says (its fingerprint); the key and format are not.
REQUEST_FIELDS = (
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
)


def _coordinate(value: str | None, name: str, low: float, high: float) -> float | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not low <= number <= high:
        raise _bad("invalid_location", _("%(name)s phải là một số (độ, WGS-84).") % {"name": name})
    return number


def _attribute_answers(category: Category, form: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The answers to the service's questions (``attribute[code]``, ``attribute[code][]`` for lists), checked, as
    (question, answer) lines for the description."""
    getlist = getattr(form, "getlist", None)
    answers: list[tuple[str, str]] = []
    for attribute in service_attributes(category):
        names = (f"attribute[{attribute.code}]", f"attribute[{attribute.code}][]")
        given = [
            single_line(value)
            for name in names
            for value in (getlist(name) if getlist else [form.get(name)] if form.get(name) is not None else [])
        ]
        given = [value for value in given if value]
        question = attribute.description
        if not given:
            if attribute.required:
                raise _bad(
                    "attribute_required",
                    _("Thiếu thông tin bắt buộc “%(question)s” (attribute[%(code)s]).")
                    % {"question": question, "code": attribute.code},
                )
            continue
        wrong = _("Thông tin “%(question)s” (attribute[%(code)s]) không hợp lệ.") % {
            "question": question,
            "code": attribute.code,
        }
        if attribute.datatype in (AttributeType.SINGLE, AttributeType.MULTI):
            choices = attribute.choices
            if any(value not in choices for value in given) or (
                attribute.datatype == AttributeType.SINGLE and len(given) > 1
            ):
                raise _bad("invalid_attribute", wrong)
            answer = ", ".join(choices[value] for value in dict.fromkeys(given))
        elif attribute.datatype == AttributeType.NUMBER:
            try:
                number = float(given[0].replace(",", "."))
            except ValueError:
                raise _bad("invalid_attribute", wrong) from None
            if not math.isfinite(number):
                raise _bad("invalid_attribute", wrong)
            answer = given[0]
        elif attribute.datatype == AttributeType.DATETIME:
            answer = format_date(parse_moment(given[0], f"attribute[{attribute.code}]"))
        else:
            limit = 2000 if attribute.datatype == AttributeType.TEXT else 300
            if len(given[0]) > limit:
                raise _bad("invalid_attribute", wrong)
            answer = given[0]
        answers.append((question, answer))
    return answers


@dataclass(frozen=True)
class Filed:
    report: Report
    replayed: bool
    account_id: str | None


def _replay(report: Report, category: Category, account_id: str | None) -> Filed:
    """The request an earlier submission made; its category is already at hand when it is the same one."""
    if report.category_id == category.pk:
        report.category = category
    return Filed(report, True, account_id)


REPLAY_FIELDS = ("id", "code", "due_on", "category_id", "submission_fingerprint")


def _submitted(submission_key: str) -> Report | None:
    """The report an earlier submission with this key filed, if any, with what its answer shows (``post_row``) and
    the replay check reads: most keys are new, and a whole report row is costly to build for a look-up."""
    found = compiled.instances(
        Report,
        "open311.submitted",
        lambda: Report.objects.filter(submission_key=text_slot("key")).only(*REPLAY_FIELDS).order_by()[:1],
        {"key": submission_key},
    )
    return found[0] if found else None


def _submitted_category(code: str) -> Category | None:
    """The active category of ``code`` with what ``report_submit`` files the case under (its handler kind and case
    field), and whether the service asks questions (``asks``; most do not, and their attributes are then not read):
    one query, compiled once."""
    found = compiled.instances(
        Category,
        "open311.category",
        lambda: (
            Category.objects.active()
            .filter(code=text_slot("code"))
            .select_related("handler_kind", "case_field")
            .annotate(asks=Exists(ServiceAttribute.objects.filter(category=OuterRef("pk"), is_active=True)))
            .order_by()[:1]
        ),
        {"code": code},
    )
    return found[0] if found else None


def request_submit(
    *,
    key: ApiKey,
    form: Mapping[str, str],
    photos: Sequence[UploadedFile] = (),
    idempotency_key: str | None = None,
    now: dt.datetime | None = None,
) -> Filed:
    """File an Open311 ``POST requests`` for the application of ``key`` (see the module's docstring).

    The same ``Idempotency-Key`` from the same key returns the request it made (refused with another body); without
    the header, the same body from the same key within ``REPLAY_WINDOW`` returns the first request."""
    now = now or timezone.now()
    values = {name: single_line(form.get(name)) for name in REQUEST_FIELDS}
    values["description"] = (form.get("description") or "").strip()
    account_id = values["account_id"][:100] or None
    if not values["service_code"]:
        raise _bad("service_code_required", _("Thiếu service_code (mã dịch vụ, xem services.json)."))
    category = _submitted_category(values["service_code"])
    if category is None:
        raise _bad(
            "unknown_service_code",
            _("Không có dịch vụ (service_code) “%(code)s”. Xem danh sách tại services.json.")
            % {"code": values["service_code"][:60]},
        )
    lat = _coordinate(values["lat"], "lat", -90, 90)
    lng = _coordinate(values["long"], "long", -180, 180)
    if (lat is None) != (lng is None):
        raise _bad("invalid_location", _("Vị trí phải có cả lat và long."))
    if lat is None and not values["address_id"]:
        raise _bad(
            "location_required",
            _(
                "Thiếu vị trí: hãy gửi lat và long, hoặc address_id là mã xã, phường nơi cần phản ánh "
                "(address_string chỉ bổ sung địa chỉ chi tiết)."
            ),
        )
    answers = _attribute_answers(category, form) if getattr(category, "asks", True) else []
    if answers and values["description"]:
        values["description"] += "\n\n" + "\n".join(f"{question}: {answer}" for question, answer in answers)
    fingerprint = request_fingerprint(
        "open311", key.pk, values, sorted((photo.name or "", photo.size or 0) for photo in photos)
    )
    header = single_line(idempotency_key)[:200]
    if header:
        submission_key = hashlib.sha256(f"open311:{key.pk}:key:{header}".encode()).hexdigest()
    else:
        recent = (
            Report.objects.filter(
                channel=ReportChannel.OPEN311, submission_fingerprint=fingerprint, received_at__gte=now - REPLAY_WINDOW
            )
            .order_by("received_at")
            .first()
        )
        if recent is not None:
            return _replay(recent, category, account_id)
        bucket = int(now.timestamp() // REPLAY_WINDOW.total_seconds())
        submission_key = hashlib.sha256(f"open311:{key.pk}:body:{fingerprint}:{bucket}".encode()).hexdigest()
        existing = _submitted(submission_key)
        if existing is not None:
            return _replay(existing, category, account_id)
    if header:
        existing = _submitted(submission_key)
        if existing is not None:  # a retry: no rate to count; the same key with another body is refused
            check_same_request(existing.submission_fingerprint, fingerprint)
            return _replay(existing, category, account_id)
    key_rate_check(key)
    name = " ".join(part for part in (values["last_name"], values["first_name"]) if part)
    personal = bool(name or values["phone"] or values["email"])
    submitted = report_submit(
        ReportIn(
            category_code=values["service_code"],
            description=values["description"],
            unit_code=values["address_id"],
            latitude=lat,
            longitude=lng,
            address_text=values["address_string"],
            citizen_name=name,
            citizen_phone=values["phone"],
            citizen_email=values["email"] if "@" in values["email"] else "",
            is_anonymous=not personal,
            photos=photos,
            channel=ReportChannel.OPEN311,
            client_name=key.name,
            submission_key=submission_key,
            submission_fingerprint=fingerprint,
        ),
        now=now,
        category=category,
        replay_checked=True,  # the key was looked up above (a twin that commits meanwhile is settled on insert)
    )
    if key.last_used_at is None or key.last_used_at < now - LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=key.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION)
        ).update(last_used_at=now)
    return Filed(submitted.report, submitted.report.replayed, account_id)


def post_row(filed: Filed) -> dict[str, Any]:
    report = filed.report
    return {
        "service_request_id": report.code,
        "service_notice": _("Đã tiếp nhận phản ánh %(code)s. %(notice)s")
        % {
            "code": report.code,
            "notice": answer_notice(report.due_on, report.category.answer_days),
        },
        "account_id": filed.account_id,
    }


def keys_listed() -> Iterable[ApiKey]:
    return ApiKey.objects.select_related("created_by", "revoked_by").order_by("-created_at", "-id")
