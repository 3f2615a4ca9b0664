"""The citizen's operations of the feedback API (open to everyone, ``core.routing.public``):
/api/v1/feedback/public/…

- ``GET categories``, ``GET challenge`` (the proof of work a submission must solve), ``GET nearby``;
- ``POST reports`` (multipart: fields, ``altcha``, up to 5 ``photos``; ``Idempotency-Key`` header: the same key and
  body return the first report with 200 and no secret), rate-limited per IP and per phone like the form;
- ``GET reports`` (the map: GeoJSON of the reports in a ``bbox`` with the list's filters, capped), ``GET
  reports/{code}`` (public fields only);
- with the report's secret: ``POST reports/{code}/info`` (multipart), ``…/rating``, ``…/reopen``; and ``POST
  reports/{code}/followers``.

Errors are ``{"code", "message", "fields"}`` with a Vietnamese message (DomainError).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile

from danvan.core import proof_of_work, ratelimit
from danvan.core.errors import DomainError
from danvan.core.fields import Phone
from danvan.core.formatting import choice_label
from danvan.core.idempotency import request_fingerprint, submission_key
from danvan.core.middleware import client_ip
from danvan.core.routing import public
from danvan.core.schemas import ErrorOut
from danvan.core.text import CODE_MAX, NOTE_MAX, PERSON_NAME_MAX, QUERY_MAX, TITLE_MAX
from danvan.feedback import citizen, geo
from danvan.feedback.intake import ReportIn, report_by_secret, report_submit
from danvan.feedback.models import Category, EventKind, Report, ReportChannel, ReportState
from danvan.feedback.nearby import nearby_open_reports
from danvan.feedback.public_views import (
    CITIZEN_LIMIT,
    check_ip_rate,
    check_phone_rate,
    filtered_reports,
    photos_by_role,
    proof_required,
    public_events,
    public_report,
)

router = Router(tags=["feedback"])
MAP_LIMIT = 1000
MAX_KEY_LENGTH = 200  # an Idempotency-Key longer than this is cut (it is hashed before it is stored)
CODE = Annotated[str, Path(max_length=CODE_MAX)]  # a report's tracking code, "PA-…"
SECRET_MAX = 200
TEXT_LIMIT = 4000  # the description, a reason or added information (the services refuse longer with a message)
ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class CategoryOut(Schema):
    code: str
    name: str
    name_en: str
    group: str
    group_en: str
    icon: str
    description: str
    keywords: list[str]
    answer_days: int
    allows_anonymous: bool


class ChallengeOut(Schema):
    algorithm: str
    challenge: str
    maxnumber: int
    salt: str
    signature: str


class ReportSubmitIn(Schema):
    category: str = Field(..., max_length=CODE_MAX)
    description: str = Field(..., max_length=TEXT_LIMIT)
    unit_code: str = Field("", max_length=CODE_MAX)
    latitude: float | None = None
    longitude: float | None = None
    address_text: str = Field("", max_length=TITLE_MAX)
    citizen_name: str = Field("", max_length=PERSON_NAME_MAX)
    citizen_phone: Phone = ""
    citizen_email: str = Field("", max_length=254)
    is_anonymous: bool = False
    altcha: str = Field("", max_length=NOTE_MAX)


class SubmittedOut(Schema):
    code: str
    secret: str
    url: str
    secret_url: str
    due_on: str
    replayed: bool


class EventOut(Schema):
    kind: str
    label: str
    at: str
    text: str
    actor_name: str
    to_unit: str


class PublicReportOut(Schema):
    code: str
    is_hidden: bool
    state: str = ""
    state_label: str = ""
    status: str = ""
    category: str = ""
    category_name: str = ""
    unit_code: str = ""
    unit_name: str = ""
    organization: str = ""
    description: str = ""
    address_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    received_at: str = ""
    due_on: str = ""
    answer_text: str = ""
    answered_by_name: str = ""
    answered_at: str | None = None
    timeliness: str = ""
    refusal_text: str = ""
    merged_into: str = ""
    rating: int | None = None
    followers_count: int = 0
    reopened_count: int = 0
    version: int = 0
    photos: list[str] = []
    answer_photos: list[str] = []
    events: list[EventOut] = []


class NearbyOut(Schema):
    code: str
    distance_m: float
    state: str
    description: str
    received_at: str
    url: str


class SecretIn(Schema):
    secret: str = Field(..., max_length=SECRET_MAX)


class RatingIn(SecretIn):
    rating: int
    comment: str = Field("", max_length=citizen.MAX_COMMENT)
    expected_version: int | None = None


class ReopenIn(SecretIn):
    reason: str = Field(..., max_length=TEXT_LIMIT)
    expected_version: int | None = None


class InfoIn(Schema):
    secret: str = Field(..., max_length=SECRET_MAX)
    text: str = Field("", max_length=TEXT_LIMIT)
    expected_version: int | None = None


class FollowIn(Schema):
    email: str = Field("", max_length=254)
    phone: Phone = ""


class MessageOut(Schema):
    code: str
    message: str


class MapFilter(Schema):
    bbox: str = Field("", max_length=QUERY_MAX)
    status: str = Field("", max_length=CODE_MAX)
    category: str = Field("", max_length=CODE_MAX)
    province: str = Field("", max_length=CODE_MAX)
    unit: str = Field("", max_length=CODE_MAX)
    period: str = Field("", max_length=CODE_MAX)


class NearbyFilter(Schema):
    category: str = Field(..., max_length=CODE_MAX)
    lat: float
    lng: float


def _photo_url(report: Report, photo_id: int) -> str:
    return reverse("feedback_public:photo", args=[report.code, photo_id])


def public_report_out(report: Report) -> dict[str, Any]:
    """The public fields of a report (never the citizen's); a hidden report says only that it is hidden."""
    if report.is_hidden:
        return {"code": report.code, "is_hidden": True}
    citizens, answers = photos_by_role(report)
    return {
        "code": report.code,
        "is_hidden": False,
        "state": report.state,
        "state_label": choice_label(ReportState, report.state),
        "status": report.open311_status,
        "category": report.category.code,
        "category_name": report.category.name,
        "unit_code": report.unit.code,
        "unit_name": report.unit.name,
        "organization": report.organization.name if report.organization else "",
        "description": report.description,
        "address_text": report.address_text,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "received_at": report.received_at.isoformat(),
        "due_on": report.due_on.isoformat(),
        "answer_text": report.answer_text,
        "answered_by_name": report.answered_by_name,
        "answered_at": report.answered_at.isoformat() if report.answered_at else None,
        "timeliness": report.timeliness,
        "refusal_text": report.refusal_text,
        "merged_into": report.merged_into.code if report.merged_into_id and report.merged_into else "",
        "rating": report.rating,
        "followers_count": report.followers_count,
        "reopened_count": report.reopened_count,
        "version": report.version,
        "photos": [_photo_url(report, p.pk) for p in citizens],
        "answer_photos": [_photo_url(report, p.pk) for p in answers],
        "events": [
            {
                "kind": event.kind,
                "label": choice_label(EventKind, event.kind),
                "at": event.at.isoformat(),
                "text": "" if event.kind == "answered" else event.text,
                "actor_name": event.actor_name,
                "to_unit": event.to_unit.name if event.to_unit_id and event.to_unit else "",
            }
            for event in public_events(report)
        ],
    }


def _citizen_limit(request: HttpRequest) -> None:
    ratelimit.check("feedback.citizen.ip", client_ip(request) or "unknown", limit=CITIZEN_LIMIT, per_seconds=3600)


@public(router.get, "/feedback/public/categories", response=list[CategoryOut], summary="Lĩnh vực phản ánh")
def categories_api(request: HttpRequest) -> Any:
    return [
        {
            "code": c.code,
            "name": c.name,
            "name_en": c.name_en,
            "group": c.group,
            "group_en": c.group_en,
            "icon": c.icon,
            "description": c.description,
            "keywords": c.keyword_list,
            "answer_days": c.answer_days,
            "allows_anonymous": c.allows_anonymous,
        }
        for c in Category.objects.active().order_by("group", "sort_order", "name")
    ]


@public(
    router.get,
    "/feedback/public/challenge",
    response=ChallengeOut,
    summary="Thử thách chống gửi tự động (proof of work, tương thích ALTCHA) cho một lần gửi phản ánh",
)
def challenge_api(request: HttpRequest) -> Any:
    return proof_of_work.create_challenge()


@public(
    router.get,
    "/feedback/public/nearby",
    response={200: list[NearbyOut], 422: ErrorOut},
    summary="Phản ánh cùng lĩnh vực đang xử lý ở gần một vị trí",
)
def nearby_api(request: HttpRequest, filters: Query[NearbyFilter]) -> Any:
    category = Category.objects.active().filter(code=filters.category[:40]).first()
    if category is None:
        raise DomainError("unknown_category", _("Lĩnh vực phản ánh không có trong danh mục."), status=422)
    return [
        {
            "code": item.report.code,
            "distance_m": round(item.distance_m, 1),
            "state": item.report.state,
            "description": item.report.description[:300],
            "received_at": item.report.received_at.isoformat(),
            "url": reverse("feedback_public:detail", args=[item.report.code]),
        }
        for item in nearby_open_reports(category=category, latitude=filters.lat, longitude=filters.lng)
    ]


def _bbox(text: str) -> tuple[float, float, float, float] | None:
    parts = [p for p in (text or "").split(",") if p.strip()]
    if not parts:
        return None
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise DomainError(
            "invalid_bbox", _("bbox phải gồm 4 số: kinh độ tây, vĩ độ nam, kinh độ đông, vĩ độ bắc."), status=422
        ) from None
    if west > east or south > north:
        raise DomainError("invalid_bbox", _("bbox không hợp lệ: tây ≤ đông, nam ≤ bắc."), status=422)
    return west, south, east, north


BOX_IDS = 5000  # a box holding more reports than this is read newest first (it finds its 1,000 soon)


def _in_box(reports: QuerySet[Report], west: float, south: float, east: float, north: float) -> QuerySet[Report]:
    """``reports`` whose pin lies in the box. A box of a few hundred cells is first read through the grid-cell index
    (every report pinned in it, whatever its province or state: one range of cells per row); the filters and the
    newest-first order then apply to those alone. Read newest first through the other filters' index instead, a box
    where the province has few reports (a commune's, or none) meant reading every report of the province."""
    in_box = reports.filter(longitude__range=(west, east), latitude__range=(south, north))
    ranges = geo.cell_ranges(south, west, north, east)
    if ranges is None:
        return in_box
    cells = Q()
    for first, last in ranges:
        cells |= Q(grid_cell__range=(first, last))
    pinned = Report.objects.filter(cells, longitude__range=(west, east), latitude__range=(south, north))
    ids = list(pinned.order_by().values_list("id", flat=True)[: BOX_IDS + 1])
    return in_box if len(ids) > BOX_IDS else in_box.filter(id__in=ids)


@public(
    router.get,
    "/feedback/public/reports",
    response={200: dict, 422: ErrorOut},
    url_name="feedback_public_map",
    summary="Bản đồ phản ánh (GeoJSON): lọc theo bbox, trạng thái, lĩnh vực, tỉnh, xã, thời gian",
)
def map_api(request: HttpRequest, filters: Query[MapFilter]) -> Any:
    reports, _used = filtered_reports(filters.dict())
    box = _bbox(filters.bbox)
    reports = reports.filter(is_hidden=False, latitude__isnull=False)
    if box is not None:
        reports = _in_box(reports, *box)
    found = reports.order_by("-received_at", "-id").values(
        "code", "latitude", "longitude", "state", "is_open", "category__code", "category__name", "received_at"
    )
    rows = list(found[: MAP_LIMIT + 1])
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": {
                "code": row["code"],
                "state": row["state"],
                "status": "open" if row["is_open"] else "closed",
                "category": row["category__code"],
                "category_name": row["category__name"],
                "received_at": row["received_at"].isoformat(),
                "url": reverse("feedback_public:detail", args=[row["code"]]),
            },
        }
        for row in rows[:MAP_LIMIT]
    ]
    return {"type": "FeatureCollection", "features": features, "truncated": len(rows) > MAP_LIMIT}


@public(
    router.post,
    "/feedback/public/reports",
    response={200: SubmittedOut, 201: SubmittedOut, **ERRORS},
    summary="Gửi phản ánh (multipart; ảnh trong photos; Idempotency-Key chống gửi trùng)",
)
def submit_api(
    request: HttpRequest,
    payload: Form[ReportSubmitIn],
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    check_ip_rate(request)
    files = list(photos or [])
    raw_key = (request.headers.get("Idempotency-Key") or "").strip()[:MAX_KEY_LENGTH]
    key = submission_key(None, "api:" + raw_key) if raw_key else None
    fingerprint = request_fingerprint(
        "feedback.report.api", payload.dict(exclude={"altcha"}), [(f.name, f.size) for f in files]
    )
    if key is None or not Report.objects.filter(submission_key=key).exists():
        if proof_required():
            proof_of_work.verify(payload.altcha)
        if not payload.is_anonymous:
            check_phone_rate(payload.citizen_phone)
    submitted = report_submit(
        ReportIn(
            category_code=payload.category,
            description=payload.description,
            unit_code=payload.unit_code,
            latitude=payload.latitude,
            longitude=payload.longitude,
            address_text=payload.address_text,
            citizen_name=payload.citizen_name,
            citizen_phone=payload.citizen_phone,
            citizen_email=payload.citizen_email,
            is_anonymous=payload.is_anonymous,
            photos=files,
            channel=ReportChannel.API,
            submission_key=key,
            submission_fingerprint=fingerprint,
        )
    )
    report = submitted.report
    body = {
        "code": report.code,
        "secret": submitted.secret,
        "url": request.build_absolute_uri(reverse("feedback_public:detail", args=[report.code])),
        "secret_url": request.build_absolute_uri(
            reverse("feedback_public:citizen", args=[report.code, submitted.secret])
        )
        if submitted.secret
        else "",
        "due_on": report.due_on.isoformat(),
        "replayed": report.replayed,
    }
    return Status(200 if report.replayed else 201, body)


@public(
    router.get,
    "/feedback/public/reports/{code}",
    response={200: PublicReportOut, 404: ErrorOut},
    summary="Một phản ánh",
)
def report_api(request: HttpRequest, code: CODE) -> Any:
    return public_report_out(public_report(code))


@public(
    router.post,
    "/feedback/public/reports/{code}/info",
    response={200: PublicReportOut, **ERRORS},
    summary="Người dân bổ sung thông tin theo đề nghị (multipart, có thể kèm ảnh; cần mã bí mật)",
)
def info_api(
    request: HttpRequest,
    code: CODE,
    payload: Form[InfoIn],
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    _citizen_limit(request)
    report = _by_secret(code, payload.secret)
    citizen.report_add_info(
        report=report, text=payload.text, photos=list(photos or []), expected_version=payload.expected_version
    )
    return public_report_out(public_report(code))


def _by_secret(code: str, secret: str) -> Report:
    report = report_by_secret(code, secret)
    if report is None:
        raise Http404
    return report


@public(
    router.post,
    "/feedback/public/reports/{code}/rating",
    response={200: PublicReportOut, **ERRORS},
    summary="Người dân đánh giá câu trả lời (1–5; cần mã bí mật)",
)
def rating_api(request: HttpRequest, code: CODE, payload: RatingIn) -> Any:
    _citizen_limit(request)
    report = _by_secret(code, payload.secret)
    citizen.report_rate(
        report=report, rating=payload.rating, comment=payload.comment, expected_version=payload.expected_version
    )
    return public_report_out(public_report(code))


@public(
    router.post,
    "/feedback/public/reports/{code}/reopen",
    response={200: PublicReportOut, **ERRORS},
    summary="Người dân mở lại phản ánh đã trả lời (trong thời hạn; cần mã bí mật)",
)
def reopen_api(request: HttpRequest, code: CODE, payload: ReopenIn) -> Any:
    _citizen_limit(request)
    report = _by_secret(code, payload.secret)
    citizen.report_reopen(report=report, reason=payload.reason, expected_version=payload.expected_version)
    return public_report_out(public_report(code))


@public(
    router.post,
    "/feedback/public/reports/{code}/followers",
    response={201: MessageOut, **ERRORS},
    summary="Theo dõi một phản ánh (nhận tin qua điện thoại hoặc thư điện tử)",
)
def follow_api(request: HttpRequest, code: CODE, payload: FollowIn) -> Any:
    _citizen_limit(request)
    report = public_report(code)
    citizen.report_follow(report=report, email=payload.email, phone=payload.phone)
    return Status(
        201, {"code": "following", "message": _("Bạn đang theo dõi phản ánh %(code)s.") % {"code": report.code}}
    )
