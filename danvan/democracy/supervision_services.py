"""Writes of the Fatherland Front's supervision programmes and social-criticism sessions.

Luật Mặt trận Tổ quốc Việt Nam 75/2015/QH13 Chương V (supervision, Art. 25–32; social criticism, Art. 33–38), as
amended by Luật 97/2025/QH15 (the socio-political organizations are organized within the Front from 1/7/2025). A
programme belongs to one supervising organization (the commune Front or a member organization) and one year; each
supervision or criticism session of it is planned (topic, supervised or drafting body, team, period, method), then
recorded as done with its findings, or cancelled. Its recommendations (supervision) and opinions (social criticism)
go to the one tracker (:func:`recommendation_raise`), addressed to the supervised or drafting body, whose answer is
the tracker's answer.

The one number here is rule data: ``supervision.notice_min`` (how many days before a supervision its plan reaches
the supervised body). Every change is audited; edits carry the version the officer saw (409 ``stale``); a creation
repeated with its submission key returns the first record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.core.periods import MIN_YEAR
from danvan.core.rules import rule_in_force
from danvan.core.text import fold, single_line
from danvan.democracy.models import (
    FRONT_ORG_KINDS,
    Addressee,
    RaiserKind,
    Recommendation,
    RecommendationField,
    RecommendationKind,
    RecommendationSource,
    Supervision,
    SupervisionKind,
    SupervisionMethod,
    SupervisionProgramme,
    SupervisionStatus,
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

NOTICE_RULE = "supervision.notice_min"
MAX_PERIOD_DAYS = 366
PLAN_FIELDS = (
    "kind",
    "topic",
    "supervised_org",
    "draft_title",
    "method",
    "team_lead",
    "team",
    "starts_on",
    "ends_on",
    "notice_on",
    "purpose",
)
RECORD_FIELDS = ("status", "done_on", "findings", "conclusion")
PROGRAMME_FIELDS = ("title", "adopted_on", "note")


# --- Who supervises, who answers ------------------------------------------------------------------------------------


def front_organizations(commune: AdministrativeUnit) -> QuerySet[Organization]:
    """The commune's Front and the member organizations organized within it: who keeps a programme."""
    return (
        Organization.objects.filter(unit=commune, kind__code__in=FRONT_ORG_KINDS, is_active=True)
        .select_related("kind", "unit")
        .order_by("kind__sort_order", "name")
    )


def answering_organizations(commune: AdministrativeUnit) -> QuerySet[Organization]:
    """The bodies a supervision may look at (or whose draft a criticism session reviews): the active organizations
    of the commune and of its province."""
    units = [commune.pk] + ([commune.parent_id] if commune.parent_id else [])
    return (
        Organization.objects.filter(unit_id__in=units, is_active=True)
        .select_related("kind", "unit")
        .order_by("unit__level", "kind__sort_order", "name")
    )


def notice_days_required(starts_on: dt.date) -> int | None:
    """The least number of days between sending the plan and the supervision (rule in force on its first day);
    None before any rule was in force."""
    try:
        return int(rule_in_force(NOTICE_RULE, starts_on).value)
    except DomainError:
        return None


def addressee_for(organization: Organization, commune: AdministrativeUnit) -> tuple[str, str]:
    """The tracker's kind of body (and note) for a recommendation addressed to ``organization``."""
    if organization.unit_id != commune.pk:
        return Addressee.HIGHER_LEVEL, organization.name[:200]
    by_kind = {
        "peoples_committee": Addressee.PEOPLES_COMMITTEE,
        "peoples_council": Addressee.PEOPLES_COUNCIL,
        "fatherland_front": Addressee.FATHERLAND_FRONT,
    }
    kind = by_kind.get(organization.kind.code)
    if kind is not None:
        return kind, ""
    return Addressee.OTHER, organization.name[:200]


# --- Programmes ---------------------------------------------------------------------------------------------------


def _check_front_org(organization: Organization) -> AdministrativeUnit:
    unit = organization.unit
    if organization.kind.code not in FRONT_ORG_KINDS or not organization.is_active:
        raise invalid(
            "not_front_organization",
            _("Chỉ Ủy ban MTTQ và các tổ chức chính trị - xã hội trực thuộc Mặt trận lập chương trình giám sát."),
            "organization_id",
        )
    if unit.level != UnitLevel.COMMUNE or unit.tree != UnitTree.CURRENT:
        raise invalid(
            "not_commune_organization",
            _("Chọn tổ chức của một xã, phường, đặc khu hiện hành."),
            "organization_id",
        )
    return unit


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= today().year + 1:
        raise invalid(
            "invalid_year",
            _("Năm của chương trình phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": today().year + 1},
            "year",
        )


def default_programme_title(organization: Organization, year: int) -> str:
    return _("Chương trình giám sát, phản biện xã hội năm %(year)s của %(org)s") % {
        "year": year,
        "org": organization.name,
    }


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    organization: Organization,
    year: int,
    title: str = "",
    adopted_on: dt.date | None = None,
    note: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> SupervisionProgramme:
    """The yearly programme of a Front organization (one per organization and year)."""
    existing = existing_submission(SupervisionProgramme, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    unit = _check_front_org(organization)
    _check_year(year)
    if SupervisionProgramme.objects.filter(organization=organization, year=year).exists():
        message = _("%(org)s đã có chương trình năm %(year)s.") % {"org": organization.name, "year": year}
        raise DomainError("programme_exists", message, status=409, fields={"year": [message]})
    if adopted_on is not None and adopted_on > today():
        raise invalid("adopted_in_future", _("Ngày ban hành không được sau hôm nay."), "adopted_on")
    programme = SupervisionProgramme(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        organization=organization,
        year=year,
        title=single_line(title)[:300] or default_programme_title(organization, year)[:300],
        adopted_on=adopted_on,
        note=clean_text(note, "note"),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    full_clean(programme, exclude=["unit", "organization", "created_by"])
    twin = save_new(programme, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.supervision_programme.created",
        instance=programme,
        unit=unit,
        changes={"organization": organization.name, "year": year},
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Any,
    programme: SupervisionProgramme,
    expected_version: int | None,
    title: str,
    adopted_on: dt.date | None = None,
    note: str = "",
) -> SupervisionProgramme:
    """Change a programme's title, day adopted or note."""
    locked = (
        SupervisionProgramme.objects.select_for_update(of=("self",))
        .select_related("unit", "organization")
        .get(pk=programme.pk)
    )
    check_version(locked, expected_version)
    if adopted_on is not None and adopted_on > today():
        raise invalid("adopted_in_future", _("Ngày ban hành không được sau hôm nay."), "adopted_on")
    before = snapshot(locked, PROGRAMME_FIELDS)
    locked.title = single_line(title)[:300] or locked.title
    locked.adopted_on = adopted_on
    locked.note = clean_text(note, "note")
    full_clean(locked, exclude=["unit", "organization", "created_by"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.supervision_programme.updated",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, PROGRAMME_FIELDS)),
    )
    return locked


# --- Supervisions and criticism sessions --------------------------------------------------------------------------


def _check_plan(supervision: Supervision, programme: SupervisionProgramme) -> None:
    """Kind, method, topic, the period (end not before start, within the programme's year), the body, the draft of
    a criticism session, and the plan's notice (rule ``supervision.notice_min``)."""
    if supervision.kind not in SupervisionKind.values:
        raise invalid("invalid_kind", _("Loại hoạt động không hợp lệ: chọn giám sát hoặc phản biện xã hội."), "kind")
    if supervision.method not in SupervisionMethod.values:
        raise invalid(
            "invalid_method",
            _("Hình thức không hợp lệ: chọn nghiên cứu văn bản, khảo sát thực tế hoặc tổ chức hội nghị."),
            "method",
        )
    if not supervision.topic:
        raise invalid("topic_required", _("Hãy ghi nội dung, chuyên đề giám sát hoặc phản biện."), "topic")
    if supervision.ends_on < supervision.starts_on:
        raise invalid(
            "period_end_before_start",
            _("Ngày kết thúc (%(end)s) không được trước ngày bắt đầu (%(start)s).")
            % {"end": format_date(supervision.ends_on), "start": format_date(supervision.starts_on)},
            "ends_on",
        )
    if (supervision.ends_on - supervision.starts_on).days > MAX_PERIOD_DAYS:
        raise invalid("period_too_long", _("Thời gian thực hiện không được quá một năm."), "ends_on")
    if supervision.starts_on.year != programme.year:
        raise invalid(
            "outside_programme_year",
            _("Chương trình năm %(year)s: ngày bắt đầu phải trong năm %(year)s.") % {"year": programme.year},
            "starts_on",
        )
    body = supervision.supervised_org
    commune = programme.unit
    if body.pk == programme.organization_id:
        raise invalid("supervises_itself", _("Tổ chức giám sát không tự giám sát chính mình."), "supervised_org_id")
    if not body.is_active or body.unit_id not in (commune.pk, commune.parent_id):
        raise invalid(
            "supervised_org_outside",
            _("Chọn một cơ quan, tổ chức của xã hoặc của tỉnh."),
            "supervised_org_id",
        )
    if supervision.kind == SupervisionKind.SOCIAL_CRITICISM and not supervision.draft_title:
        raise invalid("draft_required", _("Hãy ghi tên dự thảo được đưa ra phản biện."), "draft_title")
    if supervision.notice_on is not None:
        if supervision.notice_on > supervision.starts_on:
            raise invalid("notice_after_start", _("Ngày gửi kế hoạch phải trước ngày bắt đầu giám sát."), "notice_on")
        if supervision.kind == SupervisionKind.SUPERVISION and notice_days_required(supervision.starts_on) is not None:
            rule = rule_in_force(NOTICE_RULE, supervision.starts_on)
            required = int(rule.value)
            given = (supervision.starts_on - supervision.notice_on).days
            if given < required:
                raise invalid(
                    "notice_too_short",
                    _(
                        "Kế hoạch gửi ngày %(notice)s, chỉ trước %(given)s ngày; phải gửi trước ít nhất %(required)s "
                        "ngày (%(basis)s). Ngày bắt đầu sớm nhất: %(earliest)s."
                    )
                    % {
                        "notice": format_date(supervision.notice_on),
                        "given": given,
                        "required": required,
                        "basis": rule.legal_basis,
                        "earliest": format_date(supervision.notice_on + dt.timedelta(days=required)),
                    },
                    "notice_on",
                )


def _apply_plan(supervision: Supervision, fields: dict[str, Any]) -> None:
    supervision.kind = str(fields["kind"])
    supervision.method = str(fields["method"])
    supervision.topic = single_line(fields.get("topic"))[:300]
    supervision.supervised_org = fields["supervised_org"]
    supervision.draft_title = single_line(fields.get("draft_title"))[:300]
    supervision.team_lead = single_line(fields.get("team_lead"))[:200]
    supervision.team = clean_text(fields.get("team"), "team")
    supervision.starts_on = fields["starts_on"]
    supervision.ends_on = fields["ends_on"]
    supervision.notice_on = fields.get("notice_on")
    supervision.purpose = clean_text(fields.get("purpose"), "purpose")
    if supervision.kind != SupervisionKind.SOCIAL_CRITICISM:
        supervision.draft_title = ""
    supervision.search_text = fold(
        " ".join((supervision.topic, supervision.draft_title, supervision.supervised_org.name))
    )[:700]


@transaction.atomic
def supervision_plan(
    *,
    actor: Any,
    programme: SupervisionProgramme,
    kind: str,
    topic: str,
    supervised_org: Organization,
    method: str,
    starts_on: dt.date,
    ends_on: dt.date,
    draft_title: str = "",
    team_lead: str = "",
    team: str = "",
    notice_on: dt.date | None = None,
    purpose: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Supervision:
    """Put a supervision or a social-criticism session in a programme."""
    existing = existing_submission(Supervision, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    unit = programme.unit
    supervision = Supervision(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        programme=programme,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    _apply_plan(
        supervision,
        {
            "kind": kind,
            "method": method,
            "topic": topic,
            "supervised_org": supervised_org,
            "draft_title": draft_title,
            "team_lead": team_lead,
            "team": team,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "notice_on": notice_on,
            "purpose": purpose,
        },
    )
    _check_plan(supervision, programme)
    full_clean(supervision, exclude=["unit", "programme", "supervised_org", "created_by"])
    twin = save_new(supervision, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.supervision.planned",
        instance=supervision,
        unit=unit,
        changes={
            "kind": kind,
            "method": method,
            "supervised_org": supervised_org.name,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    return supervision


def _locked(supervision: Supervision, expected_version: int | None) -> Supervision:
    locked = (
        Supervision.objects.select_for_update(of=("self",))
        .select_related("unit", "programme", "programme__unit", "programme__organization", "supervised_org")
        .get(pk=supervision.pk)
    )
    check_version(locked, expected_version)
    return locked


def _plan_snapshot(supervision: Supervision) -> dict[str, Any]:
    values = snapshot(supervision, [name for name in PLAN_FIELDS if name != "supervised_org"])
    values["supervised_org"] = supervision.supervised_org.name
    return values


@transaction.atomic
def supervision_update(
    *,
    actor: Any,
    supervision: Supervision,
    expected_version: int | None,
    kind: str,
    topic: str,
    supervised_org: Organization,
    method: str,
    starts_on: dt.date,
    ends_on: dt.date,
    draft_title: str = "",
    team_lead: str = "",
    team: str = "",
    notice_on: dt.date | None = None,
    purpose: str = "",
) -> Supervision:
    """Change the plan of a supervision not yet done (the same checks as planning it)."""
    locked = _locked(supervision, expected_version)
    if locked.status != SupervisionStatus.PLANNED:
        raise ConflictError("not_planned", _("Chỉ sửa kế hoạch của cuộc giám sát, phản biện chưa thực hiện."))
    before = _plan_snapshot(locked)
    _apply_plan(
        locked,
        {
            "kind": kind,
            "method": method,
            "topic": topic,
            "supervised_org": supervised_org,
            "draft_title": draft_title,
            "team_lead": team_lead,
            "team": team,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "notice_on": notice_on,
            "purpose": purpose,
        },
    )
    _check_plan(locked, locked.programme)
    full_clean(locked, exclude=["unit", "programme", "supervised_org", "created_by"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.supervision.updated",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, _plan_snapshot(locked)),
    )
    return locked


@transaction.atomic
def supervision_record(
    *,
    actor: Any,
    supervision: Supervision,
    expected_version: int | None,
    done_on: dt.date,
    findings: str,
    conclusion: str = "",
) -> Supervision:
    """Record a supervision (or criticism session) as done: the day it ended, the findings (or the opinions given)
    and the conclusion. Not before it began nor in the future; a recorded one can be corrected (audited)."""
    locked = _locked(supervision, expected_version)
    if locked.status == SupervisionStatus.CANCELLED:
        raise ConflictError("cancelled", _("Cuộc giám sát, phản biện đã hủy, không ghi kết quả được."))
    if not locked.starts_on <= done_on <= today():
        raise invalid(
            "invalid_done_on",
            _("Ngày kết thúc thực hiện phải từ ngày bắt đầu (%(start)s) đến hôm nay.")
            % {"start": format_date(locked.starts_on)},
            "done_on",
        )
    findings = clean_text(findings, "findings")
    if not findings:
        raise invalid("findings_required", _("Hãy ghi kết quả giám sát hoặc ý kiến phản biện."), "findings")
    before = snapshot(locked, RECORD_FIELDS)
    locked.status = SupervisionStatus.DONE
    locked.done_on = done_on
    locked.findings = findings
    locked.conclusion = clean_text(conclusion, "conclusion")
    full_clean(locked, exclude=["unit", "programme", "supervised_org", "created_by"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.supervision.done",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, RECORD_FIELDS)),
    )
    return locked


@transaction.atomic
def supervision_cancel(
    *, actor: Any, supervision: Supervision, expected_version: int | None, reason: str
) -> Supervision:
    """Take a planned supervision out of the programme, with the reason (one done cannot be cancelled)."""
    locked = _locked(supervision, expected_version)
    if locked.status != SupervisionStatus.PLANNED:
        raise ConflictError("not_planned", _("Chỉ hủy cuộc giám sát, phản biện chưa thực hiện."))
    reason = single_line(reason)[:300]
    if not reason:
        raise invalid("reason_required", _("Hãy ghi lý do hủy."), "reason")
    locked.status = SupervisionStatus.CANCELLED
    locked.cancel_reason = reason
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.supervision.cancelled",
        instance=locked,
        unit=locked.unit,
        changes={"status": [SupervisionStatus.PLANNED, SupervisionStatus.CANCELLED], "reason": reason},
    )
    return locked


def supervision_raise(
    *,
    actor: Any,
    supervision: Supervision,
    content: str,
    field: str = RecommendationField.OTHER,
    kind: str = RecommendationKind.RECOMMENDATION,
    raised_on: dt.date | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Recommendation:
    """A recommendation of a supervision (or an opinion of a criticism session) to the tracker: raised by the
    supervising organization, addressed to the supervised (drafting) body; the answer deadline is the rule's."""
    if submission_key:
        existing = existing_submission(Recommendation, submission_key, submission_fingerprint)
        if existing is not None:
            return existing
    if supervision.status != SupervisionStatus.DONE or supervision.done_on is None:
        raise ConflictError("not_done", _("Chỉ ghi kiến nghị của cuộc giám sát, phản biện đã thực hiện."))
    raised_on = raised_on or supervision.done_on
    if not supervision.done_on <= raised_on <= today():
        raise invalid(
            "invalid_raised_on",
            _("Ngày gửi kiến nghị phải từ ngày kết thúc thực hiện (%(done)s) đến hôm nay.")
            % {"done": format_date(supervision.done_on)},
            "raised_on",
        )
    programme = supervision.programme
    addressee, note = addressee_for(supervision.supervised_org, supervision.unit)
    source = (
        RecommendationSource.SOCIAL_CRITICISM
        if supervision.kind == SupervisionKind.SOCIAL_CRITICISM
        else RecommendationSource.SUPERVISION
    )
    return recommendation_raise(
        actor=actor,
        event=supervision,
        source=source,
        unit=supervision.unit,
        raised_on=raised_on,
        kind=kind,
        raised_by=programme.organization.name,
        content=content,
        addressee=addressee,
        addressee_note=note,
        addressee_org=supervision.supervised_org,
        field=field,
        raiser_kind=RaiserKind.ORGANIZATION,
        raiser_org=programme.organization,
        submission_key=submission_key,
        submission_fingerprint=submission_fingerprint,
    )


def supervisions_search(supervisions: QuerySet[Supervision], text: str) -> QuerySet[Supervision]:
    """Supervisions whose topic, draft or body contains ``text`` (diacritics and case ignored)."""
    folded = fold(text)[:100]
    if not folded:
        return supervisions
    return supervisions.filter(Q(search_text__contains=folded))
