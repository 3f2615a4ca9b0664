"""Writes on the disclosure register (Luật 10/2022/QH15 Art. 11–14). Each runs in one transaction, validates,
stores the recomputed compliance (``disclosure_compliance``) and leaves an audit entry.

Bad input is refused before anything is stored: a posting planned shorter than the minimum (``posting 29 days``),
an end date on the posting of a permanent item (items 4 and 13), a channel before the decision was issued. What
happened is still recorded: taking a posting down early (``disclosure_channel_end``) needs a reason and then shows
as a violation on the compliance boards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.attachments import attachment_store
from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.idempotency import check_same_request
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.rules import RuleTable, rule_in_force
from danvan.core.text import fold, single_line
from danvan.core.validators import check_date
from danvan.core.workdays import WorkCalendar, default_calendar
from danvan.democracy import access
from danvan.democracy.disclosure_compliance import (
    LOUDSPEAKER_MIN,
    POSTING_MIN,
    apply_compliance,
    communes_without_portal,
    disclosure_compliance,
)
from danvan.democracy.models import (
    ChannelKind,
    CommunePortal,
    Disclosure,
    DisclosureChannel,
    DisclosureForm,
    DisclosureItem,
    PostingDuration,
)

EDITABLE_FIELDS = ("title", "document_number", "issued_on", "summary")
# Disclosures recomputed per round of a refresh.
REFRESH_BATCH = 2000
# How far ahead a channel may be planned.
PLAN_AHEAD_DAYS = 366


@dataclass(frozen=True)
class ChannelLine:
    """A channel to record: a form, where, from, and (optionally) the last day."""

    form: DisclosureForm
    started_on: dt.date
    ended_on: dt.date | None = None
    place: str = ""


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _today() -> dt.date:
    return timezone.localdate()


def search_texts(disclosure: Disclosure) -> None:
    """The folded search columns: the officers' (title, number, summary, item) and the public one (the same: a
    disclosure holds no personal data beyond what the commune decided to make public)."""
    text = fold(f"{disclosure.title} {disclosure.document_number} {disclosure.item.name} {disclosure.summary}")[:600]
    disclosure.search_text = text
    disclosure.public_search_text = text


def _check_channel(item: DisclosureItem, issued_on: dt.date, line: ChannelLine, index: int | None = None) -> None:
    """Refuse a channel that cannot be lawful as planned (``fields`` name the channel)."""
    key = f"channels.{index}.started_on" if index is not None else "started_on"
    prefix = _("Hình thức %(n)s: ") % {"n": index} if index is not None else ""
    check_date(line.started_on, field=key, latest=_today() + dt.timedelta(days=PLAN_AHEAD_DAYS))
    if line.started_on < issued_on:
        message = prefix + _("ngày bắt đầu công khai (%(start)s) trước ngày ban hành văn bản (%(issued)s).") % {
            "start": format_date(line.started_on),
            "issued": format_date(issued_on),
        }
        raise DomainError("channel_before_issue", message, fields={key: [message]}, status=422)
    if line.form.needs_place and not single_line(line.place):
        message = prefix + _("hãy ghi nơi niêm yết.")
        raise DomainError(
            "place_required", message, fields={f"channels.{index}.place" if index is not None else "place": [message]}
        )
    if line.ended_on is None:
        return
    end_key = f"channels.{index}.ended_on" if index is not None else "ended_on"
    if line.ended_on < line.started_on:
        message = prefix + _("ngày kết thúc trước ngày bắt đầu.")
        raise DomainError("invalid_dates", message, fields={end_key: [message]}, status=422)
    kind = line.form.kind
    if kind == ChannelKind.POSTING and item.posting == PostingDuration.PERMANENT:
        message = prefix + _(
            "nội dung %(n)s (%(name)s) phải niêm yết thường xuyên: không được ghi ngày kết thúc niêm yết."
        ) % {"n": item.number, "name": item.name}
        raise DomainError("permanent_end_date", message, fields={end_key: [message]}, status=422)
    code = POSTING_MIN if kind == ChannelKind.POSTING else LOUDSPEAKER_MIN if kind == ChannelKind.LOUDSPEAKER else ""
    applies = item.posting == PostingDuration.MINIMUM if kind == ChannelKind.POSTING else item.needs_loudspeaker
    if code and applies:
        rule = rule_in_force(code, line.started_on)
        days = (line.ended_on - line.started_on).days + 1
        if days < rule.value:
            what = _("Niêm yết") if kind == ChannelKind.POSTING else _("Thông báo trên loa truyền thanh")
            message = prefix + _(
                "%(what)s phải liên tục ít nhất %(need)s ngày (%(basis)s): từ %(start)s đến %(end)s mới được "
                "%(days)s ngày."
            ) % {
                "what": what,
                "need": rule.value,
                "basis": rule.legal_basis,
                "start": format_date(line.started_on),
                "end": format_date(line.ended_on),
                "days": days,
            }
            code_name = "posting_too_short" if kind == ChannelKind.POSTING else "loudspeaker_too_short"
            raise DomainError(code_name, message, fields={end_key: [message]}, status=422)


def _check_content(*, unit: AdministrativeUnit, item: DisclosureItem, title: str, issued_on: dt.date) -> None:
    if unit.level != UnitLevel.COMMUNE or not unit.is_current:
        raise DomainError("unit_not_commune", _("Sổ công khai được lập tại xã, phường, đặc khu hiện hành."))
    if not title:
        raise DomainError("title_required", _("Hãy nhập tiêu đề."), fields={"title": [_("Bắt buộc.")]})
    check_date(issued_on, field="issued_on", latest=_today())
    if not item.is_active or not item.is_in_force(issued_on):
        message = _("Nội dung công khai này không áp dụng vào ngày ban hành %(date)s.") % {
            "date": format_date(issued_on)
        }
        raise DomainError("item_not_in_force", message, fields={"item": [message]}, status=422)


def disclosure_refresh(
    disclosure: Disclosure,
    *,
    on: dt.date | None = None,
    rules: RuleTable | None = None,
    calendar: WorkCalendar | None = None,
    has_portal: bool | None = None,
) -> Disclosure:
    """Recompute and store the compliance of ``disclosure`` as of ``on`` (today)."""
    on = on or _today()
    channels = list(DisclosureChannel.objects.filter(disclosure=disclosure).select_related("form"))
    compliance = disclosure_compliance(
        disclosure, channels, on=on, rules=rules, calendar=calendar, has_portal=has_portal
    )
    fields = apply_compliance(disclosure, compliance, on)
    Disclosure.objects.filter(pk=disclosure.pk).update(**{name: getattr(disclosure, name) for name in fields})
    return disclosure


def disclosures_refresh(disclosures: QuerySet[Disclosure], *, on: dt.date | None = None) -> int:
    """Recompute the disclosures of ``disclosures`` whose stored result may have changed by ``on`` (a running rule
    came to its date: ``recheck_on``); the number refreshed. The nightly sweep (``manage.py disclosure_compliance``)
    does it for all; the boards do it for theirs first, so a board is right on the day a posting reaches its 30th
    day even if the sweep has not run. Nothing to refresh costs one indexed query."""
    on = on or _today()
    due = disclosures.filter(recheck_on__lte=on)
    # Most days nothing came to its date: ask with a one-column query (the index alone) before reading whole rows
    # with their item, whose wide SELECT cost a board more to build than the database took to answer it.
    if not due.values_list("pk")[:1]:
        return 0
    stale = list(due.select_related("item")[:REFRESH_BATCH])
    if not stale:
        return 0
    rules = RuleTable.load()
    calendar = default_calendar()
    without = communes_without_portal(d.unit_id for d in stale)
    for disclosure in stale:
        disclosure_refresh(
            disclosure, on=on, rules=rules, calendar=calendar, has_portal=disclosure.unit_id not in without
        )
    return len(stale) + (disclosures_refresh(disclosures, on=on) if len(stale) == REFRESH_BATCH else 0)


def _existing(submission_key: str | None, fingerprint: str) -> Disclosure | None:
    if not submission_key:
        return None
    existing = Disclosure.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        check_same_request(existing.submission_fingerprint, fingerprint)
    return existing


@transaction.atomic
def disclosure_create(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    item: DisclosureItem,
    title: str,
    issued_on: dt.date,
    document_number: str = "",
    summary: str = "",
    channels: Sequence[ChannelLine] = (),
    publish: bool = False,
    upload: File[bytes] | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Disclosure:
    """Enter a disclosure in the commune's register with the channels used; repeating ``submission_key`` returns
    the disclosure already made. ``publish`` puts it on the public portal at once (which is its portal channel)."""
    existing = _existing(submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if actor is not None and not access.can_write_disclosures_at(actor, unit):
        raise DomainError("forbidden", _("Bạn không có quyền lập sổ công khai tại đơn vị này."), status=403)
    title = single_line(title)
    _check_content(unit=unit, item=item, title=title, issued_on=issued_on)
    for index, line in enumerate(channels, start=1):
        _check_channel(item, issued_on, line, index)
    disclosure = Disclosure(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        item=item,
        title=title,
        document_number=single_line(document_number),
        issued_on=issued_on,
        summary=(summary or "").strip(),
        is_published=publish,
        published_on=_today() if publish else None,
        created_by=_actor(actor),
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    search_texts(disclosure)
    disclosure.full_clean(exclude=["created_by", "document", "submission_key"])
    try:
        with transaction.atomic():
            disclosure.save()
    except IntegrityError:
        again = _existing(submission_key, submission_fingerprint)
        if again is not None:
            return again
        raise
    DisclosureChannel.objects.bulk_create(
        [
            DisclosureChannel(
                disclosure=disclosure,
                form=line.form,
                place=single_line(line.place),
                started_on=line.started_on,
                ended_on=line.ended_on,
            )
            for line in channels
        ]
    )
    if upload is not None:
        _attach(actor, disclosure, upload)
    disclosure_refresh(disclosure)
    audit_log(
        actor=actor,
        action="democracy.disclosure.created",
        instance=disclosure,
        unit=unit,
        changes={
            "item": item.number,
            "title": disclosure.title,
            "issued_on": issued_on,
            "channels": [f"{line.form.code} {line.started_on:%d/%m/%Y}" for line in channels],
            "is_published": publish,
        },
    )
    return disclosure


def _attach(actor: Any, disclosure: Disclosure, upload: File[bytes]) -> None:
    attachment = attachment_store(
        actor=actor, upload=upload, unit=disclosure.unit, object_type="democracy.disclosure", object_id=disclosure.pk
    )
    disclosure.document = attachment
    Disclosure.objects.filter(pk=disclosure.pk).update(document=attachment)


def _lock(disclosure: Disclosure, expected_version: int | None) -> Disclosure:
    locked = Disclosure.objects.select_for_update(of=("self",)).select_related("item", "unit").get(pk=disclosure.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("stale", _("Thông tin đã được người khác thay đổi. Vui lòng tải lại trang và thử lại."))
    return locked


def _bump(disclosure: Disclosure) -> None:
    Disclosure.objects.filter(pk=disclosure.pk).update(version=F("version") + 1)
    disclosure.version += 1


@transaction.atomic
def disclosure_update(
    *,
    actor: Any,
    disclosure: Disclosure,
    expected_version: int | None,
    title: str,
    document_number: str = "",
    issued_on: dt.date,
    summary: str = "",
    upload: File[bytes] | None = None,
) -> Disclosure:
    """Correct what the register says of the disclosed document; compliance is recomputed."""
    locked = _lock(disclosure, expected_version)
    before = snapshot(locked, EDITABLE_FIELDS)
    locked.title = single_line(title)
    locked.document_number = single_line(document_number)
    locked.issued_on = issued_on
    locked.summary = (summary or "").strip()
    _check_content(unit=locked.unit, item=locked.item, title=locked.title, issued_on=issued_on)
    for channel in DisclosureChannel.objects.filter(disclosure=locked).select_related("form"):
        if channel.started_on < issued_on:
            message = _("Đã có hình thức công khai bắt đầu ngày %(start)s, trước ngày ban hành mới.") % {
                "start": format_date(channel.started_on)
            }
            raise DomainError("channel_before_issue", message, fields={"issued_on": [message]}, status=422)
    search_texts(locked)
    locked.full_clean(exclude=["created_by", "document", "submission_key"])
    locked.version += 1
    locked.save(update_fields=[*EDITABLE_FIELDS, "search_text", "public_search_text", "version", "updated_at"])
    if upload is not None:
        _attach(actor, locked, upload)
    disclosure_refresh(locked)
    changes = changes_between(before, snapshot(locked, EDITABLE_FIELDS))
    if upload is not None:
        changes["document"] = [None, locked.document.original_name if locked.document else None]
    audit_log(actor=actor, action="democracy.disclosure.updated", instance=locked, unit=locked.unit, changes=changes)
    return locked


@transaction.atomic
def disclosure_channel_add(
    *, actor: Any, disclosure: Disclosure, expected_version: int | None, line: ChannelLine
) -> DisclosureChannel:
    """Record one more channel (another posting place, the loudspeakers, a meeting…)."""
    locked = _lock(disclosure, expected_version)
    _check_channel(locked.item, locked.issued_on, line)
    channel = DisclosureChannel(
        disclosure=locked,
        form=line.form,
        place=single_line(line.place),
        started_on=line.started_on,
        ended_on=line.ended_on,
    )
    channel.full_clean()
    channel.save()
    _bump(locked)
    disclosure_refresh(locked)
    audit_log(
        actor=actor,
        action="democracy.disclosure.channel_added",
        instance=locked,
        unit=locked.unit,
        changes={
            "form": line.form.code,
            "place": channel.place,
            "started_on": line.started_on,
            "ended_on": line.ended_on,
        },
    )
    return channel


@transaction.atomic
def disclosure_channel_end(
    *,
    actor: Any,
    channel: DisclosureChannel,
    expected_version: int | None,
    ended_on: dt.date,
    reason: str = "",
) -> DisclosureChannel:
    """Record the last day a channel was up. Ending it before the rule allows, or ending the posting of a permanent
    item, is what happened and is stored, but only with a reason; the boards then show the violation."""
    locked = _lock(channel.disclosure, expected_version)
    channel = DisclosureChannel.objects.select_related("form").get(pk=channel.pk)
    if channel.ended_on is not None:
        raise ConflictError(
            "already_ended", _("Hình thức này đã kết thúc ngày %(end)s.") % {"end": format_date(channel.ended_on)}
        )
    check_date(ended_on, field="ended_on", latest=_today() + dt.timedelta(days=PLAN_AHEAD_DAYS))
    if ended_on < channel.started_on:
        message = _("Ngày kết thúc trước ngày bắt đầu (%(start)s).") % {"start": format_date(channel.started_on)}
        raise DomainError("invalid_dates", message, fields={"ended_on": [message]}, status=422)
    reason = single_line(reason)
    try:
        _check_channel(
            locked.item,
            locked.issued_on,
            ChannelLine(
                form=channel.form, started_on=channel.started_on, ended_on=ended_on, place=channel.place or "-"
            ),
        )
        breaks_rule = ""
    except DomainError as error:
        breaks_rule = str(error.message)
    if breaks_rule and not reason:
        message = breaks_rule + " " + _("Nếu thực tế đã gỡ, hãy ghi lý do; việc này sẽ được ghi là vi phạm.")
        raise DomainError("reason_required", message, fields={"ended_on": [message]}, status=422)
    channel.ended_on = ended_on
    channel.save(update_fields=["ended_on"])
    _bump(locked)
    disclosure_refresh(locked)
    audit_log(
        actor=actor,
        action="democracy.disclosure.channel_ended",
        instance=locked,
        unit=locked.unit,
        changes={"form": channel.form.code, "ended_on": ended_on, "reason": reason, "breaks_rule": bool(breaks_rule)},
    )
    return channel


@transaction.atomic
def disclosure_publish(
    *, actor: Any, disclosure: Disclosure, expected_version: int | None, publish: bool
) -> Disclosure:
    """Put the disclosure on the commune's public portal (or take it off). Only published disclosures are public."""
    locked = _lock(disclosure, expected_version)
    if locked.is_published == publish:
        return locked
    locked.is_published = publish
    if publish and locked.published_on is None:
        locked.published_on = _today()
    locked.version += 1
    locked.save(update_fields=["is_published", "published_on", "version", "updated_at"])
    disclosure_refresh(locked)
    audit_log(
        actor=actor,
        action="democracy.disclosure.published" if publish else "democracy.disclosure.hidden",
        instance=locked,
        unit=locked.unit,
        changes={"is_published": publish},
    )
    return locked


@transaction.atomic
def disclosure_document_attach(
    *, actor: Any, disclosure: Disclosure, expected_version: int | None, upload: File[bytes]
) -> Disclosure:
    """Attach the disclosed document (or replace the one attached), checked on its content by the attachment
    pipeline (types and size refused with its Vietnamese errors); the version goes up and the change is audited."""
    locked = _lock(disclosure, expected_version)
    previous = locked.document.original_name if locked.document_id and locked.document else None
    _attach(actor, locked, upload)
    _bump(locked)
    audit_log(
        actor=actor,
        action="democracy.disclosure.document_attached",
        instance=locked,
        unit=locked.unit,
        changes={"document": [previous, locked.document.original_name if locked.document else None]},
    )
    return locked


@transaction.atomic
def commune_portal_set(
    *,
    actor: Any,
    commune: AdministrativeUnit,
    has_portal: bool,
    address: str = "",
    expected_version: int | None = None,
) -> CommunePortal:
    """Record whether ``commune`` has its own web portal (Art. 13.1 "where the commune has one") and where; the
    portal finding of each of its disclosures is recomputed in the same transaction. Audited."""
    if commune.level != UnitLevel.COMMUNE:
        raise DomainError("not_a_commune", _("Chỉ xã, phường, đặc khu mới có cài đặt này."), status=422)
    setting = CommunePortal.objects.select_for_update(of=("self",)).filter(unit=commune).first()
    address = (address or "").strip()
    if setting is None:
        if expected_version is not None and expected_version != 0:
            raise ConflictError("stale", _("Thông tin đã được người khác thay đổi. Vui lòng tải lại trang và thử lại."))
        setting = CommunePortal(unit=commune)
        before: dict[str, Any] = {"has_portal": True, "address": ""}
    else:
        if expected_version is not None and setting.version != expected_version:
            raise ConflictError("stale", _("Thông tin đã được người khác thay đổi. Vui lòng tải lại trang và thử lại."))
        before = {"has_portal": setting.has_portal, "address": setting.address}
        setting.version += 1
    if has_portal is False:
        address = ""
    setting.has_portal = has_portal
    setting.address = address
    setting.updated_by = actor
    try:
        setting.full_clean(exclude=["unit_path", "province_code", "updated_by"])
    except ValidationError as error:
        message = _("Địa chỉ cổng thông tin không hợp lệ.")
        raise DomainError("invalid_address", message, fields={"address": [message]}, status=422) from error
    try:
        with transaction.atomic():
            setting.save()
    except IntegrityError as error:  # another officer created the setting at the same moment
        raise ConflictError(
            "stale", _("Thông tin đã được người khác thay đổi. Vui lòng tải lại trang và thử lại.")
        ) from error
    after = {"has_portal": setting.has_portal, "address": setting.address}
    if before != after:
        if before["has_portal"] != after["has_portal"]:
            rules, calendar, on = RuleTable.load(), default_calendar(), _today()
            for disclosure in Disclosure.objects.filter(unit=commune).select_related("item"):
                disclosure_refresh(disclosure, on=on, rules=rules, calendar=calendar, has_portal=has_portal)
        audit_log(
            actor=actor,
            action="democracy.disclosure.portal_set",
            instance=setting,
            unit=commune,
            changes={key: [before[key], after[key]] for key in after if before[key] != after[key]},
        )
    return setting
