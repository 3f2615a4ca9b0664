"""Writes of the recommendation tracker (docs/decisions/0023, docs/democracy/recommendations.md): raise, answer
(once, by the addressed body; one answer for many in bulk), transfer (refused in a loop), assess, close or re-raise,
mark as a duplicate, hide from the public page.

Every source of recommendations calls :func:`recommendation_raise` with its event (a meeting, a board session, a
supervision, a voter contact, a reception visit…) and its ``source``; the answer deadline follows from the rule
``recommendation.answer_days.<source>`` in force on the day raised (15 days for the boards, Luật 10/2022/QH15
Art. 40.1.c and 45.2.c), counted by the working-day engine in the rule's day kind. Every change is audited; edits
carry the version the officer saw (409 ``stale`` otherwise); a creation repeated with its submission key returns
the first record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import models, transaction
from django.utils.translation import gettext as _

from danvan.core.attachments import attachment_store
from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, Attachment, Organization, UnitLevel
from danvan.core.rules import deadline_for_rule
from danvan.core.similarity import text_bands
from danvan.core.text import fold, single_line
from danvan.democracy.models import (
    Addressee,
    Assessment,
    RaiserKind,
    Recommendation,
    RecommendationField,
    RecommendationKind,
    RecommendationSource,
    RecommendationStatus,
    RecommendationTransfer,
)
from danvan.democracy.service_kit import (
    check_version,
    clean_text,
    existing_submission,
    full_clean,
    invalid,
    save_new,
    today,
)

DUE_RULE_PREFIX = "recommendation.answer_days."


def due_rule_code(source: str) -> str:
    """The rule that sets how long the addressed body has to answer a recommendation from ``source``."""
    return f"{DUE_RULE_PREFIX}{source}"


def answer_due(source: str, raised_on: dt.date) -> dt.date:
    """The answer deadline of a recommendation from ``source`` raised on ``raised_on`` (rule data, effective-dated)."""
    return deadline_for_rule(due_rule_code(source), raised_on).due_on


def set_text_bands(item: Recommendation) -> None:
    """The near-duplicate bands of the item's content (``core.similarity``) and its folded search text."""
    item.band_0, item.band_1, item.band_2, item.band_3 = text_bands(item.content)
    item.search_text = fold(f"{item.content} {item.raised_by}")


# The kinds of body a commune has one of: an item addressed to that kind is addressed to the commune's body.
COMMUNE_BODIES = (Addressee.PEOPLES_COMMITTEE, Addressee.FATHERLAND_FRONT, Addressee.PEOPLES_COUNCIL)


def commune_body(unit: AdministrativeUnit, addressee: str) -> Organization | None:
    """The commune's organization of kind ``addressee`` (People's Committee, Front, Council) for an item raised at
    ``unit`` (the commune or one of its villages), or None."""
    if addressee not in COMMUNE_BODIES:
        return None
    commune_id = unit.pk if unit.level != UnitLevel.VILLAGE else unit.parent_id
    return (
        Organization.objects.filter(unit_id=commune_id, kind__code=addressee, is_active=True)
        .select_related("unit")
        .order_by("id")
        .first()
    )


@transaction.atomic
def recommendation_raise(
    *,
    actor: Any,
    event: models.Model,
    source: str,
    unit: AdministrativeUnit,
    raised_on: dt.date,
    kind: str,
    raised_by: str,
    content: str,
    addressee: str,
    addressee_note: str = "",
    addressee_org: Organization | None = None,
    field: str = RecommendationField.OTHER,
    raiser_kind: str = RaiserKind.CITIZENS,
    raiser_org: Organization | None = None,
    reraised_from: Recommendation | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Recommendation:
    """Record a question or recommendation raised at ``event`` that ``addressee`` (``addressee_org`` when the body
    is named; for the commune's People's Committee, Front or Council it is found from ``addressee``) must answer;
    its deadline comes from the source's rule in force on the day raised — never typed."""
    existing = existing_submission(Recommendation, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if source not in RecommendationSource.values:
        raise invalid("invalid_source", _("Nguồn kiến nghị không hợp lệ."), "source")
    if kind not in RecommendationKind.values:
        raise invalid("invalid_kind", _("Loại ý kiến không hợp lệ."), "kind")
    if addressee not in Addressee.values:
        raise invalid("invalid_addressee", _("Cơ quan trả lời không hợp lệ."), "addressee")
    if field not in RecommendationField.values:
        raise invalid("invalid_field", _("Lĩnh vực không hợp lệ."), "field")
    if raiser_kind not in RaiserKind.values:
        raise invalid("invalid_raiser_kind", _("Bên kiến nghị không hợp lệ."), "raiser_kind")
    raised_by = single_line(raised_by)[:200]
    content = clean_text(content, "content")
    if not raised_by:
        raise invalid("raised_by_required", _("Hãy ghi người nêu ý kiến."), "raised_by")
    if not content:
        raise invalid("content_required", _("Hãy ghi nội dung ý kiến, kiến nghị."), "content")
    rule = due_rule_code(source)
    if addressee_org is None:
        addressee_org = commune_body(unit, addressee)
    try:
        due_on = answer_due(source, raised_on)
    except DomainError as error:
        raise invalid(error.code, str(error.message), "raised_on") from error
    item = Recommendation(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        event_type=ContentType.objects.get_for_model(event),
        event_id=event.pk,
        source=source,
        kind=kind,
        field=field,
        raiser_kind=raiser_kind,
        raiser_org=raiser_org,
        raised_by=raised_by,
        raised_on=raised_on,
        content=content,
        addressee=addressee,
        addressee_note=single_line(addressee_note)[:200],
        addressee_org=addressee_org,
        addressee_path=addressee_org.unit.path if addressee_org is not None else "",
        due_rule=rule,
        due_on=due_on,
        reraised_from=reraised_from,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    set_text_bands(item)
    full_clean(item, exclude=["unit", "created_by", "event_type", "raiser_org", "addressee_org", "reraised_from"])
    twin = save_new(item, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.recommendation.raised",
        instance=item,
        unit=unit,
        changes={
            "source": source,
            "kind": kind,
            "addressee": addressee,
            "addressee_org": addressee_org.pk if addressee_org is not None else None,
            "due_on": due_on,
            "event": f"{event._meta.label_lower}:{event.pk}",
        },
    )
    return item


def _locked(item: Recommendation, expected_version: int | None) -> Recommendation:
    locked = (
        Recommendation.objects.select_for_update(of=("self",)).select_related("unit", "addressee_org").get(pk=item.pk)
    )
    check_version(locked, expected_version)
    return locked


def _body_name(org: Organization | None, item: Recommendation) -> str:
    return org.name if org is not None else item.get_addressee_display()


def not_addressee_error(item: Recommendation) -> DomainError:
    """Refusal of an answer (or transfer) by a body the item is not addressed to, naming the addressed body."""
    return DomainError(
        "not_addressee",
        _("Kiến nghị này gửi %(body)s; chỉ cơ quan được gửi kiến nghị mới trả lời hoặc chuyển.")
        % {"body": _body_name(item.addressee_org, item)},
        status=403,
    )


def _check_answering_body(item: Recommendation, by_org: Organization | None) -> None:
    """``by_org`` (the body the officer answers for, from ``access.answering_org_for``) must be the addressed
    body; None is a caller that checked it already (a demo, a migration)."""
    if by_org is not None and by_org.pk != item.addressee_org_id:
        raise not_addressee_error(item)


def _check_open(item: Recommendation) -> None:
    if item.status != RecommendationStatus.OPEN:
        raise ConflictError(
            "already_answered",
            _("Kiến nghị đã được trả lời hoặc đã kết thúc (%(status)s); không trả lời lần nữa.")
            % {"status": item.get_status_display()},
        )


def _clean_answer(item: Recommendation, answered_on: dt.date, answer: str) -> str:
    answer = clean_text(answer, "answer")
    if not answer:
        raise invalid("answer_required", _("Hãy ghi nội dung trả lời."), "answer")
    if not item.raised_on <= answered_on <= today():
        raise invalid(
            "invalid_answered_on",
            _("Ngày trả lời phải từ ngày nêu ý kiến (%(raised)s) đến hôm nay.")
            % {"raised": format_date(item.raised_on)},
            "answered_on",
        )
    return answer


ANSWER_FIELDS = ("answered_on", "answer", "status", "answered_by_org", "answer_document")


def _answer_one(
    actor: Any,
    locked: Recommendation,
    *,
    answered_on: dt.date,
    answer: str,
    by_org: Organization | None,
    document: Attachment | None,
    bulk: int = 0,
) -> Recommendation:
    before = snapshot(locked, ANSWER_FIELDS)
    locked.answered_on = answered_on
    locked.answer = answer
    locked.status = RecommendationStatus.ANSWERED
    locked.answered_by_org = by_org if by_org is not None else locked.addressee_org
    locked.answer_document = document
    locked.version += 1
    locked.save()
    changes: dict[str, Any] = dict(changes_between(before, snapshot(locked, ANSWER_FIELDS)))
    if bulk:
        changes["bulk"] = bulk
    audit_log(
        actor=actor, action="democracy.recommendation.answered", instance=locked, unit=locked.unit, changes=changes
    )
    return locked


def store_answer_document(actor: Any, item: Recommendation, upload: File[bytes] | None) -> Attachment | None:
    """The answer's document, checked on its content and stored (``core.attachments``), before the answer's
    transaction (decoding a photo takes a while)."""
    if upload is None:
        return None
    return attachment_store(
        actor=actor, upload=upload, unit=item.unit, object_type="democracy.recommendation", object_id=item.pk
    )


@transaction.atomic
def recommendation_answer(
    *,
    actor: Any,
    item: Recommendation,
    expected_version: int | None,
    answered_on: dt.date,
    answer: str,
    by_org: Organization | None = None,
    document: Attachment | None = None,
) -> Recommendation:
    """Record the answer of the addressed body (``by_org`` must be it when the item names its body): once — a
    second answer, or one from a page loaded before the first, is refused with 409 — on or after the day raised,
    not in the future, with text and an optional document (:func:`store_answer_document`)."""
    locked = _locked(item, None)
    _check_answering_body(locked, by_org)
    _check_open(locked)
    check_version(locked, expected_version)
    answer = _clean_answer(locked, answered_on, answer)
    return _answer_one(actor, locked, answered_on=answered_on, answer=answer, by_org=by_org, document=document)


MAX_BULK = 200


@transaction.atomic
def recommendation_bulk_answer(
    *,
    actor: Any,
    items: list[Recommendation],
    by_org: Organization | None,
    answered_on: dt.date,
    answer: str,
    document: Attachment | None = None,
) -> list[Recommendation]:
    """One answer for many similar items (a voter-contact list): each item is answered and audited on its own;
    all or none (one already answered, or addressed to another body, refuses the whole batch, naming it)."""
    if not items:
        raise invalid("nothing_selected", _("Hãy chọn ít nhất một kiến nghị."), "items")
    if len(items) > MAX_BULK:
        raise invalid("too_many", _("Trả lời chung tối đa %(n)s kiến nghị một lần.") % {"n": MAX_BULK}, "items")
    done = []
    for item in sorted(items, key=lambda one: one.pk):
        locked = _locked(item, None)
        _check_answering_body(locked, by_org)
        _check_open(locked)
        text = _clean_answer(locked, answered_on, answer)
        done.append(
            _answer_one(
                actor, locked, answered_on=answered_on, answer=text, by_org=by_org, document=document, bulk=len(items)
            )
        )
    return done


def transfer_targets(item: Recommendation) -> Any:
    """The bodies an item may be transferred to: the active organizations of the raising unit's province (its
    communes' and the province's own bodies), other than the current one."""
    from danvan.core.models import Organization as Org

    targets = Org.objects.filter(is_active=True, unit__province_code=item.province_code, unit__tree="current")
    if item.addressee_org_id is not None:
        targets = targets.exclude(pk=item.addressee_org_id)
    return targets.select_related("unit", "kind")


@transaction.atomic
def recommendation_transfer(
    *,
    actor: Any,
    item: Recommendation,
    expected_version: int | None,
    to_org: Organization,
    reason: str,
) -> Recommendation:
    """Move an open item to another body (``to_org``) with a reason; its deadline restarts from today under the
    source's rule (the previous one is kept on the transfer). A transfer back to a body it already left is a loop
    and is refused, naming that body."""
    locked = _locked(item, expected_version)
    _check_open(locked)
    reason = clean_text(reason, "reason")
    if not reason:
        raise invalid("reason_required", _("Hãy ghi lý do chuyển kiến nghị."), "reason")
    if len(reason) > 2000:
        raise invalid("reason_too_long", _("Lý do chuyển tối đa 2.000 ký tự."), "reason")
    if not to_org.is_active:
        raise invalid("inactive_org", _("Cơ quan này không còn hoạt động."), "to_org")
    if to_org.pk == locked.addressee_org_id:
        raise invalid(
            "same_body", _("Kiến nghị đang gửi %(body)s; hãy chọn cơ quan khác.") % {"body": to_org.name}, "to_org"
        )
    left = set(locked.transfers.values_list("from_org_id", flat=True))
    if to_org.pk in left:
        raise invalid(
            "transfer_loop",
            _("Kiến nghị đã được %(body)s chuyển đi; không chuyển ngược lại (chuyển vòng).") % {"body": to_org.name},
            "to_org",
        )
    if to_org.unit.province_code != locked.province_code:
        raise invalid("outside_province", _("Chỉ chuyển cho cơ quan trong tỉnh, thành phố."), "to_org")
    day = today()
    try:
        due_on = answer_due(locked.source, max(day, locked.raised_on))
    except DomainError as error:
        raise invalid(error.code, str(error.message), "to_org") from error
    transfer = RecommendationTransfer.objects.create(
        recommendation=locked,
        from_org=locked.addressee_org,
        to_org=to_org,
        reason=reason,
        transferred_on=day,
        due_on_before=locked.due_on,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    before = snapshot(locked, ("addressee_org", "due_on"))
    locked.addressee_org = to_org
    locked.addressee_path = to_org.unit.path
    locked.due_on = due_on
    locked.version += 1
    locked.save()
    changes: dict[str, Any] = dict(changes_between(before, snapshot(locked, ("addressee_org", "due_on"))))
    changes["reason"] = reason
    changes["transfer"] = transfer.pk
    audit_log(
        actor=actor, action="democracy.recommendation.transferred", instance=locked, unit=locked.unit, changes=changes
    )
    return locked


class AssessOutcome:
    CLOSE = "close"
    RERAISE = "reraise"
    CHOICES = (CLOSE, RERAISE)


@transaction.atomic
def recommendation_assess(
    *,
    actor: Any,
    item: Recommendation,
    expected_version: int | None,
    assessment: str,
    reason: str = "",
    outcome: str = AssessOutcome.CLOSE,
) -> tuple[Recommendation, Recommendation | None]:
    """The raiser's assessment of the answer: satisfied closes the item; not satisfied (with reasons) closes it or
    re-raises it as a new item to the same body, linked to this one, with a new deadline from today."""
    locked = _locked(item, expected_version)
    if locked.status != RecommendationStatus.ANSWERED:
        raise ConflictError("not_answered", _("Chỉ đánh giá kiến nghị đã được trả lời và chưa kết thúc."))
    if assessment not in Assessment.values:
        raise invalid("invalid_assessment", _("Hãy chọn hài lòng hoặc chưa hài lòng."), "assessment")
    if outcome not in AssessOutcome.CHOICES:
        raise invalid("invalid_outcome", _("Hãy chọn kết thúc hoặc kiến nghị lại."), "outcome")
    reason = clean_text(reason, "reason")
    if len(reason) > 2000:
        raise invalid("reason_too_long", _("Lý do tối đa 2.000 ký tự."), "reason")
    if assessment == Assessment.UNSATISFIED and not reason:
        raise invalid("reason_required", _("Hãy ghi lý do chưa hài lòng."), "reason")
    if assessment == Assessment.SATISFIED and outcome == AssessOutcome.RERAISE:
        raise invalid("reraise_needs_unsatisfied", _("Chỉ kiến nghị lại khi chưa hài lòng với trả lời."), "outcome")
    before = snapshot(locked, ("assessment", "status"))
    locked.assessment = assessment
    locked.assessment_reason = reason
    locked.assessed_on = today()
    locked.status = RecommendationStatus.RERAISED if outcome == AssessOutcome.RERAISE else RecommendationStatus.CLOSED
    locked.version += 1
    locked.save()
    changes: dict[str, Any] = dict(changes_between(before, snapshot(locked, ("assessment", "status"))))
    if reason:
        changes["reason"] = reason
    audit_log(
        actor=actor, action="democracy.recommendation.assessed", instance=locked, unit=locked.unit, changes=changes
    )
    if outcome != AssessOutcome.RERAISE:
        return locked, None
    event = locked.event
    if event is None:  # the record it was raised at is gone: the re-raise hangs on the first item
        event = locked
    again = recommendation_raise(
        actor=actor,
        event=event,
        source=locked.source,
        unit=locked.unit,
        raised_on=max(today(), locked.raised_on),
        kind=locked.kind,
        raised_by=locked.raised_by,
        content=locked.content,
        addressee=locked.addressee,
        addressee_note=locked.addressee_note,
        addressee_org=locked.addressee_org,
        field=locked.field,
        raiser_kind=locked.raiser_kind,
        raiser_org=locked.raiser_org,
        reraised_from=locked,
    )
    again.public_hidden = locked.public_hidden
    again.save(update_fields=["public_hidden"])
    return locked, again


@transaction.atomic
def recommendation_mark_duplicate(
    *, actor: Any, item: Recommendation, expected_version: int | None, duplicate_of: Recommendation | None
) -> Recommendation:
    """Mark ``item`` as raising the same matter as ``duplicate_of`` (None: not a duplicate); both stay tracked."""
    locked = _locked(item, expected_version)
    if duplicate_of is not None:
        if duplicate_of.pk == locked.pk:
            raise invalid("self_duplicate", _("Một kiến nghị không trùng với chính nó."), "duplicate_of")
        if duplicate_of.duplicate_of_id == locked.pk:
            raise invalid(
                "duplicate_loop", _("Kiến nghị kia đã được đánh dấu trùng với kiến nghị này."), "duplicate_of"
            )
    before = locked.duplicate_of_id
    locked.duplicate_of = duplicate_of
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.recommendation.duplicate_marked",
        instance=locked,
        unit=locked.unit,
        changes={"duplicate_of": [before, duplicate_of.pk if duplicate_of is not None else None]},
    )
    return locked


@transaction.atomic
def recommendation_set_hidden(
    *, actor: Any, item: Recommendation, expected_version: int | None, hidden: bool
) -> Recommendation:
    """Hide an item from the commune's public page (it shows there as hidden), or show it again."""
    locked = _locked(item, expected_version)
    before = locked.public_hidden
    locked.public_hidden = hidden
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.recommendation.public_hidden",
        instance=locked,
        unit=locked.unit,
        changes={"public_hidden": [before, hidden]},
    )
    return locked
