"""Filing a report: one service for the portal form, the danvan API and Open311 ``POST requests``.

``report_submit`` checks everything first (category, text, location, commune, photos: ``report_check``, which runs
every check and names every field at fault in one error) and then writes the case,
the report, its first timeline entry and its photos in one transaction: a refused submission leaves nothing. A
repeated submission key returns the report it made (``replayed``), refused with ``idempotency_mismatch`` when the
key comes back with another body. Spam defence (proof of work, rate limits) is the callers' (views, Open311).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.cases.models import Channel
from danvan.cases.services import PersonIn, case_receive_public
from danvan.core import compiled
from danvan.core.attachments import attachment_store, validate_upload
from danvan.core.audit import audit_log
from danvan.core.compiled import Slot, text_slot
from danvan.core.errors import DomainError
from danvan.core.idempotency import check_same_request
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitSuccession, UnitTree
from danvan.core.phones import check_phone, normalize_phone
from danvan.core.rules import RuleTable
from danvan.core.text import fold, single_line
from danvan.core.workdays import default_calendar
from danvan.feedback import geo
from danvan.feedback.models import (
    Category,
    EventKind,
    PhotoRole,
    Report,
    ReportChannel,
    ReportEvent,
    ReportPhoto,
)
from danvan.feedback.personal_data import has_personal_data

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud over the phone
MAX_DESCRIPTION = 4000


@dataclass
class ReportIn:
    category_code: str
    description: str
    unit_code: str = ""  # a current commune, or a pre-2025 commune resolved to today's
    latitude: float | None = None
    longitude: float | None = None
    address_text: str = ""
    citizen_name: str = ""
    citizen_phone: str = ""
    citizen_email: str = ""
    is_anonymous: bool = False
    photos: Sequence[UploadedFile] = field(default_factory=tuple)
    channel: str = ReportChannel.WEB
    client_name: str = ""
    submission_key: str | None = None
    submission_fingerprint: str = ""


@dataclass(frozen=True)
class Submitted:
    report: Report
    secret: str  # the citizen's secret for the tracking link; empty on a replay (it was shown once)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_tracking_code() -> str:
    return "PA-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def _field_error(code: str, field_name: str, message: str, status: int = 422) -> DomainError:
    return DomainError(code, message, fields={field_name: [message]}, status=status)


def _category(code: str) -> Category:
    # The case's field comes with it: ``report_submit`` files the case under ``category.case_field``.
    category = (
        Category.objects.active().filter(code=(code or "").strip()).select_related("handler_kind", "case_field").first()
    )
    if category is None:
        raise _field_error("unknown_category", "category", _("Lĩnh vực phản ánh không có trong danh mục."))
    return category


def current_commune(unit_code: str) -> AdministrativeUnit | None:
    """The current commune with this code, or today's successor of a commune from before the 2025 merger."""
    code = (unit_code or "").strip()
    if not code:
        return None
    found = compiled.instances(
        AdministrativeUnit,
        "feedback.current_commune",
        lambda: AdministrativeUnit.objects.filter(
            tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE, code=text_slot("code")
        ).order_by()[:1],
        {"code": code},
    )
    unit = found[0] if found else None
    if unit is not None:
        return unit
    link = (
        UnitSuccession.objects.filter(
            predecessor__tree=UnitTree.LEGACY, predecessor__code=code, successor__level=UnitLevel.COMMUNE
        )
        .order_by("-is_primary")
        .select_related("successor")
        .first()
    )
    return link.successor if link is not None else None


def _location(data: ReportIn, today: dt.date) -> tuple[AdministrativeUnit, float | None, float | None]:
    point = data.latitude is not None or data.longitude is not None
    lat: float | None = None
    lng: float | None = None
    if point and (data.latitude is None or data.longitude is None):
        raise _field_error("invalid_location", "location", _("Vị trí phải có cả vĩ độ và kinh độ."))
    if point:
        lat, lng = float(data.latitude), float(data.longitude)  # type: ignore[arg-type]
        if not geo.in_vietnam(lat, lng):
            raise _field_error(
                "location_outside_vietnam", "location", _("Vị trí đánh dấu nằm ngoài lãnh thổ Việt Nam.")
            )
    if not point and not single_line(data.address_text) and not data.unit_code:
        raise _field_error(
            "location_required", "location", _("Hãy đánh dấu vị trí trên bản đồ hoặc ghi địa chỉ nơi cần phản ánh.")
        )
    unit = current_commune(data.unit_code)
    if data.unit_code and unit is None:
        raise _field_error("unknown_unit", "unit", _("Không tìm thấy xã, phường đã chọn."))
    if lat is not None and lng is not None and (unit is None or not geo.surely_in(unit, lat, lng)):
        nearest = geo.nearest_commune(lat, lng)
        if unit is None:
            unit = nearest
        elif nearest is not None and nearest.pk != unit.pk and not geo.plausibly_in(unit, lat, lng, nearest):
            raise _field_error(
                "location_in_other_unit",
                "location",
                _("Vị trí đánh dấu thuộc %(other)s, không thuộc %(chosen)s đã chọn. Hãy chọn lại xã, phường.")
                % {"other": nearest.name, "chosen": unit.name},
            )
    if unit is None:
        raise _field_error("unit_required", "unit", _("Hãy chọn xã, phường nơi cần phản ánh."))
    return unit, lat, lng


def _handler(unit: AdministrativeUnit, category: Category) -> Organization | None:
    """The unit's active body of the category's handler kind, else its People's Committee (the first of each in the
    bodies' order): one query for both."""
    bodies = compiled.instances(
        Organization,
        "feedback.handler",
        lambda: (
            Organization.objects.filter(unit_id=Slot("unit", BigIntegerField()), is_active=True)
            .filter(Q(kind_id=Slot("kind", BigIntegerField())) | Q(kind__code="peoples_committee"))
            .select_related("kind")
        ),
        {"unit": unit.pk, "kind": category.handler_kind_id},
    )
    return next((body for body in bodies if body.kind_id == category.handler_kind_id), None) or next(
        (body for body in bodies if body.kind.code == "peoples_committee"), None
    )


def check_photos(photos: Sequence[UploadedFile], on: dt.date) -> None:
    limit = RuleTable.current().in_force("feedback.max_photos", on).value
    if len(photos) > limit:
        raise _field_error("too_many_photos", "photos", _("Chỉ gửi được tối đa %(n)s ảnh.") % {"n": limit})
    for photo in photos:
        try:
            detected = validate_upload(photo)
        except DomainError as error:  # too large, damaged, a type not taken: said beside the photos
            raise _field_error(error.code, "photos", str(error.message), status=error.status) from error
        if not detected.is_image:
            raise _field_error("not_an_image", "photos", _("Tệp “%(name)s” không phải là ảnh.") % {"name": photo.name})


class _Problems:
    """The field errors of every check, raised together: the citizen sees each one beside its field at once, not
    one round trip per field. An error without fields (a refusal of the whole request) is raised as it comes."""

    def __init__(self) -> None:
        self.found: list[DomainError] = []

    @contextmanager
    def check(self) -> Iterator[None]:
        try:
            yield
        except DomainError as error:
            if not error.fields:
                raise
            self.found.append(error)

    def raise_any(self) -> None:
        """One error: the first one's code and message (the API's ``code``), every field's messages."""
        if not self.found:
            return
        fields: dict[str, list[str]] = {}
        for error in self.found:
            for name, messages in (error.fields or {}).items():
                fields.setdefault(name, []).extend(messages)
        first = self.found[0]
        raise DomainError(first.code, first.message, fields=fields, status=first.status)


def report_check(
    data: ReportIn, today: dt.date, *, category: Category | None = None
) -> tuple[Category, str, tuple[AdministrativeUnit, float | None, float | None]]:
    """Every check of a submission (category, text, who sends it, location and commune, photos), all of them run:
    the category, the text and the place it is filed at; else one ``DomainError`` naming every field at fault."""
    problems = _Problems()
    if category is None or category.code != (data.category_code or "").strip() or not category.is_active:
        category = None
        with problems.check():
            category = _category(data.category_code)
    description = (data.description or "").strip()
    with problems.check():
        if not description:
            raise _field_error("description_required", "description", _("Hãy ghi nội dung phản ánh."))
        if len(description) > MAX_DESCRIPTION:
            raise _field_error(
                "description_too_long", "description", _("Nội dung tối đa %(n)s ký tự.") % {"n": MAX_DESCRIPTION}
            )
    if category is not None:
        with problems.check():
            _check_sender(data, category)
    place = None
    with problems.check():
        place = _location(data, today)
    with problems.check():
        check_photos(data.photos, today)
    problems.raise_any()
    assert category is not None and place is not None  # else an error was raised above
    return category, description, place


def _check_sender(data: ReportIn, category: Category) -> None:
    if data.is_anonymous and not category.allows_anonymous:
        raise _field_error(
            "anonymous_not_allowed", "citizen_name", _("Lĩnh vực này cần họ tên và số điện thoại của người phản ánh.")
        )
    if not data.is_anonymous and not category.allows_anonymous and not single_line(data.citizen_phone):
        raise _field_error("phone_required", "citizen_phone", _("Hãy ghi số điện thoại để cơ quan liên hệ."))
    if not data.is_anonymous:
        check_phone(data.citizen_phone, field="citizen_phone")


def report_search_text(report: Report) -> str:
    return fold(f"{report.code} {report.category.name} {report.description} {report.address_text}")[:600]


def _replayed(key: str | None, fingerprint: str) -> Report | None:
    if not key:
        return None
    report = Report.objects.filter(submission_key=key).first()
    if report is not None:
        check_same_request(report.submission_fingerprint, fingerprint)
        report.replayed = True
    return report


def report_submit(
    data: ReportIn,
    *,
    now: dt.datetime | None = None,
    category: Category | None = None,
    replay_checked: bool = False,
) -> Submitted:
    """File a citizen's report (see the module's docstring).

    A caller that has already read the active category of ``data.category_code`` (with ``handler_kind`` and
    ``case_field``) passes it as ``category``, and one that has already looked its submission key up passes
    ``replay_checked``: neither is read twice. A twin with the same key that commits in between is still found,
    when its report's insert meets the unique key."""
    if not replay_checked:
        existing = _replayed(data.submission_key, data.submission_fingerprint)
        if existing is not None:
            return Submitted(existing, "")
    now = now or timezone.now()
    today = timezone.localdate(now)
    category, description, (unit, lat, lng) = report_check(data, today, category=category)
    deadline = default_calendar().compute_deadline(today, category.answer_days, "working")
    secret = secrets.token_urlsafe(18)
    phone = "" if data.is_anonymous else normalize_phone(data.citizen_phone)  # checked by report_check
    try:
        with transaction.atomic():
            case = case_receive_public(
                unit=unit,
                channel=Channel.WEB if data.channel == ReportChannel.WEB else Channel.API,
                field=category.case_field,
                title=f"{category.name}: {single_line(description)}"[:300],
                summary=description,
                received_on=today,
                person=None if data.is_anonymous else PersonIn(full_name=single_line(data.citizen_name), phone=phone),
            )
            report = Report(
                case=case,
                code=new_tracking_code(),
                secret_hash=hash_secret(secret),
                category=category,
                unit=unit,
                unit_path=unit.path,
                province_code=unit.province_code,
                organization=_handler(unit, category),
                channel=data.channel,
                client_name=single_line(data.client_name)[:100],
                description=description,
                address_text=single_line(data.address_text)[:300],
                latitude=lat,
                longitude=lng,
                grid_cell=geo.grid_cell(lat, lng) if lat is not None and lng is not None else None,
                citizen_name="" if data.is_anonymous else single_line(data.citizen_name)[:150],
                citizen_phone=phone,
                citizen_email="" if data.is_anonymous else single_line(data.citizen_email)[:254],
                is_anonymous=data.is_anonymous,
                received_at=now,
                due_on=deadline.due_on,
                due_explanation=deadline.explanation,
                submission_key=data.submission_key or None,
                submission_fingerprint=data.submission_fingerprint if data.submission_key else "",
            )
            report.search_text = report_search_text(report)
            report.has_personal_data_flag = has_personal_data(report.description)  # moderators see the flag
            compiled.insert(report)  # report.save(), its INSERT compiled once; post_save moves the ranking
            event = compiled.insert(ReportEvent(report=report, kind=EventKind.RECEIVED, at=now))
            for photo in data.photos:
                attachment = attachment_store(
                    actor=None, upload=photo, unit=unit, object_type="feedback.report", object_id=report.pk
                )
                ReportPhoto.objects.create(report=report, attachment=attachment, role=PhotoRole.REPORT, event=event)
            audit_log(
                actor=None,
                action="feedback.report.submitted",
                instance=report,
                unit=unit,
                changes={"code": report.code, "category": category.code, "channel": data.channel},
            )
    except IntegrityError:
        existing = _replayed(data.submission_key, data.submission_fingerprint)
        if existing is not None:
            return Submitted(existing, "")
        raise
    return Submitted(report, secret)


def report_by_secret(code: str, secret: str) -> Report | None:
    """The report whose tracking code and secret match (the citizen's link), else None."""
    report = Report.objects.filter(code=(code or "").strip().upper()).first()
    if report is None or not secret or not secrets.compare_digest(report.secret_hash, hash_secret(secret)):
        return None
    return report
