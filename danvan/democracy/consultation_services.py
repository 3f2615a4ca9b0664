"""Consultations of the people of a commune (tham gia ý kiến, Luật 10/2022 Art. 25–28).

A consultation is prepared as a draft (item of Art. 25, the draft document, the forms of Art. 26, the authority
that decides), then published: from then on citizens see it on the portal and may send an opinion. It stays open
at least the days of the rule ``consultation.open_min`` (20 calendar days from publication, counted like every
time limit by the deadline engine): a shorter period is refused with the computation. Opinions are recorded by
officers (meetings with their counts, letters, the suggestion box) or sent by citizens from the portal (a name or
anonymous). After the close the authority's decision is recorded with the summary; deciding against the majority
of opinions requires the reasons (Art. 28); the summary and the explanation are then published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.attachments import attachment_store
from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.periods import MAX_YEAR, MIN_YEAR, year_in_range
from danvan.core.rules import deadline_for_rule
from danvan.core.text import fold, single_line
from danvan.democracy.consultation_selectors import consultation_tally
from danvan.democracy.models import (
    Consultation,
    ConsultationChannel,
    ConsultationItem,
    ConsultationStatus,
    Opinion,
    OpinionSource,
    OpinionStance,
)

OPEN_RULE = "consultation.open_min"
EDITABLE_FIELDS = ("item_id", "title", "description", "authority", "opens_on", "closes_on")
MAX_PEOPLE = 1_000_000


def earliest_close(opens_on: dt.date) -> tuple[dt.date, list[str]]:
    """The first day a consultation published on ``opens_on`` may close, and how it was computed."""
    deadline = deadline_for_rule(OPEN_RULE, opens_on)
    # Calendar days: the count itself decides; a close falling on a day off is not pushed further.
    return deadline.nominal_on, deadline.explanation


def check_open_period(opens_on: dt.date, closes_on: dt.date) -> None:
    """Refuse a consultation open fewer days than the rule in force on ``opens_on`` requires (Art. 25–28)."""
    for name, day in (("opens_on", opens_on), ("closes_on", closes_on)):
        if not year_in_range(day.year):
            raise DomainError(
                "invalid_dates",
                _("Ngày phải trong các năm %(first)s–%(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR},
                fields={name: [_("Ngày không hợp lệ.")]},
                status=422,
            )
    if closes_on < opens_on:
        raise DomainError(
            "invalid_dates",
            _("Ngày kết thúc phải sau ngày bắt đầu lấy ý kiến."),
            fields={"closes_on": [_("Phải sau ngày bắt đầu.")]},
            status=422,
        )
    earliest, _lines = earliest_close(opens_on)
    if closes_on < earliest:
        days = (closes_on - opens_on).days
        minimum = (earliest - opens_on).days
        message = _(
            "Thời gian lấy ý kiến chỉ %(days)s ngày (từ %(opens)s đến %(closes)s); quy định tối thiểu %(minimum)s "
            "ngày: kết thúc sớm nhất ngày %(earliest)s."
        ) % {
            "days": days,
            "opens": format_date(opens_on),
            "closes": format_date(closes_on),
            "minimum": minimum,
            "earliest": format_date(earliest),
        }
        raise DomainError("consultation_too_short", message, fields={"closes_on": [message]}, status=422)


def _search_text(consultation: Consultation) -> str:
    return fold(f"{consultation.title} {consultation.authority} {consultation.description[:300]}")[:600]


def _validation_fields(error: ValidationError) -> dict[str, list[str]]:
    return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}


def _full_clean(consultation: Consultation) -> None:
    try:
        consultation.full_clean(exclude=["unit", "unit_path", "province_code", "channels", "draft"])
    except ValidationError as error:
        raise DomainError(
            "invalid_consultation",
            _("Thông tin đợt lấy ý kiến chưa hợp lệ."),
            fields=_validation_fields(error),
            status=422,
        ) from error


def _check_channels(channels: Sequence[ConsultationChannel]) -> None:
    if not channels:
        raise DomainError(
            "channels_required",
            _("Hãy chọn ít nhất một hình thức lấy ý kiến."),
            fields={"channels": [_("Bắt buộc.")]},
            status=422,
        )


def _store_draft(actor: Any, commune: AdministrativeUnit, consultation: Consultation, upload: File[bytes]) -> None:
    attachment = attachment_store(
        actor=actor, upload=upload, unit=commune, object_type="democracy.consultation", object_id=consultation.pk
    )
    consultation.draft = attachment
    consultation.save(update_fields=["draft"])


@transaction.atomic
def consultation_create(
    *,
    actor: Any,
    commune: AdministrativeUnit,
    item: ConsultationItem,
    title: str,
    authority: str,
    channels: Sequence[ConsultationChannel],
    opens_on: dt.date,
    closes_on: dt.date,
    description: str = "",
    draft: File[bytes] | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Consultation:
    """Prepare a consultation of ``commune`` (not yet public); the open period is checked against the rule."""
    if commune.level != UnitLevel.COMMUNE:
        raise DomainError("not_a_commune", _("Chỉ cấp xã lập đợt lấy ý kiến Nhân dân."), status=422)
    check_open_period(opens_on, closes_on)
    _check_channels(channels)
    consultation = Consultation(
        unit=commune,
        item=item,
        title=single_line(title),
        description=description.strip(),
        authority=single_line(authority),
        opens_on=opens_on,
        closes_on=closes_on,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    consultation.search_text = _search_text(consultation)
    _full_clean(consultation)
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError as error:
        raise ConflictError("duplicate_submission", _("Yêu cầu này đã được gửi.")) from error
    consultation.channels.set(channels)
    if draft is not None:
        _store_draft(actor, commune, consultation, draft)
    audit_log(
        actor=actor,
        action="democracy.consultation.created",
        instance=consultation,
        unit=commune,
        changes={"title": consultation.title, "opens_on": opens_on, "closes_on": closes_on},
    )
    return consultation


def _locked(consultation: Consultation, expected_version: int | None) -> Consultation:
    locked = Consultation.objects.select_for_update(of=("self",)).select_related("unit", "item").get(pk=consultation.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("stale", _("Đợt lấy ý kiến vừa được người khác sửa. Vui lòng tải lại trang và nhập lại."))
    return locked


@transaction.atomic
def consultation_update(
    *,
    actor: Any,
    consultation: Consultation,
    item: ConsultationItem,
    title: str,
    authority: str,
    channels: Sequence[ConsultationChannel],
    opens_on: dt.date,
    closes_on: dt.date,
    description: str = "",
    draft: File[bytes] | None = None,
    expected_version: int | None = None,
) -> Consultation:
    """Edit a consultation before its decision; once published its start date stays (only the close may move,
    still at least the rule's days after publication)."""
    consultation = _locked(consultation, expected_version)
    if consultation.status == ConsultationStatus.DECIDED:
        raise ConflictError("consultation_decided", _("Đợt lấy ý kiến đã có quyết định; không sửa được nữa."))
    if consultation.status == ConsultationStatus.OPEN and opens_on != consultation.opens_on:
        raise DomainError(
            "opens_on_fixed",
            _("Dự thảo đã công bố: không đổi được ngày bắt đầu lấy ý kiến."),
            fields={"opens_on": [_("Đã công bố ngày %(date)s.") % {"date": format_date(consultation.opens_on)}]},
            status=422,
        )
    check_open_period(opens_on, closes_on)
    _check_channels(channels)
    before = snapshot(consultation, EDITABLE_FIELDS)
    consultation.item = item
    consultation.title = single_line(title)
    consultation.description = description.strip()
    consultation.authority = single_line(authority)
    consultation.opens_on = opens_on
    consultation.closes_on = closes_on
    consultation.search_text = _search_text(consultation)
    _full_clean(consultation)
    consultation.version += 1
    consultation.save()
    consultation.channels.set(channels)
    if draft is not None:
        _store_draft(actor, consultation.unit, consultation, draft)
    audit_log(
        actor=actor,
        action="democracy.consultation.updated",
        instance=consultation,
        unit=consultation.unit,
        changes=changes_between(before, snapshot(consultation, EDITABLE_FIELDS)),
    )
    return consultation


@transaction.atomic
def consultation_publish(
    *, actor: Any, consultation: Consultation, expected_version: int | None = None
) -> Consultation:
    """Publish the draft: citizens see it and may send opinions. Published after its planned start, it opens on
    the day of publication, and the period is checked again from that day."""
    consultation = _locked(consultation, expected_version)
    if consultation.status != ConsultationStatus.DRAFT:
        raise ConflictError("already_published", _("Dự thảo này đã được công bố."))
    today = timezone.localdate()
    opens_on = max(consultation.opens_on, today)
    check_open_period(opens_on, consultation.closes_on)
    consultation.opens_on = opens_on
    consultation.status = ConsultationStatus.OPEN
    consultation.published_at = timezone.now()
    consultation.version += 1
    consultation.save(update_fields=["opens_on", "status", "published_at", "version", "updated_at"])
    audit_log(
        actor=actor,
        action="democracy.consultation.published",
        instance=consultation,
        unit=consultation.unit,
        changes={"opens_on": opens_on, "closes_on": consultation.closes_on},
    )
    return consultation


def _check_received(consultation: Consultation, received_on: dt.date) -> None:
    if not consultation.opens_on <= received_on <= consultation.closes_on:
        message = _("Chỉ nhận ý kiến trong thời gian lấy ý kiến (từ %(opens)s đến %(closes)s).") % {
            "opens": format_date(consultation.opens_on),
            "closes": format_date(consultation.closes_on),
        }
        raise DomainError("outside_period", message, fields={"received_on": [message]}, status=422)


def _opinion(
    *,
    consultation: Consultation,
    source: str,
    stance: str,
    people: int,
    author_name: str,
    content: str,
    received_on: dt.date,
    recorded_by: Any,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Opinion:
    if source not in OpinionSource.values:
        raise DomainError("invalid_source", _("Nguồn ý kiến không hợp lệ."), field="source", status=422)
    if stance not in OpinionStance.values:
        raise DomainError("invalid_stance", _("Hãy chọn ý kiến."), field="stance", status=422)
    if not 1 <= people <= MAX_PEOPLE:
        raise DomainError(
            "invalid_people", _("Số người phải từ 1 trở lên."), fields={"people": [_("Phải ≥ 1.")]}, status=422
        )
    if source != OpinionSource.MEETING and people != 1:
        raise DomainError(
            "invalid_people",
            _("Chỉ ý kiến tại hội nghị, cuộc họp mới ghi theo số người; ý kiến khác ghi từng người."),
            fields={"people": [_("Phải là 1.")]},
            status=422,
        )
    opinion = Opinion(
        consultation=consultation,
        source=source,
        stance=stance,
        people=people,
        author_name=single_line(author_name)[:200],
        content=content.strip(),
        received_on=received_on,
        recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    try:
        opinion.full_clean(exclude=["consultation", "recorded_by"])
    except ValidationError as error:
        raise DomainError(
            "invalid_opinion", _("Ý kiến chưa hợp lệ."), fields=_validation_fields(error), status=422
        ) from error
    opinion.save()
    return opinion


@transaction.atomic
def opinion_record(
    *,
    actor: Any,
    consultation: Consultation,
    source: str,
    stance: str,
    received_on: dt.date,
    people: int = 1,
    author_name: str = "",
    content: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Opinion:
    """An officer records opinions received during the period: a meeting's count, a letter, the box."""
    consultation = Consultation.objects.select_for_update(of=("self",)).select_related("unit").get(pk=consultation.pk)
    if consultation.status != ConsultationStatus.OPEN:
        raise ConflictError("not_open", _("Chỉ ghi ý kiến khi dự thảo đã công bố và chưa có quyết định."))
    _check_received(consultation, received_on)
    opinion = _opinion(
        consultation=consultation,
        source=source,
        stance=stance,
        people=people,
        author_name=author_name,
        content=content,
        received_on=received_on,
        recorded_by=actor,
        submission_key=submission_key,
        submission_fingerprint=submission_fingerprint,
    )
    audit_log(
        actor=actor,
        action="democracy.opinion.recorded",
        instance=consultation,
        unit=consultation.unit,
        changes={"source": source, "stance": stance, "people": people},
    )
    return opinion


@transaction.atomic
def opinion_submit_public(*, consultation: Consultation, stance: str, content: str, author_name: str = "") -> Opinion:
    """A citizen sends an opinion from the portal, with a name or anonymously, while the consultation is open."""
    consultation = Consultation.objects.select_for_update(of=("self",)).select_related("unit").get(pk=consultation.pk)
    today = timezone.localdate()
    if consultation.status != ConsultationStatus.OPEN or not consultation.opens_on <= today <= consultation.closes_on:
        raise ConflictError("not_open", _("Đợt lấy ý kiến này không còn nhận ý kiến."))
    if not content.strip():
        raise DomainError(
            "content_required", _("Hãy viết ý kiến của bạn."), fields={"content": [_("Bắt buộc.")]}, status=422
        )
    opinion = _opinion(
        consultation=consultation,
        source=OpinionSource.PORTAL,
        stance=stance,
        people=1,
        author_name=author_name,
        content=content[:5000],
        received_on=today,
        recorded_by=None,
    )
    audit_log(
        actor=None,
        action="democracy.opinion.submitted",
        instance=consultation,
        unit=consultation.unit,
        changes={"source": OpinionSource.PORTAL, "stance": stance},
    )
    return opinion


@transaction.atomic
def consultation_decide(
    *,
    actor: Any,
    consultation: Consultation,
    summary: str,
    decision: str,
    adopts_draft: bool,
    decided_on: dt.date,
    explanation: str = "",
    expected_version: int | None = None,
) -> Consultation:
    """Record the authority's decision after the close, with the summary of opinions. A decision against the
    majority (more people disagreed and the draft was adopted, or the reverse) needs its reasons (Art. 28);
    the summary, the decision and the explanation are then public."""
    consultation = _locked(consultation, expected_version)
    if consultation.status != ConsultationStatus.OPEN:
        raise ConflictError("not_open", _("Chỉ ghi quyết định cho dự thảo đã công bố và chưa có quyết định."))
    if decided_on <= consultation.closes_on:
        message = _("Quyết định được ghi sau khi kết thúc lấy ý kiến (sau ngày %(date)s).") % {
            "date": format_date(consultation.closes_on)
        }
        raise DomainError("decided_too_early", message, fields={"decided_on": [message]}, status=422)
    if decided_on > timezone.localdate():
        raise DomainError(
            "decided_in_future",
            _("Ngày quyết định không được sau hôm nay."),
            fields={"decided_on": [_("Không được sau hôm nay.")]},
            status=422,
        )
    errors: dict[str, list[str]] = {}
    if not summary.strip():
        errors["summary"] = [_("Hãy tổng hợp ý kiến đã nhận.")]
    if not decision.strip():
        errors["decision"] = [_("Hãy ghi quyết định của cơ quan có thẩm quyền.")]
    tally = consultation_tally(consultation)
    against = (tally.majority == OpinionStance.AGREE and not adopts_draft) or (
        tally.majority == OpinionStance.DISAGREE and adopts_draft
    )
    if against and not explanation.strip():
        errors["explanation"] = [
            _(
                "Quyết định khác ý kiến đa số (%(agree)s người đồng ý, %(disagree)s người không đồng ý): phải nêu "
                "rõ lý do."
            )
            % {"agree": tally.agree, "disagree": tally.disagree}
        ]
    if errors:
        code = "explanation_required" if "explanation" in errors else "invalid_decision"
        message = errors["explanation"][0] if "explanation" in errors else _("Thông tin quyết định chưa đủ.")
        raise DomainError(code, message, fields=errors, status=422)
    consultation.summary = summary.strip()
    consultation.decision = decision.strip()
    consultation.adopts_draft = adopts_draft
    consultation.decided_on = decided_on
    consultation.against_majority = against
    consultation.explanation = explanation.strip()
    consultation.status = ConsultationStatus.DECIDED
    consultation.version += 1
    consultation.save()
    audit_log(
        actor=actor,
        action="democracy.consultation.decided",
        instance=consultation,
        unit=consultation.unit,
        changes={"adopts_draft": adopts_draft, "against_majority": against, "decided_on": decided_on},
    )
    return consultation
