"""Writes on community decisions (Luật 10/2022 Art. 15–22; NĐ 59/2023 Art. 3–5). Each runs in one transaction,
validates against the rules in force (``core.LegalRule``, ``DecisionMatter``, ``MatterForm``), refuses a stale
``expected_version`` with 409 ``stale`` and leaves one audit entry. A refusal stores nothing.

The life of a decision: ``decision_create`` (draft) → ``decision_announce`` (notice, team, register day) →
ballots (``ballot_record``, ``ballot_correct``) or meetings (``meeting_record``) → ``decision_close`` (the one
tally; the submission clock starts) → ``decision_submit`` (the recognition clock starts where a body recognizes)
→ ``decision_recognize`` (recognized with its effect date, or refused in writing with reasons).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.idempotency import check_same_request
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.rules import deadline_for_rule, rule_in_force
from danvan.core.text import fold, single_line
from danvan.democracy import access
from danvan.democracy.decision_notices import notify_decision_submitted
from danvan.democracy.decision_tally import Tally, decision_tally, decision_threshold, procedure_threshold
from danvan.democracy.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    CommunityDecision,
    DecisionForm,
    DecisionMatter,
    DecisionMeeting,
    DecisionOrigin,
    DecisionResult,
    DecisionScope,
    DecisionStatus,
    EffectRule,
    MatterForm,
    MeetingAttendance,
    MeetingVillageCount,
    OnlineConsent,
    ProceduralVote,
    Residence,
)

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on a phone
OPEN_STATUSES = (DecisionStatus.ANNOUNCED,)


def new_receipt() -> str:
    """A ballot receipt: 10 characters, about 50 bits; checked on the portal, says nothing of the choice."""
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))


def _today() -> dt.date:
    return timezone.localdate()


def _lock(decision: CommunityDecision, expected_version: int | None) -> CommunityDecision:
    locked = (
        CommunityDecision.objects.select_for_update(of=("self",)).select_related("unit", "matter").get(pk=decision.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("stale", _("Hồ sơ đã được người khác thay đổi. Vui lòng tải lại trang và thử lại."))
    return locked


def _bump(decision: CommunityDecision, fields: Sequence[str]) -> CommunityDecision:
    decision.version = F("version") + 1
    decision.save(update_fields=[*fields, "version", "updated_at"])
    decision.refresh_from_db(fields=["version"])
    return decision


def allowed_form(matter: DecisionMatter, form: str, on: dt.date) -> MatterForm | None:
    """The ``MatterForm`` row allowing ``form`` for ``matter`` on ``on`` (rule data), or ``None``."""
    return MatterForm.objects.in_force(on).filter(matter=matter, form=form).order_by("-valid_from").first()


def _form_refusal(matter: DecisionMatter, form: str) -> DomainError:
    if form == DecisionForm.ONLINE:
        message = _("Biểu quyết trực tuyến chỉ dùng cho nội dung “các công việc tự quản khác” (nội dung 6).")
    else:
        message = _("Hình thức “%(form)s” không được dùng cho nội dung %(code)s.") % {
            "form": DecisionForm(form).label,
            "code": matter.code,
        }
    return DomainError("form_not_allowed", message, status=422, fields={"form": [message]})


def _villages_of(commune: AdministrativeUnit, villages: Sequence[AdministrativeUnit], scope: str) -> None:
    if not villages:
        raise DomainError(
            "villages_required",
            _("Hãy chọn thôn, tổ dân phố."),
            status=422,
            fields={"villages": [_("Bắt buộc.")]},
        )
    for village in villages:
        if village.level != UnitLevel.VILLAGE or village.parent_id != commune.pk:
            raise DomainError(
                "village_elsewhere",
                _("%(name)s không phải là thôn, tổ dân phố của %(commune)s.")
                % {"name": village.name, "commune": commune.name},
                status=422,
                fields={"villages": [_("Không thuộc xã.")]},
            )
    if scope == DecisionScope.VILLAGE and len(villages) != 1:
        raise DomainError(
            "one_village",
            _("Nội dung trong phạm vi thôn chỉ chọn một thôn, tổ dân phố."),
            status=422,
            fields={"villages": [_("Chọn một thôn.")]},
        )
    if scope == DecisionScope.COMMUNE and len(villages) < 2:
        raise DomainError(
            "several_villages",
            _("Nội dung toàn xã phải gồm các thôn, tổ dân phố của xã (ít nhất hai)."),
            status=422,
            fields={"villages": [_("Chọn các thôn.")]},
        )


def households_of(villages: Sequence[AdministrativeUnit], day: dt.date) -> int:
    """How many households lived in ``villages`` on ``day``."""
    return Residence.objects.on(day).filter(village__in=villages).count()


def _check_origin(
    *, origin: str, villages: Sequence[AdministrativeUnit], proposal_households: int | None, collected_on: Any, on: Any
) -> None:
    """A citizens' proposal needs ≥ 10 % of the households (rule data), collected within 3 months; below that only
    the Front work committee may table it (Art. 16.3)."""
    if origin not in DecisionOrigin.values:
        raise DomainError("invalid_origin", _("Nguồn đề xuất không hợp lệ."), status=422, fields={"origin": ["?"]})
    if origin != DecisionOrigin.CITIZENS:
        return
    if proposal_households is None or collected_on is None:
        message = _("Đề xuất của công dân phải ghi số hộ đề xuất và ngày thu thập.")
        raise DomainError("proposal_required", message, status=422, fields={"proposal_households": [message]})
    share_rule = rule_in_force("community_decision.citizen_proposal_min_share", on)
    total = households_of(villages, on)
    needed = -(-total * share_rule.value // 100)
    if proposal_households < needed or total == 0:
        message = _(
            "%(n)s/%(total)s hộ đề xuất, chưa đủ %(share)s %% tổng số hộ (%(needed)s hộ). Ban công tác Mặt trận vẫn có "
            "thể đưa nội dung ra bàn (chọn nguồn “Ban công tác Mặt trận”)."
        ) % {"n": proposal_households, "total": total, "share": share_rule.value, "needed": needed}
        raise DomainError("proposal_below_share", message, status=422, fields={"proposal_households": [message]})
    validity = rule_in_force("community_decision.citizen_proposal_validity", on)
    month = collected_on.month - 1 + validity.value
    try:
        expires = collected_on.replace(year=collected_on.year + month // 12, month=month % 12 + 1)
    except ValueError:  # 30/11 + 3 months: the last day of February
        expires = dt.date(collected_on.year + month // 12, month % 12 + 2, 1) - dt.timedelta(days=1)
    if on > expires:
        message = _("Chữ ký đề xuất thu thập ngày %(date)s đã quá %(m)s tháng (hết giá trị từ %(end)s).") % {
            "date": format_date(collected_on),
            "m": validity.value,
            "end": format_date(expires),
        }
        raise DomainError("proposal_expired", message, status=422, fields={"proposal_collected_on": [message]})


def _next_number(commune: AdministrativeUnit, year: int) -> str:
    taken = CommunityDecision.objects.filter(unit=commune, number__endswith=f"/{year}").count()
    number = taken + 1
    while CommunityDecision.objects.filter(unit=commune, number=f"{number:03d}/{year}").exists():
        number += 1
    return f"{number:03d}/{year}"


@transaction.atomic
def decision_create(
    *,
    actor: Any,
    commune: AdministrativeUnit,
    matter: DecisionMatter,
    scope: str,
    villages: Sequence[AdministrativeUnit],
    form: str,
    title: str,
    content: str = "",
    origin: str = DecisionOrigin.COMMUNE,
    proposal_households: int | None = None,
    proposal_collected_on: dt.date | None = None,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
    on: dt.date | None = None,
) -> CommunityDecision:
    """Table a matter for the households of one village or of several villages (commune-wide), in a form the
    matter allows (rule data: an online vote only for matter 6; matters 3–5 at a meeting)."""
    on = on or _today()
    if actor is not None and not access.can_write_at(actor, commune):
        raise DomainError("forbidden", _("Bạn không có quyền lập nội dung tại xã này."), status=403)
    if scope not in DecisionScope.values:
        raise DomainError("invalid_scope", _("Phạm vi không hợp lệ."), status=422, fields={"scope": ["?"]})
    title = single_line(title)
    if not title:
        raise DomainError("title_required", _("Hãy nhập tên nội dung."), status=422, fields={"title": [_("Bắt buộc.")]})
    _villages_of(commune, villages, scope)
    if form not in DecisionForm.values:
        raise DomainError("invalid_form", _("Hình thức không hợp lệ."), status=422, fields={"form": ["?"]})
    allowed = allowed_form(matter, form, on)
    if allowed is None or allowed.fallback_only:
        raise _form_refusal(matter, form)
    _check_origin(
        origin=origin,
        villages=villages,
        proposal_households=proposal_households,
        collected_on=proposal_collected_on,
        on=on,
    )
    if submission_key:
        found = CommunityDecision.objects.filter(submission_key=submission_key).first()
        if found is not None:
            return found
    decision = CommunityDecision(
        unit=commune,
        unit_path=commune.path,
        province_code=commune.province_code,
        number=_next_number(commune, on.year),
        title=title,
        content=(content or "").strip(),
        matter=matter,
        scope=scope,
        origin=origin,
        proposal_households=proposal_households if origin == DecisionOrigin.CITIZENS else None,
        proposal_collected_on=proposal_collected_on if origin == DecisionOrigin.CITIZENS else None,
        form=form,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key,
        submission_fingerprint=submission_fingerprint,
        search_text=fold(f"{title} {commune.name}")[:600],
    )
    decision.full_clean(exclude=["created_by", "submission_key", "villages"])
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:  # a twin request with the same key saved it first
        found = CommunityDecision.objects.filter(submission_key=submission_key).first() if submission_key else None
        if found is None:
            raise ConflictError("conflict", _("Không lưu được, hãy thử lại.")) from exc
        return found
    decision.villages.set(villages)
    audit_log(
        actor=actor,
        action="democracy.decision.created",
        instance=decision,
        unit=commune,
        changes={"title": title, "matter": matter.code, "scope": scope, "form": form, "origin": origin},
    )
    return decision


@transaction.atomic
def online_consent_record(
    *, actor: Any, decision: CommunityDecision, household_ids: Sequence[int], expected_version: int | None = None
) -> int:
    """Record the household representatives who agreed to decide online (NĐ 59 Art. 5); returns how many have
    agreed in all. Only households of the decision's villages (register of today)."""
    locked = _lock(decision, expected_version)
    if locked.status not in (DecisionStatus.DRAFT,):
        raise ConflictError("not_draft", _("Chỉ ghi nhận đồng ý biểu quyết trực tuyến trước khi thông báo."))
    on = locked.register_on or _today()
    known = set(
        Residence.objects.on(on)
        .filter(village__in=locked.villages.all(), household_id__in=list(household_ids))
        .values_list("household_id", flat=True)
    )
    unknown = set(household_ids) - known
    if unknown:
        message = _("%(n)s hộ không có trong danh sách hộ của thôn.") % {"n": len(unknown)}
        raise DomainError("household_not_in_register", message, status=422, fields={"households": [message]})
    existing = set(locked.online_consents.values_list("household_id", flat=True))
    OnlineConsent.objects.bulk_create(
        [OnlineConsent(decision=locked, household_id=pk) for pk in sorted(known - existing)]
    )
    total = locked.online_consents.count()
    audit_log(
        actor=actor,
        action="democracy.decision.online_consents_recorded",
        instance=locked,
        unit=locked.unit,
        changes={"added": len(known - existing), "total": total},
    )
    _bump(locked, [])
    return total


def _check_online_consent(decision: CommunityDecision, on: dt.date) -> None:
    rule = rule_in_force("community_decision.online_vote_consent_share_above", on)
    total = households_of(list(decision.villages.all()), on)
    agreed = decision.online_consents.count()
    needed = total * rule.value // 100 + 1
    if agreed < needed or total == 0:
        message = _(
            "Mới có %(n)s/%(total)s hộ đồng ý biểu quyết trực tuyến; phải quá %(share)s %% tổng số hộ (%(needed)s hộ)."
        ) % {"n": agreed, "total": total, "share": rule.value, "needed": needed}
        raise DomainError("online_consent_missing", message, status=422, fields={"form": [message]})


# A minimum notice counts calendar days and is not moved off a weekend: a village may vote on a Sunday
# (``nominal_on``, not the engine's ``due_on``, which moves a time limit to the next working day).


def _check_team(team: Sequence[str], leader: str, on: dt.date) -> list[str]:
    names = [single_line(name) for name in team if single_line(name)]
    low = rule_in_force("community_decision.ballot_team_min", on).value
    high = rule_in_force("community_decision.ballot_team_max", on).value
    if not low <= len(names) <= high:
        message = _("Tổ phát phiếu, kiểm phiếu phải có từ %(low)s đến %(high)s người (đang có %(n)s).") % {
            "low": low,
            "high": high,
            "n": len(names),
        }
        raise DomainError("team_size", message, status=422, fields={"team": [message]})
    if not single_line(leader):
        message = _("Tổ trưởng là đại diện Ban công tác Mặt trận: hãy ghi tên.")
        raise DomainError("team_leader_required", message, status=422, fields={"team_leader": [message]})
    return names


@transaction.atomic
def decision_announce(
    *,
    actor: Any,
    decision: CommunityDecision,
    notice_on: dt.date,
    register_on: dt.date,
    team: Sequence[str] = (),
    team_leader: str = "",
    documents_sent_on: dt.date | None = None,
    expected_version: int | None = None,
) -> CommunityDecision:
    """Announce the vote: the notice day, the register day (the day voting opens: the households counted are
    those of the register that day), the team of 3–5 led by the Front representative (ballot, online), and for
    matters 1–3 the day papers reached the households (≥ 2 days ahead). A ballot day must be ≥ 2 days after the
    notice (NĐ 59 Art. 4); the online vote opens only after more than half of all households agreed."""
    locked = _lock(decision, expected_version)
    if locked.status != DecisionStatus.DRAFT:
        raise ConflictError("not_draft", _("Nội dung đã được thông báo."))
    names: list[str] = list(team)
    if locked.form in (DecisionForm.BALLOT, DecisionForm.ONLINE):
        names = _check_team(team, team_leader, notice_on)
        earliest = deadline_for_rule("community_decision.ballot_notice_min", notice_on).nominal_on
        if register_on < earliest:
            message = _("Phải thông báo trước ít nhất %(n)s ngày: sớm nhất được lấy ý kiến từ %(date)s.") % {
                "n": rule_in_force("community_decision.ballot_notice_min", notice_on).value,
                "date": format_date(earliest),
            }
            raise DomainError("notice_too_short", message, status=422, fields={"register_on": [message]})
    if register_on < notice_on:
        message = _("Ngày biểu quyết không thể trước ngày thông báo.")
        raise DomainError("register_before_notice", message, status=422, fields={"register_on": [message]})
    if locked.matter.documents_ahead:
        if documents_sent_on is None:
            message = _("Nội dung %(code)s phải gửi tài liệu đến hộ gia đình trước: hãy ghi ngày gửi.") % {
                "code": locked.matter.code
            }
            raise DomainError("documents_required", message, status=422, fields={"documents_sent_on": [message]})
        earliest = deadline_for_rule("community_decision.documents_ahead_min", documents_sent_on).nominal_on
        if register_on < earliest:
            message = _("Tài liệu gửi ngày %(sent)s: sớm nhất được biểu quyết từ %(date)s.") % {
                "sent": format_date(documents_sent_on),
                "date": format_date(earliest),
            }
            raise DomainError("documents_too_late", message, status=422, fields={"documents_sent_on": [message]})
    if locked.form == DecisionForm.ONLINE:
        _check_online_consent(locked, notice_on)
    locked.notice_on, locked.register_on, locked.documents_sent_on = notice_on, register_on, documents_sent_on
    locked.team, locked.team_leader = names, single_line(team_leader)
    locked.status = DecisionStatus.ANNOUNCED
    audit_log(
        actor=actor,
        action="democracy.decision.announced",
        instance=locked,
        unit=locked.unit,
        changes={"notice_on": notice_on, "register_on": register_on, "team": names, "team_leader": team_leader},
    )
    return _bump(locked, ["notice_on", "register_on", "documents_sent_on", "team", "team_leader", "status"])


def _check_open_for_votes(decision: CommunityDecision, cast_on: dt.date) -> None:
    if decision.status == DecisionStatus.DRAFT:
        raise ConflictError("not_announced", _("Chưa thông báo lấy ý kiến: chưa nhận phiếu."))
    if decision.status != DecisionStatus.ANNOUNCED:
        raise ConflictError("closed", _("Đã kiểm phiếu, kết thúc lấy ý kiến: không nhận hoặc sửa phiếu nữa."))
    assert decision.register_on is not None
    if cast_on < decision.register_on:
        message = _("Chưa hết thời gian thông báo: chỉ nhận phiếu từ ngày %(date)s.") % {
            "date": format_date(decision.register_on)
        }
        raise DomainError("before_notice_period", message, status=422, fields={"cast_on": [message]})
    if cast_on > _today():
        message = _("Ngày bỏ phiếu không thể sau hôm nay.")
        raise DomainError("cast_in_future", message, status=422, fields={"cast_on": [message]})


@dataclass(frozen=True)
class RecordedBallot:
    ballot: Ballot
    replayed: bool = False  # the same submission key came again: this is the ballot its first request recorded


def ballot_record(**fields: Any) -> Ballot:
    """Record one household's ballot (paper, entered by the team, or online): one per household — a second is
    refused, whatever its channel —, from a household of the decision's villages on the register day, on or after
    the register day and before the close. Online ballots only where the form allows them. ``decision_locked``:
    the caller read ``decision`` with its row lock in the current transaction (the API), so it is not read again.
    The arguments are :func:`ballot_submit`'s; this is it without a submission key's answer."""
    return ballot_submit(**fields).ballot


def ballot_submit(
    *,
    actor: Any,
    decision: CommunityDecision,
    household_id: int,
    choice: str,
    channel: str = BallotChannel.PAPER,
    cast_on: dt.date | None = None,
    other_text: str = "",
    decision_locked: bool = False,
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> RecordedBallot:
    """:func:`ballot_record` with a submission key (the API's ``Idempotency-Key``, the page's hidden key): the same
    key again — a double click, a retry after a dropped answer — gets the ballot the first request recorded
    (``replayed``), not a refusal as a second ballot; the same key with another ballot is refused (422
    ``idempotency_mismatch``). The key is looked up under the decision's row lock, so two requests with one key at
    the same moment record one ballot and the second gets it."""
    # The API's transaction already holds the decision's lock: no savepoint of its own (two statements fewer).
    with transaction.atomic(savepoint=not decision_locked):
        return _ballot_record(
            actor=actor,
            decision=decision,
            household_id=household_id,
            choice=choice,
            channel=channel,
            cast_on=cast_on,
            other_text=other_text,
            decision_locked=decision_locked,
            submission_key=submission_key,
            submission_fingerprint=submission_fingerprint,
        )


def _ballot_record(
    *,
    actor: Any,
    decision: CommunityDecision,
    household_id: int,
    choice: str,
    channel: str,
    cast_on: dt.date | None,
    other_text: str,
    decision_locked: bool,
    submission_key: str | None,
    submission_fingerprint: str,
) -> RecordedBallot:
    cast_on = cast_on or _today()
    # The decision's row only (``of``): locking its unit and matter too, as a plain FOR UPDATE over the join does
    # on PostgreSQL, made every ballot of every decision of the same matter wait for each other.
    locked = (
        decision
        if decision_locked
        else CommunityDecision.objects.select_for_update(of=("self",)).select_related("unit").get(pk=decision.pk)
    )
    if submission_key:
        earlier = Ballot.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            check_same_request(earlier.submission_fingerprint, submission_fingerprint)
            return RecordedBallot(earlier, replayed=True)
    if locked.form == DecisionForm.MEETING and not locked.went_to_ballot:
        raise ConflictError("meeting_form", _("Nội dung này biểu quyết tại hội nghị, không phát phiếu."))
    _check_open_for_votes(locked, cast_on)
    if choice not in BallotChoice.values:
        raise DomainError("invalid_choice", _("Ý kiến không hợp lệ."), status=422, fields={"choice": ["?"]})
    if channel not in BallotChannel.values:
        raise DomainError("invalid_channel", _("Cách gửi phiếu không hợp lệ."), status=422, fields={"channel": ["?"]})
    if locked.form == DecisionForm.ONLINE and channel != BallotChannel.ONLINE:
        raise DomainError(
            "online_only", _("Nội dung này biểu quyết trực tuyến."), status=422, fields={"channel": ["?"]}
        )
    assert locked.register_on is not None
    # The village and the household's code only (not two whole rows), through the decision's villages table.
    residence = (
        Residence.objects.on(locked.register_on)
        .filter(
            household_id=household_id,
            village_id__in=CommunityDecision.villages.through.objects.filter(communitydecision_id=locked.pk).values(
                "administrativeunit_id"
            ),
        )
        .values_list("village_id", "household__code")[:1]
    )
    found = next(iter(residence), None)
    if found is None:
        message = _("Hộ này không có trong danh sách hộ của thôn, tổ dân phố vào ngày %(date)s.") % {
            "date": format_date(locked.register_on)
        }
        raise DomainError("household_not_in_register", message, status=422, fields={"household": [message]})
    village_id, household_code = found
    ballot = Ballot(
        decision=locked,
        household_id=household_id,
        village_id=village_id,
        choice=choice,
        other_text=single_line(other_text)[:500] if choice == BallotChoice.OTHER else "",
        channel=channel,
        cast_on=cast_on,
        receipt=new_receipt(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    # One ballot per household is the unique constraint's (decision, household): asking first cost a query on every
    # ballot and still needed this for two entries of the same household at the same moment. No savepoint around
    # the INSERT: nothing is read or written after a refusal, the refusal rolls back the whole (atomic) ballot.
    try:
        ballot.save()
    except IntegrityError as exc:
        message = _("Hộ %(code)s đã có phiếu: mỗi hộ một phiếu. Muốn sửa, hãy dùng “Sửa phiếu” và ghi lý do.") % {
            "code": household_code
        }
        raise ConflictError("second_ballot", message, fields={"household": [message]}) from exc
    audit_log(
        actor=actor,
        action="democracy.ballot.recorded",
        instance=ballot,
        unit=locked.unit,
        changes={"household": household_code, "channel": channel, "decision": locked.number},
    )
    return RecordedBallot(ballot)


@transaction.atomic
def ballot_correct(*, actor: Any, ballot: Ballot, choice: str, reason: str, other_text: str = "") -> Ballot:
    """Correct a ballot entered wrongly, before the close only, with the reason in the audit trail."""
    locked = (
        Ballot.objects.select_for_update(of=("self",)).select_related("decision", "decision__unit").get(pk=ballot.pk)
    )
    decision = CommunityDecision.objects.select_for_update(of=("self",)).get(pk=locked.decision_id)
    if decision.status != DecisionStatus.ANNOUNCED:
        raise ConflictError("closed", _("Đã kiểm phiếu, kết thúc lấy ý kiến: không nhận hoặc sửa phiếu nữa."))
    reason = single_line(reason)
    if not reason:
        message = _("Sửa phiếu phải ghi lý do.")
        raise DomainError("reason_required", message, status=422, fields={"reason": [message]})
    if choice not in BallotChoice.values:
        raise DomainError("invalid_choice", _("Ý kiến không hợp lệ."), status=422, fields={"choice": ["?"]})
    before = locked.choice
    locked.choice = choice
    locked.other_text = single_line(other_text)[:500] if choice == BallotChoice.OTHER else ""
    locked.corrections += 1
    locked.save(update_fields=["choice", "other_text", "corrections"])
    audit_log(
        actor=actor,
        action="democracy.ballot.corrected",
        instance=locked,
        unit=decision.unit,
        changes={"choice": [before, choice], "reason": reason},
    )
    return locked


@dataclass(frozen=True)
class ProceduralIn:
    subject: str
    proposal: str
    agreed: int


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    decision: CommunityDecision,
    village: AdministrativeUnit,
    notice_on: dt.date,
    held_on: dt.date,
    present_household_ids: Sequence[int],
    procedural: Sequence[ProceduralIn] = (),
    agreed: int = 0,
    disagreed: int = 0,
    other: int = 0,
    cluster: str = "",
    place: str = "",
    chair_name: str = "",
    secretary_name: str = "",
) -> DecisionMeeting:
    """Record a meeting of one village (or cluster): invitation ≥ 2 days ahead (Form 01), the households
    present from the register, the procedural choices (each passes with more than half of those PRESENT) and
    the decision's count. If those present cannot reach the matter's threshold over ALL households, the count is
    not taken and the matter goes to a household ballot (Art. 19.1.b)."""
    locked = _lock(decision, None)
    if locked.form != DecisionForm.MEETING or locked.went_to_ballot:
        raise ConflictError("not_meeting", _("Nội dung này không biểu quyết tại hội nghị."))
    _check_open_for_votes(locked, held_on)
    if not locked.villages.filter(pk=village.pk).exists():
        raise DomainError(
            "village_elsewhere", _("Thôn này không thuộc nội dung."), status=422, fields={"village": ["?"]}
        )
    earliest = deadline_for_rule("community_decision.meeting_notice_min", notice_on).nominal_on
    if held_on < earliest:
        message = _("Giấy mời (Mẫu 01) gửi ngày %(sent)s: sớm nhất được họp từ %(date)s.") % {
            "sent": format_date(notice_on),
            "date": format_date(earliest),
        }
        raise DomainError("notice_too_short", message, status=422, fields={"notice_on": [message]})
    assert locked.register_on is not None
    register = set(
        Residence.objects.on(locked.register_on).filter(village=village).values_list("household_id", flat=True)
    )
    present = set(present_household_ids)
    if present - register:
        message = _("%(n)s hộ có mặt không có trong danh sách hộ của thôn.") % {"n": len(present - register)}
        raise DomainError("household_not_in_register", message, status=422, fields={"present": [message]})
    if DecisionMeeting.objects.filter(decision=locked, village=village, attendance__household_id__in=present).exists():
        message = _("Có hộ đã được ghi có mặt ở một cụm họp khác của nội dung này.")
        raise ConflictError("household_twice", message, fields={"present": [message]})
    meeting = DecisionMeeting.objects.create(
        decision=locked,
        village=village,
        cluster=single_line(cluster),
        notice_on=notice_on,
        held_on=held_on,
        place=single_line(place),
        chair_name=single_line(chair_name),
        secretary_name=single_line(secretary_name),
    )
    MeetingAttendance.objects.bulk_create(
        [MeetingAttendance(meeting=meeting, household_id=pk) for pk in sorted(present)]
    )
    rule = procedure_threshold(held_on)
    for item in procedural:
        if item.agreed > len(present):
            message = _("Số hộ đồng ý (%(n)s) nhiều hơn số hộ có mặt (%(present)s).") % {
                "n": item.agreed,
                "present": len(present),
            }
            raise DomainError("more_votes_than_present", message, status=422, fields={"procedural": [message]})
        ProceduralVote.objects.create(
            meeting=meeting,
            subject=item.subject,
            proposal=single_line(item.proposal),
            agreed=item.agreed,
            present=len(present),
            passed=rule.passes(item.agreed, len(present)),
            result_text=rule.explain(item.agreed, len(present), noun=_("hộ có mặt")),
        )
    threshold = decision_threshold(locked, held_on)
    needed = threshold.needed(len(register))
    if len(present) < needed:
        locked.went_to_ballot, locked.form, locked.status = True, DecisionForm.BALLOT, DecisionStatus.DRAFT
        audit_log(
            actor=actor,
            action="democracy.decision.sent_to_ballot",
            instance=locked,
            unit=locked.unit,
            changes={"present": len(present), "households": len(register), "needed": needed},
        )
        _bump(locked, ["went_to_ballot", "form", "status"])
        return meeting
    if agreed + disagreed + other > len(present):
        message = _("Tổng số ý kiến (%(n)s) nhiều hơn số hộ có mặt (%(present)s).") % {
            "n": agreed + disagreed + other,
            "present": len(present),
        }
        raise DomainError("more_ballots_than_households", message, status=422, fields={"agreed": [message]})
    MeetingVillageCount.objects.create(meeting=meeting, agreed=agreed, disagreed=disagreed, other=other)
    audit_log(
        actor=actor,
        action="democracy.decision.meeting_recorded",
        instance=locked,
        unit=locked.unit,
        changes={"village": village.name, "present": len(present), "households": len(register), "agreed": agreed},
    )
    _bump(locked, [])
    return meeting


def _effective_on(decision: CommunityDecision, *, on: dt.date) -> dt.date | None:
    rule = decision.matter.effect_commune if decision.scope == DecisionScope.COMMUNE else decision.matter.effect_village
    return on if rule == EffectRule.VOTE_DAY else None


@transaction.atomic
def decision_close(
    *,
    actor: Any,
    decision: CommunityDecision,
    closed_on: dt.date | None = None,
    head_name: str = "",
    front_head_name: str = "",
    witnesses: Sequence[str] = (),
    expected_version: int | None = None,
) -> tuple[CommunityDecision, Tally]:
    """Close the vote and count it once (``decision_tally``): stores the result and its explanation, the names
    for the record (Form 02/04 and Form 03: the head, the Front work-committee head, two household witnesses),
    starts the 5-working-day submission clock and, for a village matter 1, 2 or 6 that passed, its effect date
    (the day of the vote, Art. 21). Nothing is accepted after the close."""
    closed_on = closed_on or _today()
    locked = _lock(decision, expected_version)
    if locked.status != DecisionStatus.ANNOUNCED:
        raise ConflictError("not_open", _("Chỉ kiểm phiếu khi đang lấy ý kiến."))
    names = [single_line(name) for name in witnesses if single_line(name)]
    if len(names) != 2:
        message = _("Biên bản kiểm phiếu phải có hai đại diện hộ gia đình chứng kiến.")
        raise DomainError("witnesses_required", message, status=422, fields={"witnesses": [message]})
    if locked.register_on and closed_on < locked.register_on:
        message = _("Ngày kiểm phiếu không thể trước ngày biểu quyết.")
        raise DomainError("closed_too_early", message, status=422, fields={"closed_on": [message]})
    tally = decision_tally(locked, on=closed_on)
    locked.status = DecisionStatus.CLOSED
    locked.closed_on = closed_on
    locked.result = DecisionResult.PASSED if tally.passed else DecisionResult.FAILED
    locked.result_text = tally.text
    locked.households_total, locked.households_voted, locked.households_agreed = (
        tally.households,
        tally.voted,
        tally.agreed,
    )
    locked.head_name, locked.front_head_name, locked.witnesses = (
        single_line(head_name),
        single_line(front_head_name),
        names,
    )
    locked.submission_due_on = deadline_for_rule("community_decision.record_submission", closed_on).due_on
    locked.effective_on = _effective_on(locked, on=closed_on) if tally.passed else None
    audit_log(
        actor=actor,
        action="democracy.decision.closed",
        instance=locked,
        unit=locked.unit,
        changes={"result": locked.result, "result_text": tally.text, "submission_due_on": locked.submission_due_on},
    )
    _bump(
        locked,
        [
            "status",
            "closed_on",
            "result",
            "result_text",
            "households_total",
            "households_voted",
            "households_agreed",
            "head_name",
            "front_head_name",
            "witnesses",
            "submission_due_on",
            "effective_on",
        ],
    )
    return locked, tally


@transaction.atomic
def decision_submit(
    *, actor: Any, decision: CommunityDecision, submitted_on: dt.date | None = None, expected_version: int | None = None
) -> CommunityDecision:
    """The decision record (Form 03) sent to the commune UBND and MTTQ (due within 5 working days of the count);
    where a body must recognize a passed decision, its 5-working-day clock starts."""
    submitted_on = submitted_on or _today()
    locked = _lock(decision, expected_version)
    if locked.status != DecisionStatus.CLOSED:
        raise ConflictError("not_closed", _("Chỉ gửi biên bản sau khi đã kiểm phiếu."))
    assert locked.closed_on is not None
    if submitted_on < locked.closed_on or submitted_on > _today():
        message = _("Ngày gửi phải từ ngày kiểm phiếu đến hôm nay.")
        raise DomainError("invalid_date", message, status=422, fields={"submitted_on": [message]})
    locked.submitted_on = submitted_on
    locked.status = DecisionStatus.SUBMITTED
    if locked.result == DecisionResult.PASSED and access.recognizing_body(locked):
        locked.recognition_due_on = deadline_for_rule("community_decision.recognition", submitted_on).due_on
    audit_log(
        actor=actor,
        action="democracy.decision.submitted",
        instance=locked,
        unit=locked.unit,
        changes={"submitted_on": submitted_on, "recognition_due_on": locked.recognition_due_on},
    )
    _bump(locked, ["submitted_on", "status", "recognition_due_on"])
    notify_decision_submitted(locked)  # the answering body's leaders (e-mails leave after the commit)
    return locked


@transaction.atomic
def decision_recognize(
    *,
    actor: Any,
    decision: CommunityDecision,
    recognized: bool,
    on: dt.date | None = None,
    document_no: str = "",
    reasons: str = "",
    effective_on: dt.date | None = None,
    expected_version: int | None = None,
) -> CommunityDecision:
    """The right body's answer (Art. 21): recognized (matters 3–4 by the commune UBND, 5 by the commune MTTQ;
    for a commune-wide matter 1–2 the UBND sets the effect date) or refused in writing with reasons. A leader of
    that body only; the effect date follows the matter's rule."""
    on = on or _today()
    locked = _lock(decision, expected_version)
    if not access.can_recognize_decision(actor, locked):
        raise DomainError("forbidden", _("Chỉ lãnh đạo cơ quan có thẩm quyền công nhận nội dung này."), status=403)
    if locked.status != DecisionStatus.SUBMITTED or locked.recognition_due_on is None:
        raise ConflictError("not_submitted", _("Chỉ công nhận nội dung đã thông qua và đã gửi biên bản về xã."))
    assert locked.submitted_on is not None
    if on < locked.submitted_on or on > _today():
        message = _("Ngày công nhận phải từ ngày nhận biên bản đến hôm nay.")
        raise DomainError("invalid_date", message, status=422, fields={"on": [message]})
    document_no = single_line(document_no)
    if not document_no:
        message = _("Hãy ghi số văn bản công nhận hoặc trả lời.")
        raise DomainError("document_required", message, status=422, fields={"document_no": [message]})
    rule = locked.matter.effect_commune if locked.scope == DecisionScope.COMMUNE else locked.matter.effect_village
    if recognized:
        if rule == EffectRule.SET_BY_COMMUNE:
            if effective_on is None:
                message = _("UBND cấp xã quyết định ngày có hiệu lực: hãy ghi ngày.")
                raise DomainError("effective_on_required", message, status=422, fields={"effective_on": [message]})
            locked.effective_on = effective_on
        elif rule == EffectRule.RECOGNITION:
            locked.effective_on = on
        # a village matter 1, 2 or 6 took effect on the day of the vote (set at the close)
        locked.status, locked.refusal_reasons = DecisionStatus.RECOGNIZED, ""
    else:
        reasons = (reasons or "").strip()
        if not reasons:
            message = _("Không công nhận phải trả lời bằng văn bản, nêu rõ lý do.")
            raise DomainError("reasons_required", message, status=422, fields={"reasons": [message]})
        locked.status, locked.refusal_reasons, locked.effective_on = DecisionStatus.REFUSED, reasons, None
    locked.recognized_on, locked.recognized_by, locked.recognition_document = on, actor, document_no
    audit_log(
        actor=actor,
        action="democracy.decision.recognized" if recognized else "democracy.decision.refused",
        instance=locked,
        unit=locked.unit,
        changes={"on": on, "document_no": document_no, "reasons": reasons, "effective_on": locked.effective_on},
    )
    return _bump(
        locked,
        ["status", "refusal_reasons", "effective_on", "recognized_on", "recognized_by", "recognition_document"],
    )


@transaction.atomic
def decision_publish(*, actor: Any, decision: CommunityDecision, published: bool) -> CommunityDecision:
    """Show (or hide) the decision's result on the public portal: only what an officer published."""
    locked = _lock(decision, None)
    if published and locked.status in (DecisionStatus.DRAFT, DecisionStatus.ANNOUNCED):
        raise ConflictError("not_closed", _("Chỉ công khai kết quả sau khi kiểm phiếu."))
    locked.is_published = published
    audit_log(
        actor=actor,
        action="democracy.decision.published" if published else "democracy.decision.unpublished",
        instance=locked,
        unit=locked.unit,
        changes={"is_published": published},
    )
    return _bump(locked, ["is_published"])
