"""Writes of the recommendation tracker (docs/decisions/0023): raise, answer — and, built on them, transfer,
assess, re-raise and close.

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
from django.db import models, transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, Organization
from danvan.core.rules import deadline_for_rule
from danvan.core.similarity import text_bands
from danvan.core.text import single_line
from danvan.democracy.models import (
    Addressee,
    RaiserKind,
    Recommendation,
    RecommendationField,
    RecommendationKind,
    RecommendationSource,
    RecommendationStatus,
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
    """The near-duplicate bands of the item's content (``core.similarity``)."""
    item.band_0, item.band_1, item.band_2, item.band_3 = text_bands(item.content)


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
    due_on: dt.date | None = None,
    reraised_from: Recommendation | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Recommendation:
    """Record a question or recommendation raised at ``event`` that ``addressee`` (``addressee_org`` when the body
    is named) must answer; its deadline comes from the source's rule unless ``due_on`` is given."""
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
    if due_on is not None and due_on < raised_on:
        raise invalid("due_before_raised", _("Hạn trả lời phải từ ngày nêu ý kiến trở đi."), "due_on")
    rule = due_rule_code(source)
    if due_on is None:
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


@transaction.atomic
def recommendation_answer(
    *, actor: Any, item: Recommendation, expected_version: int | None, answered_on: dt.date, answer: str
) -> Recommendation:
    """Record the answer given to a recommendation (on or after the day raised, not in the future); a later
    correction is audited with the previous answer."""
    locked = Recommendation.objects.select_for_update().select_related("unit").get(pk=item.pk)
    check_version(locked, expected_version)
    answer = clean_text(answer, "answer")
    if not answer:
        raise invalid("answer_required", _("Hãy ghi nội dung trả lời."), "answer")
    if not locked.raised_on <= answered_on <= today():
        raise invalid(
            "invalid_answered_on",
            _("Ngày trả lời phải từ ngày nêu ý kiến (%(raised)s) đến hôm nay.")
            % {"raised": format_date(locked.raised_on)},
            "answered_on",
        )
    before = snapshot(locked, ("answered_on", "answer", "status"))
    locked.answered_on = answered_on
    locked.answer = answer
    locked.status = RecommendationStatus.ANSWERED
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.recommendation.answered",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, ("answered_on", "answer", "status"))),
    )
    return locked
