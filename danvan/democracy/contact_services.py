"""Writes of dialogues with staff, electoral areas and voter contacts, and of the questions raised at them.

A head of a body holds a dialogue with its staff at least ``staff_dialogue.per_year_min`` times a year (rule data,
Luật 10/2022/QH15 Chương IV). People's Council deputies meet the voters of their electoral area before and after
each session. Whatever staff or voters raise is a :class:`~danvan.democracy.models.Recommendation` of the one
tracker (source ``staff_dialogue`` / ``voter_contact``), addressed to the body that must answer — one of the
commune's or of its province's bodies; its deadline comes from the source's rule. Every change is audited; edits
carry the version the officer saw (409 ``stale``); a creation repeated with its submission key returns the first
record; many questions are recorded at once, all or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.core.periods import MIN_YEAR, latest_year
from danvan.core.rules import rule_in_force
from danvan.core.text import single_line, vi_sort_key
from danvan.democracy.models import (
    Addressee,
    ContactStatus,
    ContactTiming,
    CouncilLevel,
    ElectoralArea,
    RaiserKind,
    Recommendation,
    RecommendationField,
    RecommendationKind,
    RecommendationSource,
    StaffDialogue,
    VoterContact,
)
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

PER_YEAR_RULE = "staff_dialogue.per_year_min"
# The bodies whose heads must hold a dialogue with their staff each year (counted by the compliance view).
DIALOGUE_BODY_KINDS = ("peoples_committee", "peoples_council", "fatherland_front")
MAX_QUESTIONS = 60
DIALOGUE_FIELDS = ("held_on", "place", "chaired_by", "participants", "topics", "minutes", "year")
AREA_FIELDS = ("number", "name", "term", "deputies")
CONTACT_FIELDS = ("session_name", "session_on", "timing", "held_on", "place")
RECORD_FIELDS = ("status", "deputies_present", "voters_attending", "minutes")


def dialogues_required(year: int) -> int:
    """How many dialogues with its staff a body's head holds in ``year`` at least (rule in force at its end)."""
    return rule_in_force(PER_YEAR_RULE, dt.date(year, 12, 31)).value


def _names(text: str, field: str) -> str:
    """One name a line, each line cleaned, blank lines dropped."""
    text = clean_text(text, field)
    lines = [single_line(line)[:200] for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _people(value: int | None, field: str) -> int:
    """A number of people: required, from 1 to a million."""
    if not value:
        raise invalid("number_required", _("Hãy ghi số người."), field)
    if not 1 <= value <= 1_000_000:
        raise invalid("invalid_number", _("Số người không hợp lệ."), field)
    return value


def _past_day(day: dt.date, field: str) -> None:
    if not dt.date(MIN_YEAR, 1, 1) <= day <= today():
        raise invalid("invalid_day", _("Ngày phải từ năm %(min)s đến hôm nay.") % {"min": MIN_YEAR}, field)


def _key_fields(submission_key: str | None, submission_fingerprint: str) -> dict[str, Any]:
    return {
        "submission_key": submission_key or None,
        "submission_fingerprint": submission_fingerprint if submission_key else "",
    }


# --- Bodies that can be addressed ------------------------------------------------------------------------------


def addressable_bodies(unit: AdministrativeUnit) -> models.QuerySet[Organization]:
    """The active bodies of ``unit``'s commune and of its province (a question may go to a province body)."""
    commune = unit
    while commune.level == UnitLevel.VILLAGE and commune.parent_id is not None:
        commune = commune.parent  # type: ignore[assignment]
    places = Q(unit=commune)
    if commune.province_code:
        places |= Q(unit__level=UnitLevel.PROVINCE, unit__tree=UnitTree.CURRENT, unit__code=commune.province_code)
    # The commune's bodies first ("commune" sorts before "province"), each in the kinds' order.
    return (
        Organization.objects.filter(places, is_active=True)
        .select_related("unit", "kind")
        .order_by("unit__level", "kind__sort_order", "name")
    )


def addressee_kind(org: Organization) -> str:
    """The tracker's kind of body for ``org`` (a province body is a higher level's)."""
    if org.unit.level != UnitLevel.COMMUNE:
        return Addressee.HIGHER_LEVEL
    return {
        "peoples_committee": Addressee.PEOPLES_COMMITTEE,
        "fatherland_front": Addressee.FATHERLAND_FRONT,
        "peoples_council": Addressee.PEOPLES_COUNCIL,
    }.get(org.kind.code, Addressee.OTHER)


# --- Dialogues with staff --------------------------------------------------------------------------------------


def _check_dialogue(dialogue: StaffDialogue) -> None:
    _past_day(dialogue.held_on, "held_on")
    if not dialogue.chaired_by:
        raise invalid("chaired_by_required", _("Hãy ghi người đứng đầu chủ trì buổi đối thoại."), "chaired_by")
    if not MIN_YEAR <= dialogue.year <= latest_year(today()):
        raise invalid("invalid_year", _("Năm không hợp lệ."), "year")


@transaction.atomic
def staff_dialogue_record(
    *,
    actor: Any,
    organization: Organization,
    held_on: dt.date,
    chaired_by: str,
    participants: int | None,
    place: str = "",
    topics: str = "",
    minutes: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> StaffDialogue:
    """Record a dialogue the head of ``organization`` held with its staff (on a day not in the future)."""
    existing = existing_submission(StaffDialogue, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if not organization.is_active:
        raise invalid("organization_inactive", _("Cơ quan này không còn hoạt động."), "organization_id")
    unit = organization.unit
    if unit.tree != UnitTree.CURRENT:
        raise invalid("unit_not_current", _("Chỉ ghi đối thoại của cơ quan tại đơn vị hiện hành."), "organization_id")
    dialogue = StaffDialogue(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        organization=organization,
        year=held_on.year,
        held_on=held_on,
        place=single_line(place)[:300],
        chaired_by=single_line(chaired_by)[:200],
        participants=_people(participants, "participants"),
        topics=single_line(clean_text(topics, "topics"))[:500],
        minutes=clean_text(minutes, "minutes"),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **_key_fields(submission_key, submission_fingerprint),
    )
    _check_dialogue(dialogue)
    full_clean(dialogue, exclude=["unit", "created_by", "organization"])
    twin = save_new(dialogue, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.staff_dialogue.recorded",
        instance=dialogue,
        unit=unit,
        changes={"organization": organization.pk, "held_on": held_on, "participants": dialogue.participants},
    )
    return dialogue


@transaction.atomic
def staff_dialogue_edit(
    *,
    actor: Any,
    dialogue: StaffDialogue,
    expected_version: int | None,
    held_on: dt.date,
    chaired_by: str,
    participants: int | None,
    place: str = "",
    topics: str = "",
    minutes: str = "",
) -> StaffDialogue:
    """Correct a recorded dialogue (each correction audited with the values before)."""
    locked = StaffDialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dialogue.pk)
    check_version(locked, expected_version)
    before = snapshot(locked, DIALOGUE_FIELDS)
    if Recommendation.objects.for_event(locked).exists() and held_on != locked.held_on:
        raise ConflictError("has_questions", _("Đã ghi ý kiến tại buổi đối thoại; không đổi ngày đối thoại được."))
    locked.held_on = held_on
    locked.year = held_on.year
    locked.place = single_line(place)[:300]
    locked.chaired_by = single_line(chaired_by)[:200]
    locked.participants = _people(participants, "participants")
    locked.topics = single_line(clean_text(topics, "topics"))[:500]
    locked.minutes = clean_text(minutes, "minutes")
    _check_dialogue(locked)
    full_clean(locked, exclude=["unit", "created_by", "organization"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.staff_dialogue.edited",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, DIALOGUE_FIELDS)),
    )
    return locked


# --- Electoral areas -------------------------------------------------------------------------------------------


def area_level_for(unit: AdministrativeUnit) -> str:
    return CouncilLevel.PROVINCE if unit.level == UnitLevel.PROVINCE else CouncilLevel.COMMUNE


def _check_area_units(unit: AdministrativeUnit, covered: Sequence[AdministrativeUnit]) -> None:
    """A commune's area covers some of its villages; a province's some of its communes."""
    wanted = UnitLevel.VILLAGE if unit.level == UnitLevel.COMMUNE else UnitLevel.COMMUNE
    for place in covered:
        if place.level != wanted or place.tree != UnitTree.CURRENT or not place.path.startswith(unit.path):
            message = (
                _("Đơn vị bầu cử HĐND xã chỉ gồm các thôn, tổ dân phố của xã (%(name)s không thuộc).")
                if unit.level == UnitLevel.COMMUNE
                else _("Đơn vị bầu cử HĐND tỉnh chỉ gồm các xã, phường của tỉnh (%(name)s không thuộc).")
            )
            raise invalid("unit_outside_area", message % {"name": place.name}, "unit_ids")


def _check_area(area: ElectoralArea) -> None:
    if not 1 <= area.number <= 999:
        raise invalid("invalid_number", _("Số đơn vị bầu cử phải từ 1 đến 999."), "number")
    if not area.name:
        raise invalid("name_required", _("Hãy ghi tên đơn vị bầu cử."), "name")
    clash = ElectoralArea.objects.filter(unit=area.unit, council_level=area.council_level, number=area.number)
    if clash.exclude(pk=area.pk).exists():
        raise invalid(
            "duplicate_number",
            _("Đã có đơn vị bầu cử số %(number)s của Hội đồng nhân dân này.") % {"number": area.number},
            "number",
        )


@transaction.atomic
def electoral_area_create(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    number: int,
    name: str,
    units: Sequence[AdministrativeUnit],
    deputies: str = "",
    term: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> ElectoralArea:
    """Register an electoral area of ``unit``'s People's Council (a commune's or a province's)."""
    existing = existing_submission(ElectoralArea, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if unit.tree != UnitTree.CURRENT or unit.level not in (UnitLevel.COMMUNE, UnitLevel.PROVINCE):
        raise invalid("wrong_unit_level", _("Đơn vị bầu cử thuộc HĐND xã hoặc HĐND tỉnh."), "unit_id")
    _check_area_units(unit, units)
    area = ElectoralArea(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        council_level=area_level_for(unit),
        number=number,
        name=single_line(name)[:200],
        term=single_line(term)[:20],
        deputies=_names(deputies, "deputies"),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **_key_fields(submission_key, submission_fingerprint),
    )
    _check_area(area)
    full_clean(area, exclude=["unit", "created_by"])
    twin = save_new(area, submission_fingerprint)
    if twin is not None:
        return twin
    area.units.set(units)
    audit_log(
        actor=actor,
        action="democracy.electoral_area.created",
        instance=area,
        unit=unit,
        changes={"number": number, "name": area.name, "units": sorted(u.pk for u in units)},
    )
    return area


@transaction.atomic
def electoral_area_edit(
    *,
    actor: Any,
    area: ElectoralArea,
    expected_version: int | None,
    number: int,
    name: str,
    units: Sequence[AdministrativeUnit],
    deputies: str = "",
    term: str = "",
) -> ElectoralArea:
    """Change an area's number, name, units or deputies."""
    locked = ElectoralArea.objects.select_for_update(of=("self",)).select_related("unit").get(pk=area.pk)
    check_version(locked, expected_version)
    _check_area_units(locked.unit, units)
    before = {**snapshot(locked, AREA_FIELDS), "units": sorted(locked.units.values_list("pk", flat=True))}
    locked.number = number
    locked.name = single_line(name)[:200]
    locked.term = single_line(term)[:20]
    locked.deputies = _names(deputies, "deputies")
    _check_area(locked)
    full_clean(locked, exclude=["unit", "created_by"])
    locked.version += 1
    locked.save()
    locked.units.set(units)
    after = {**snapshot(locked, AREA_FIELDS), "units": sorted(u.pk for u in units)}
    audit_log(
        actor=actor,
        action="democracy.electoral_area.edited",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, after),
    )
    return locked


# --- Voter contacts --------------------------------------------------------------------------------------------


def contact_places(area: ElectoralArea) -> list[AdministrativeUnit]:
    """The communes where the area's deputies meet voters: the area's commune, or the communes it covers."""
    if area.council_level == CouncilLevel.COMMUNE:
        return [area.unit]
    return sorted(area.units.filter(tree=UnitTree.CURRENT), key=lambda u: vi_sort_key(u.name))


def _check_contact(contact: VoterContact) -> None:
    if contact.timing not in ContactTiming.values:
        raise invalid("invalid_timing", _("Hãy chọn trước hay sau kỳ họp."), "timing")
    if not contact.session_name:
        raise invalid("session_required", _("Hãy ghi kỳ họp của Hội đồng nhân dân."), "session_name")
    if not contact.place:
        raise invalid("place_required", _("Hãy ghi địa điểm tiếp xúc cử tri."), "place")
    if not dt.date(MIN_YEAR, 1, 1) <= contact.held_on <= dt.date(latest_year(today()), 12, 31):
        raise invalid("invalid_day", _("Ngày tiếp xúc không hợp lệ."), "held_on")
    if contact.session_on is not None:
        if contact.timing == ContactTiming.BEFORE and contact.held_on >= contact.session_on:
            raise invalid(
                "before_after_session",
                _("Tiếp xúc trước kỳ họp phải trước ngày khai mạc (%(day)s).")
                % {"day": format_date(contact.session_on)},
                "held_on",
            )
        if contact.timing == ContactTiming.AFTER and contact.held_on <= contact.session_on:
            raise invalid(
                "after_before_session",
                _("Tiếp xúc sau kỳ họp phải sau ngày khai mạc (%(day)s).") % {"day": format_date(contact.session_on)},
                "held_on",
            )


@transaction.atomic
def voter_contact_schedule(
    *,
    actor: Any,
    area: ElectoralArea,
    unit: AdministrativeUnit,
    session_name: str,
    timing: str,
    held_on: dt.date,
    place: str,
    session_on: dt.date | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> VoterContact:
    """Put a voter contact of ``area``'s deputies at ``unit`` (a commune of the area) on the schedule."""
    existing = existing_submission(VoterContact, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if unit.pk not in {place.pk for place in contact_places(area)}:
        raise invalid(
            "unit_outside_area",
            _("%(unit)s không thuộc địa bàn đơn vị bầu cử %(area)s.") % {"unit": unit.name, "area": area.name},
            "unit_id",
        )
    contact = VoterContact(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        area=area,
        session_name=single_line(session_name)[:200],
        session_on=session_on,
        timing=timing,
        held_on=held_on,
        place=single_line(place)[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **_key_fields(submission_key, submission_fingerprint),
    )
    _check_contact(contact)
    full_clean(contact, exclude=["unit", "created_by", "area"])
    twin = save_new(contact, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.voter_contact.scheduled",
        instance=contact,
        unit=unit,
        changes={"area": area.pk, "timing": timing, "held_on": held_on, "session_name": contact.session_name},
    )
    return contact


def _locked_contact(contact: VoterContact, expected_version: int | None) -> VoterContact:
    locked = VoterContact.objects.select_for_update(of=("self",)).select_related("unit", "area").get(pk=contact.pk)
    check_version(locked, expected_version)
    return locked


@transaction.atomic
def voter_contact_reschedule(
    *,
    actor: Any,
    contact: VoterContact,
    expected_version: int | None,
    session_name: str,
    timing: str,
    held_on: dt.date,
    place: str,
    session_on: dt.date | None = None,
) -> VoterContact:
    """Change the session, day or place of a contact still on the schedule."""
    locked = _locked_contact(contact, expected_version)
    if locked.status != ContactStatus.SCHEDULED:
        raise ConflictError("not_scheduled", _("Chỉ sửa lịch của buổi tiếp xúc chưa tổ chức."))
    before = snapshot(locked, CONTACT_FIELDS)
    locked.session_name = single_line(session_name)[:200]
    locked.session_on = session_on
    locked.timing = timing
    locked.held_on = held_on
    locked.place = single_line(place)[:300]
    _check_contact(locked)
    full_clean(locked, exclude=["unit", "created_by", "area"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.voter_contact.rescheduled",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, CONTACT_FIELDS)),
    )
    return locked


@transaction.atomic
def voter_contact_record(
    *,
    actor: Any,
    contact: VoterContact,
    expected_version: int | None,
    voters_attending: int | None,
    deputies_present: str,
    minutes: str = "",
) -> VoterContact:
    """Record a contact as held: the deputies present and the voters attending (not before its day)."""
    locked = _locked_contact(contact, expected_version)
    if locked.status == ContactStatus.CANCELLED:
        raise ConflictError("cancelled", _("Buổi tiếp xúc đã hủy, không ghi kết quả được."))
    if locked.held_on > today():
        raise invalid(
            "not_yet_held",
            _("Buổi tiếp xúc diễn ra ngày %(day)s; chưa thể ghi kết quả.") % {"day": format_date(locked.held_on)},
            "held_on",
        )
    deputies_present = _names(deputies_present, "deputies_present")
    if not deputies_present:
        raise invalid("deputies_required", _("Hãy ghi ít nhất một đại biểu dự tiếp xúc."), "deputies_present")
    before = snapshot(locked, RECORD_FIELDS)
    locked.status = ContactStatus.HELD
    locked.voters_attending = _people(voters_attending, "voters_attending")
    locked.deputies_present = deputies_present
    locked.minutes = clean_text(minutes, "minutes")
    full_clean(locked, exclude=["unit", "created_by", "area"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.voter_contact.held",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, RECORD_FIELDS)),
    )
    return locked


@transaction.atomic
def voter_contact_cancel(
    *, actor: Any, contact: VoterContact, expected_version: int | None, reason: str
) -> VoterContact:
    """Take a contact off the schedule, with the reason; one held cannot be cancelled."""
    locked = _locked_contact(contact, expected_version)
    if locked.status != ContactStatus.SCHEDULED:
        raise ConflictError("not_scheduled", _("Chỉ hủy buổi tiếp xúc chưa tổ chức."))
    reason = single_line(clean_text(reason, "reason"))[:300]
    if not reason:
        raise invalid("reason_required", _("Hãy ghi lý do hủy."), "reason")
    locked.status = ContactStatus.CANCELLED
    locked.cancel_reason = reason
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.voter_contact.cancelled",
        instance=locked,
        unit=locked.unit,
        changes={"status": [ContactStatus.SCHEDULED, ContactStatus.CANCELLED], "reason": reason},
    )
    return locked


# --- Questions raised (to the tracker) -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionLine:
    """One question as the minutes give it: who raised it, what, and the body that must answer."""

    raised_by: str
    content: str
    addressee_org: Organization
    kind: str = RecommendationKind.RECOMMENDATION
    field: str = RecommendationField.OTHER


def _row_error(error: DomainError, row: int) -> DomainError:
    """The error of one question row, its fields named ``questions.<row>.<field>``."""
    fields = {f"questions.{row}.{name}": messages for name, messages in (error.fields or {}).items()}
    message = _("Ý kiến thứ %(row)s: %(message)s") % {"row": row + 1, "message": error.message}
    return DomainError(error.code, message, status=error.status, fields=fields or None)


@transaction.atomic
def raise_questions(
    *,
    actor: Any,
    event: StaffDialogue | VoterContact,
    questions: Sequence[QuestionLine],
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> list[Recommendation]:
    """Record the questions raised at a held voter contact or a staff dialogue, all or none, each a tracked
    recommendation addressed to its body (a body of the event's commune or province). Repeating the submission
    key returns the questions already recorded."""
    if isinstance(event, VoterContact):
        if event.status != ContactStatus.HELD:
            raise ConflictError("not_held", _("Chỉ ghi ý kiến cử tri của buổi tiếp xúc đã tổ chức."))
        source = RecommendationSource.VOTER_CONTACT
    else:
        source = RecommendationSource.STAFF_DIALOGUE
    if not questions:
        raise invalid("questions_required", _("Hãy ghi ít nhất một ý kiến, kiến nghị."), "questions")
    if len(questions) > MAX_QUESTIONS:
        raise invalid(
            "too_many_questions",
            _("Mỗi lần ghi tối đa %(max)s ý kiến.") % {"max": MAX_QUESTIONS},
            "questions",
        )
    allowed = set(addressable_bodies(event.unit).values_list("pk", flat=True))
    made: list[Recommendation] = []
    for row, line in enumerate(questions):
        try:
            if line.addressee_org.pk not in allowed:
                raise invalid(
                    "addressee_outside",
                    _("Chỉ gửi đến cơ quan của xã hoặc của tỉnh nơi tổ chức."),
                    "addressee_org_id",
                )
            made.append(
                recommendation_raise(
                    actor=actor,
                    event=event,
                    source=source,
                    unit=event.unit,
                    raised_on=event.held_on,
                    kind=line.kind,
                    raised_by=line.raised_by,
                    content=line.content,
                    addressee=addressee_kind(line.addressee_org),
                    addressee_org=line.addressee_org,
                    field=line.field,
                    raiser_kind=RaiserKind.CITIZENS,
                    submission_key=f"{submission_key[:56]}:{row}"[:64] if submission_key else None,
                    submission_fingerprint=submission_fingerprint,
                )
            )
        except DomainError as error:
            raise _row_error(error, row) from error
    return made
