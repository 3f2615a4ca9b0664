"""Who may see and do what in grassroots democracy: the one place its role checks live.

An officer reads the records of the units in their viewer scope (with those of the legacy units their commune
succeeded) and writes at a current commune or village where they are an officer. Recognizing a community decision
is the commune People's Committee's (matters 3–4) or the commune Fatherland Front's (matter 5): a leader of that
body. Every protected object is fetched through an ``access_*`` function, which raises ``Http404`` both for a
record that does not exist and for one outside the officer's units (an officer of another commune gets 404).

Each part of the app has its section below; keep a part's checks in its section.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from danvan.accounts.access import Scope, can_create_at, has_role_at, scope_for
from danvan.accounts.models import Role
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.democracy.models import (
    CommunityMeeting,
    Consultation,
    ConsultationStatus,
    Household,
    MeetingKind,
    Recommendation,
)
from danvan.democracy.models.recommendations import PUBLIC_SOURCES, RecommendationQuerySet
from danvan.office import access as office_access

# --- Units: communes and villages -----------------------------------------------------------------------------------


def read_scope(user: Any) -> Scope:
    """The units whose democracy records the officer reads."""
    return scope_for(user, Role.VIEWER)


def write_scope(user: Any) -> Scope:
    """The units where the officer keeps democracy records."""
    return scope_for(user, Role.OFFICER)


def readable_board_province(user: Any, unit: AdministrativeUnit) -> AdministrativeUnit | None:
    """The province above ``unit`` when the officer may read its compliance board (the page links it), else None."""
    parent = unit.parent
    if parent is None or parent.level != UnitLevel.PROVINCE or not has_role_at(user, parent, Role.VIEWER):
        return None
    return parent


def access_unit_for_read(user: Any, unit_id: int) -> AdministrativeUnit:
    """A unit (province, commune, village) in the officer's viewer scope, or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if unit is None or not has_role_at(user, unit, Role.VIEWER):
        raise Http404
    return unit


def access_commune_for_write(user: Any, unit_id: int, *, min_role: str = Role.OFFICER) -> AdministrativeUnit:
    """A current commune where the officer may keep records (a legacy unit is never written to), or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.COMMUNE).first()
    if unit is None or not can_create_at(user, unit, min_role):
        raise Http404
    return unit


def access_village_for_write(user: Any, unit_id: int, *, min_role: str = Role.OFFICER) -> AdministrativeUnit:
    """A current village or residential group where the officer may keep records, or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.VILLAGE).first()
    if unit is None or not can_create_at(user, unit, min_role):
        raise Http404
    return unit


def can_write_at(user: Any, unit: AdministrativeUnit, min_role: str = Role.OFFICER) -> bool:
    """Whether the officer may keep records at ``unit`` (a current unit of their officer scope)."""
    return can_create_at(user, unit, min_role)


def default_write_commune(user: Any) -> AdministrativeUnit | None:
    """The commune where a record opens without ``?unit=`` (a community decision): the first commune of the
    officer's officer scope they may write at; None for a province officer and for a system administrator without
    a membership (their scope lists no unit), whose lists then do not offer the form."""
    for path in write_scope(user).paths:
        unit = AdministrativeUnit.objects.filter(path=path, level=UnitLevel.COMMUNE).first()
        if unit is not None and can_write_at(user, unit):
            return unit
    return None


# --- Households (the register) --------------------------------------------------------------------------------------


def access_household(user: Any, household_id: int, *, for_write: bool = False) -> Household:
    """A household of a commune the officer reads (or keeps records at, ``for_write``), or ``Http404``."""
    household = Household.objects.select_related("unit").filter(pk=household_id).first()
    if household is None or not read_scope(user).covers(household.unit_path):
        raise Http404
    if for_write and not can_write_at(user, household.unit):
        raise Http404
    return household


def access_village_for_read(user: Any, unit_id: int) -> AdministrativeUnit:
    """A village or residential group in the officer's viewer scope, or ``Http404``."""
    unit = access_unit_for_read(user, unit_id)
    if unit.level != UnitLevel.VILLAGE:
        raise Http404
    return unit


# --- Disclosures (dân biết) -----------------------------------------------------------------------------------------


def disclosures_visible(user: Any) -> Any:
    """The disclosures of the officer's units (and of the legacy units their communes succeeded)."""
    from danvan.democracy.models import Disclosure

    scope = read_scope(user)
    if scope.is_empty:
        return Disclosure.objects.none()
    return Disclosure.objects.filter(scope.q("unit_path"))


def access_disclosure(user: Any, disclosure_id: int, *, for_write: bool = False) -> Any:
    """A disclosure the officer reads (or, ``for_write``, keeps: an officer of its commune), or ``Http404``."""
    from danvan.democracy.models import Disclosure

    disclosure = Disclosure.objects.select_related("item", "unit", "document").filter(pk=disclosure_id).first()
    if disclosure is None:
        raise Http404
    if not has_role_at(user, disclosure.unit, Role.VIEWER):
        raise Http404
    if for_write and not can_create_at(user, disclosure.unit, Role.OFFICER):
        raise Http404
    return disclosure


def access_disclosure_channel(user: Any, disclosure_id: int, channel_id: int) -> Any:
    """A channel of a disclosure the officer keeps, or ``Http404``."""
    from danvan.democracy.models import DisclosureChannel

    disclosure = access_disclosure(user, disclosure_id, for_write=True)
    channel = DisclosureChannel.objects.select_related("form").filter(pk=channel_id, disclosure=disclosure).first()
    if channel is None:
        raise Http404
    channel.disclosure = disclosure
    return channel


def can_write_disclosures_at(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether the officer keeps the disclosure register of ``unit`` (a current commune of their officer scope)."""
    return unit.level == UnitLevel.COMMUNE and can_create_at(user, unit, Role.OFFICER)


def access_board_unit(user: Any, unit_id: int) -> AdministrativeUnit:
    """A commune or province whose compliance board the officer reads, or ``Http404``."""
    unit = access_unit_for_read(user, unit_id)
    if unit.level not in (UnitLevel.COMMUNE, UnitLevel.PROVINCE):
        raise Http404
    return unit


# --- Community decisions (dân bàn và quyết định) --------------------------------------------------------------------


def decisions_visible_to(user: Any) -> Any:
    """Community decisions of the officer's read scope (with those of the legacy units their commune succeeded)."""
    from danvan.democracy.models import CommunityDecision

    scope = read_scope(user)
    if scope.is_empty:
        return CommunityDecision.objects.none()
    return CommunityDecision.objects.filter(scope.q("unit_path"))


_LOCKED_DECISION_DEFERRED = (
    "content",
    "team",
    "team_leader",
    "result_text",
    "head_name",
    "front_head_name",
    "witnesses",
    "refusal_reasons",
    "recognition_document",
    "search_text",
    "submission_fingerprint",
    "created_at",
    "updated_at",
    "proposal_collected_on",
    "documents_sent_on",
    "submission_due_on",
    "submitted_on",
    "recognition_due_on",
    "recognized_on",
    "effective_on",
    "submission_overdue_told_on",
    "recognition_overdue_told_on",
    "unit__search_text",
    "unit__name_key",
    "unit__latitude",
    "unit__longitude",
    "unit__created_at",
    "unit__updated_at",
)


def access_decision(user: Any, decision_id: int, *, for_write: bool = False, lock: bool = False) -> Any:
    """A community decision the officer reads (``for_write``: keeps, at a current commune where they are an
    officer), or ``Http404`` for one that does not exist or is outside their units. ``lock``: read with the
    decision's row lock (``SELECT … FOR UPDATE`` of that row only, not of its unit or matter), inside the
    caller's transaction — a ballot reads its decision once, not once to check access and again to lock it."""
    from danvan.democracy.models import CommunityDecision

    # By primary key, then the scope on the row's path (the same test as ``decisions_visible_to``, without
    # compiling the scope's filter on every ballot recorded). No ``.first()``: its ORDER BY is useless on a key.
    found = CommunityDecision.objects.select_related("unit", "matter").filter(pk=decision_id)
    if lock:
        # A ballot's read: neither the matter nor the long texts, lists and dates a ballot never looks at (decoding
        # them was most of the cost of a ballot's one read); read on access like any deferred field.
        found = (
            found.select_related(None)
            .select_related("unit")
            .defer(*_LOCKED_DECISION_DEFERRED)
            .select_for_update(of=("self",))
        )
    decision = next(iter(found), None)
    if decision is None or not read_scope(user).covers(decision.unit_path):
        raise Http404
    if for_write and not can_write_at(user, decision.unit):
        raise Http404
    return decision


def can_recognize_decision(user: Any, decision: Any) -> bool:
    """Whether the officer recognizes (or refuses) this decision for the right body (Art. 21): a leader of the
    commune's People's Committee (matters 3–4, and the effect date of commune-wide matters 1–2) or of its
    Fatherland Front committee (matter 5), in that organization itself."""
    from danvan.accounts.access import active_memberships

    body = recognizing_body(decision)
    if not body:
        return False
    return any(
        m.role == Role.LEADER and m.unit_id == decision.unit_id and m.organization.kind.code == body
        for m in active_memberships(user)
    )


def recognizing_body(decision: Any) -> str:
    """The organization kind that answers ``decision``'s record (recognizes it or refuses in writing, Art. 20–21):
    the matter's recognizer (UBND for 3–4, MTTQ for 5), else the commune People's Committee, which receives every
    record (for matters 1, 2 and 6 its answer does not move the effect date of a village decision)."""
    from danvan.democracy.models import Recognizer

    return str(decision.matter.recognizer or Recognizer.PEOPLES_COMMITTEE)


def decision_body_leader_ids(decision: Any) -> list[int]:
    """The officers told when ``decision``'s record arrives or its answer is late: the active leaders of the body
    that answers it (``recognizing_body``: UBND for matters 1–4 and 6, MTTQ for 5) in the decision's commune."""
    from danvan.accounts.models import Membership

    return sorted(
        set(
            Membership.objects.filter(
                unit_id=decision.unit_id,
                role=Role.LEADER,
                is_active=True,
                organization__is_active=True,
                organization__kind__code=recognizing_body(decision),
                officer__is_active=True,
            ).values_list("officer_id", flat=True)
        )
    )


def access_ballot(user: Any, decision: Any, ballot_id: int) -> Any:
    """A ballot of a decision the officer keeps, or ``Http404``."""
    ballot = decision.ballots.filter(pk=ballot_id).select_related("household").first()
    if ballot is None:
        raise Http404
    return ballot


# --- Consultations (tham gia ý kiến) --------------------------------------------------------------------------------


def access_consultation(user: Any, consultation_id: int, *, for_write: bool = False) -> Consultation:
    """A consultation of a commune the officer reads (or keeps records at, ``for_write``), or ``Http404``."""
    consultation = Consultation.objects.select_related("unit", "item", "draft").filter(pk=consultation_id).first()
    if consultation is None or not read_scope(user).covers(consultation.unit_path):
        raise Http404
    if for_write and not can_write_at(user, consultation.unit):
        raise Http404
    return consultation


def access_public_consultation(consultation_id: int) -> Consultation:
    """A consultation the commune published (open or decided), for citizens; a draft is ``Http404``."""
    consultation = (
        Consultation.objects.select_related("unit", "item", "draft")
        .exclude(status=ConsultationStatus.DRAFT)
        .filter(pk=consultation_id)
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


# --- Year-end meetings and dialogues --------------------------------------------------------------------------------


def meetings_visible_to(user: Any) -> QuerySet[CommunityMeeting]:
    """Year-end meetings and dialogues of the officer's viewer scope."""
    return CommunityMeeting.objects.filter(read_scope(user).q("unit_path"))


def access_meeting(user: Any, meeting_id: int, *, for_write: bool = False) -> CommunityMeeting:
    """A meeting the officer may read (``for_write``: keep, at a current unit of their officer scope), or
    ``Http404`` — the same answer for one that does not exist."""
    meeting = meetings_visible_to(user).select_related("unit").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    if for_write and not can_create_at(user, meeting.unit, Role.OFFICER):
        raise Http404
    return meeting


def access_meeting_unit_for_write(user: Any, unit_id: int, kind: str) -> AdministrativeUnit:
    """Where a meeting of ``kind`` is scheduled: a village (year-end meeting) or a commune (dialogue) of the
    officer's officer scope, or ``Http404``."""
    if kind == MeetingKind.YEAR_END:
        return access_village_for_write(user, unit_id)
    return access_commune_for_write(user, unit_id)


def meeting_units_for(user: Any) -> QuerySet[AdministrativeUnit]:
    """The communes and villages where the officer schedules meetings (none for a scope without units)."""
    scope = write_scope(user)
    if scope.is_global:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(
        scope.q("path"), tree=UnitTree.CURRENT, level__in=(UnitLevel.COMMUNE, UnitLevel.VILLAGE)
    ).order_by("path")


def can_keep_meetings_at(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether the officer schedules and records meetings at ``unit`` (or its villages, for a commune)."""
    return can_create_at(user, unit, Role.OFFICER)


# --- Statistics -----------------------------------------------------------------------------------------------------


def access_statistics_unit(user: Any, unit_id: int) -> AdministrativeUnit:
    """A unit whose democracy statistics (and meeting compliance) the officer may see: any unit of their viewer
    scope; ``Http404`` otherwise, the same answer for a unit that does not exist."""
    unit, _scope = office_access.access_statistics_unit(user, unit_id)
    return unit


def default_statistics_unit(user: Any) -> AdministrativeUnit | None:
    """The unit a statistics page opens on: the officer's first membership unit."""
    return office_access.default_statistics_unit(user)


def required_statistics_unit(user: Any) -> AdministrativeUnit:
    """:func:`default_statistics_unit`, or ``UnitNotChosen`` (a 404 the pages answer with a choice of provinces)
    for an officer with none, such as a system administrator."""
    return office_access.required_statistics_unit(user)


def statistics_unit_choices(user: Any, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The units the statistics page offers beside ``unit``."""
    return office_access.unit_choices(user, unit)


# --- Recommendations (one tracker) ---------------------------------------------------------------------------------
#
# Two sides see an item: the raising side through ``unit_path`` (the commune where it was raised, and the province
# above it), the answering side through ``addressee_path`` (the unit of the addressed body: a province officer sees
# what is addressed to the province's bodies). Only the addressed body answers: an officer (officer, leader or unit
# administrator) who is an active member of ``addressee_org``; an item without a named body (carried over from
# issue 11, or addressed to a village) is answered by the officers of the unit where it was raised. The addressed
# body may also transfer it; the raising unit's officers record the raiser's assessment, mark duplicates and hide
# an item from the public page.

ANSWERING_ROLES = frozenset({Role.OFFICER, Role.LEADER, Role.UNIT_ADMIN})


def recommendations_visible_to(user: Any) -> RecommendationQuerySet:
    """Items raised in the officer's viewer scope, or addressed to a body of it."""
    scope = read_scope(user)
    if scope.is_empty:
        return Recommendation.objects.none()
    if scope.is_global:
        return Recommendation.objects.all()
    return Recommendation.objects.filter(scope.q("unit_path") | scope.q("addressee_path"))


def recommendations_visible_q(user: Any) -> Q:
    """The same as :func:`recommendations_visible_to`, as a filter."""
    scope = read_scope(user)
    if scope.is_empty:
        return Q(pk__in=[])
    if scope.is_global:
        return Q()
    return scope.q("unit_path") | scope.q("addressee_path")


def access_recommendation(user: Any, item_id: int, *, for_write: bool = False) -> Recommendation:
    """An item the officer may read (``for_write``: keeps, as an officer of the unit where it was raised — the
    raising side, who assesses it), or ``Http404``."""
    item = (
        recommendations_visible_to(user)
        .select_related("unit", "addressee_org", "addressee_org__unit", "raiser_org", "answered_by_org")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise Http404
    if for_write and not can_create_at(user, item.unit, Role.OFFICER):
        raise Http404
    return item


def answering_orgs(user: Any) -> list[Organization]:
    """The bodies the officer answers for (active memberships with the officer role or above)."""
    from danvan.accounts.access import active_memberships

    return [m.organization for m in active_memberships(user) if m.role in ANSWERING_ROLES]


def can_answer_recommendation(user: Any, item: Recommendation) -> bool:
    """Whether the officer answers for the body the item is addressed to."""
    if item.addressee_org_id is None:
        return can_create_at(user, item.unit, Role.OFFICER)
    return any(org.pk == item.addressee_org_id for org in answering_orgs(user))


def answering_org_for(user: Any, item: Recommendation) -> Organization | None:
    """The body the officer answers ``item`` for; a ``not_addressee`` refusal (403, naming the addressed body)
    when the officer reads the item but is not of that body."""
    from danvan.democracy.recommendation_services import not_addressee_error

    if not can_answer_recommendation(user, item):
        raise not_addressee_error(item)
    return item.addressee_org


def access_recommendation_for_answer(user: Any, item_id: int) -> tuple[Recommendation, Organization | None]:
    """An item the officer reads and answers (or transfers) for its addressed body, with that body; ``Http404``
    when it is outside their units, 403 ``not_addressee`` when they are not of the addressed body."""
    item = access_recommendation(user, item_id)
    return item, answering_org_for(user, item)


def access_inbox_answering(user: Any, org: Organization) -> Organization:
    """``org``, when the officer answers for it (bulk answer from its inbox); 403 ``not_addressee`` otherwise."""
    from danvan.core.errors import DomainError

    if not any(mine.pk == org.pk for mine in answering_orgs(user)):
        raise DomainError(
            "not_addressee",
            _("Chỉ cán bộ của %(body)s mới trả lời kiến nghị gửi cơ quan này.") % {"body": org.name},
            status=403,
        )
    return org


def body_officer_ids(org_ids: set[int]) -> dict[int, list[int]]:
    """The officers told of each body's deadlines: its active members who answer for it (``ANSWERING_ROLES``)."""
    from danvan.accounts.models import Membership

    rows = Membership.objects.filter(
        organization_id__in=org_ids, is_active=True, officer__is_active=True, role__in=sorted(ANSWERING_ROLES)
    ).values_list("organization_id", "officer_id")
    found: dict[int, list[int]] = {}
    for org_id, officer_id in rows.order_by("organization_id", "officer_id"):
        found.setdefault(org_id, []).append(officer_id)
    return found


def can_transfer_recommendation(user: Any, item: Recommendation) -> bool:
    return can_answer_recommendation(user, item)


def can_assess_recommendation(user: Any, item: Recommendation) -> bool:
    """The raising side records the raiser's assessment (an officer of the unit where it was raised)."""
    return can_create_at(user, item.unit, Role.OFFICER)


def inbox_orgs(user: Any) -> list[Organization]:
    """The bodies whose inbox the officer opens: those they are an active member of (any role), the lower unit
    first, then by name in Vietnamese order."""
    from danvan.accounts.access import active_memberships
    from danvan.core.text import vi_sort_key

    orgs = {}
    for m in active_memberships(user):
        m.organization.unit = m.unit
        orgs[m.organization.pk] = (-len(m.unit_path), vi_sort_key(m.organization.name), m.organization)
    return [entry[2] for entry in sorted(orgs.values(), key=lambda entry: entry[:2])]


def can_open_inbox(user: Any) -> bool:
    """Whether the inbox opens without ``?organization=`` (its links show): the officer is a member of a body. A
    system administrator is of none; they open a body's inbox from its recommendations."""
    return bool(inbox_orgs(user))


def access_inbox_org(user: Any, org_id: int) -> Organization:
    """A body whose inbox the officer reads: one they are a member of, or one of a unit of their viewer scope (a
    province officer reads a commune body's inbox); ``Http404`` otherwise."""
    org = Organization.objects.select_related("unit", "kind").filter(pk=org_id).first()
    if org is None:
        raise Http404
    if any(mine.pk == org.pk for mine in inbox_orgs(user)):
        return org
    if not read_scope(user).covers(org.unit.path):
        raise Http404
    return org


def waiting_orgs(user: Any) -> list[Organization]:
    """The organizations whose raised items the officer follows (their own bodies)."""
    return inbox_orgs(user)


def access_public_recommendation_commune(unit_id: int) -> AdministrativeUnit:
    """A current commune whose public recommendations page citizens read, or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(pk=unit_id, level=UnitLevel.COMMUNE, tree=UnitTree.CURRENT).first()
    if unit is None:
        raise Http404
    return unit


def access_public_recommendation(unit: AdministrativeUnit, item_id: int) -> Recommendation:
    """An item raised in a public setting in ``unit`` (its villages included), for citizens, or ``Http404``."""
    from danvan.core.subtree import subtree_q

    item = (
        Recommendation.objects.filter(subtree_q(unit), pk=item_id, source__in=PUBLIC_SOURCES)
        .select_related("unit", "addressee_org", "answered_by_org")
        .first()
    )
    if item is None:
        raise Http404
    return item


# --- Boards: People's Inspection, Community Investment Supervision --------------------------------------------------


def boards_visible_to(user: Any) -> Any:
    """Boards (inspection and investment supervision) of the officer's viewer scope."""
    from danvan.democracy.models import Board

    scope = read_scope(user)
    if scope.is_empty:
        return Board.objects.none()
    return Board.objects.filter(scope.q("unit_path"))


def board_projects_visible_to(user: Any) -> Any:
    """Investment projects of the officer's viewer scope."""
    from danvan.democracy.models import InvestmentProject

    scope = read_scope(user)
    if scope.is_empty:
        return InvestmentProject.objects.none()
    return InvestmentProject.objects.filter(scope.q("unit_path"))


def board_sessions_visible_to(user: Any) -> Any:
    """Inspection checks and investment supervisions of the officer's viewer scope."""
    from danvan.democracy.models import BoardSession

    scope = read_scope(user)
    if scope.is_empty:
        return BoardSession.objects.none()
    return BoardSession.objects.filter(scope.q("unit_path"))


def access_board(user: Any, board_id: int, *, for_write: bool = False) -> Any:
    """A board the officer reads (``for_write``: keeps, an officer of its commune), or ``Http404``."""
    from danvan.democracy.models import Board

    board = Board.objects.select_related("unit", "project").filter(pk=board_id).first()
    if board is None or not read_scope(user).covers(board.unit_path):
        raise Http404
    if for_write and not can_create_at(user, board.unit, Role.OFFICER):
        raise Http404
    return board


def access_board_member(user: Any, board_id: int, member_id: int) -> Any:
    """A member of a board the officer keeps, or ``Http404``."""
    board = access_board(user, board_id, for_write=True)
    member = board.members.select_related("village").filter(pk=member_id).first()
    if member is None:
        raise Http404
    member.board = board
    return member


def access_board_project(user: Any, project_id: int, *, for_write: bool = False) -> Any:
    """An investment project the officer reads (``for_write``: keeps), or ``Http404``."""
    from danvan.democracy.models import InvestmentProject

    project = InvestmentProject.objects.select_related("unit").filter(pk=project_id).first()
    if project is None or not read_scope(user).covers(project.unit_path):
        raise Http404
    if for_write and not can_create_at(user, project.unit, Role.OFFICER):
        raise Http404
    return project


def access_board_session(user: Any, session_id: int, *, for_write: bool = False) -> Any:
    """An inspection check or supervision the officer reads (``for_write``: keeps), or ``Http404``."""
    from danvan.democracy.models import BoardSession

    session = BoardSession.objects.select_related("unit", "board", "board__project").filter(pk=session_id).first()
    if session is None or not read_scope(user).covers(session.unit_path):
        raise Http404
    if for_write and not can_create_at(user, session.unit, Role.OFFICER):
        raise Http404
    return session


def board_communes_for(user: Any) -> QuerySet[AdministrativeUnit]:
    """The current communes where the officer keeps boards and projects."""
    scope = write_scope(user)
    if scope.is_global:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(scope.q("path"), tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE).order_by(
        "path"
    )


def can_keep_boards_at(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether the officer keeps the boards and the project register of ``unit`` (a commune)."""
    return unit.level == UnitLevel.COMMUNE and can_create_at(user, unit, Role.OFFICER)


# --- Front supervision and social criticism -------------------------------------------------------------------------


def supervision_programmes_visible_to(user: Any) -> Any:
    """The supervision programmes of the Front organizations of the officer's viewer scope."""
    from danvan.democracy.models import SupervisionProgramme

    return SupervisionProgramme.objects.filter(read_scope(user).q("unit_path"))


def supervisions_visible_to(user: Any) -> Any:
    """Supervisions and social-criticism sessions of the officer's viewer scope."""
    from danvan.democracy.models import Supervision

    return Supervision.objects.filter(read_scope(user).q("unit_path"))


def access_supervision_programme(user: Any, programme_id: int, *, for_write: bool = False) -> Any:
    """A programme the officer reads (``for_write``: keeps, as an officer of its commune), or ``Http404``."""
    from danvan.democracy.models import SupervisionProgramme

    programme = (
        SupervisionProgramme.objects.select_related("unit", "organization", "organization__kind")
        .filter(pk=programme_id)
        .first()
    )
    if programme is None or not read_scope(user).covers(programme.unit_path):
        raise Http404
    if for_write and not can_write_at(user, programme.unit):
        raise Http404
    return programme


def access_supervision(user: Any, supervision_id: int, *, for_write: bool = False) -> Any:
    """A supervision or criticism session the officer reads (``for_write``: keeps), or ``Http404`` — the same
    answer for one that does not exist and for one of another commune."""
    from danvan.democracy.models import Supervision

    supervision = (
        Supervision.objects.select_related(
            "unit", "programme", "programme__organization", "programme__unit", "supervised_org", "supervised_org__kind"
        )
        .filter(pk=supervision_id)
        .first()
    )
    if supervision is None or not read_scope(user).covers(supervision.unit_path):
        raise Http404
    if for_write and not can_write_at(user, supervision.unit):
        raise Http404
    return supervision


def supervising_organizations_for(user: Any) -> Any:
    """The Front organizations (the Front and its member organizations) of the current communes where the officer
    keeps records: whose programmes they may open."""
    from danvan.core.models import Organization
    from danvan.democracy.models import FRONT_ORG_KINDS

    scope = write_scope(user)
    if scope.is_empty or scope.is_global:
        return Organization.objects.none()
    return (
        Organization.objects.filter(
            scope.q("unit__path"),
            unit__tree=UnitTree.CURRENT,
            unit__level=UnitLevel.COMMUNE,
            kind__code__in=FRONT_ORG_KINDS,
            is_active=True,
        )
        .select_related("unit", "kind")
        .order_by("unit__path", "kind__sort_order", "name")
    )


def access_supervising_organization_for_write(user: Any, organization_id: int) -> Any:
    """A Front organization of a current commune where the officer keeps records, or ``Http404``."""
    organization = supervising_organizations_for(user).filter(pk=organization_id).first()
    if organization is None or not can_write_at(user, organization.unit):
        raise Http404
    return organization


def can_keep_supervisions_at(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether the officer keeps the supervision programmes of ``unit`` (an officer of that current commune)."""
    return unit.level == UnitLevel.COMMUNE and can_create_at(user, unit, Role.OFFICER)


# --- Dialogues with staff and voter contacts ------------------------------------------------------------------------


def staff_dialogues_visible_to(user: Any) -> Any:
    """Dialogues with staff held by the bodies of the officer's viewer scope."""
    from danvan.democracy.models import StaffDialogue

    return StaffDialogue.objects.filter(read_scope(user).q("unit_path"))


def access_staff_dialogue(user: Any, dialogue_id: int, *, for_write: bool = False) -> Any:
    """A dialogue with staff the officer reads (``for_write``: keeps, an officer at the body's unit), or
    ``Http404``."""
    from danvan.democracy.models import StaffDialogue

    dialogue = StaffDialogue.objects.select_related("unit", "organization").filter(pk=dialogue_id).first()
    if dialogue is None or not read_scope(user).covers(dialogue.unit_path):
        raise Http404
    if for_write and not can_create_at(user, dialogue.unit, Role.OFFICER):
        raise Http404
    return dialogue


def dialogue_bodies_for(user: Any) -> Any:
    """The active bodies at current communes and provinces where the officer keeps records (for a new dialogue)."""
    from danvan.core.models import Organization

    scope = write_scope(user)
    if scope.is_global or scope.is_empty:
        return Organization.objects.none()
    return Organization.objects.filter(
        scope.q("unit__path"),
        is_active=True,
        unit__tree=UnitTree.CURRENT,
        unit__level__in=(UnitLevel.COMMUNE, UnitLevel.PROVINCE),
    ).select_related("unit", "kind")


def access_dialogue_body_for_write(user: Any, organization_id: int) -> Any:
    """A body whose dialogues with staff the officer records, or ``Http404``."""
    body = dialogue_bodies_for(user).filter(pk=organization_id).first()
    if body is None:
        raise Http404
    return body


def electoral_areas_visible_to(user: Any) -> Any:
    """Electoral areas of the officer's councils, and those of higher councils covering one of their units."""
    from django.db.models import Q

    from danvan.democracy.models import ElectoralArea

    scope = read_scope(user)
    if scope.is_global:
        return ElectoralArea.objects.all()
    if scope.is_empty:
        return ElectoralArea.objects.none()
    covering = ElectoralArea.units.through.objects.filter(scope.q("administrativeunit__path")).values(
        "electoralarea_id"
    )
    return ElectoralArea.objects.filter(scope.q("unit_path") | Q(pk__in=covering))


def access_electoral_area(user: Any, area_id: int, *, for_write: bool = False) -> Any:
    """An electoral area the officer reads (``for_write``: keeps, an officer of its council's unit), or
    ``Http404``."""
    area = electoral_areas_visible_to(user).select_related("unit").filter(pk=area_id).first()
    if area is None:
        raise Http404
    if for_write and not can_create_at(user, area.unit, Role.OFFICER):
        raise Http404
    return area


def access_area_unit_for_write(user: Any, unit_id: int) -> AdministrativeUnit:
    """A current commune or province whose council's electoral areas the officer keeps, or ``Http404``."""
    unit = AdministrativeUnit.objects.filter(
        pk=unit_id, level__in=(UnitLevel.COMMUNE, UnitLevel.PROVINCE), tree=UnitTree.CURRENT
    ).first()
    if unit is None or not can_create_at(user, unit, Role.OFFICER):
        raise Http404
    return unit


def area_units_for(user: Any) -> QuerySet[AdministrativeUnit]:
    """The communes and provinces where the officer keeps electoral areas."""
    scope = write_scope(user)
    if scope.is_global or scope.is_empty:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(
        scope.q("path"), tree=UnitTree.CURRENT, level__in=(UnitLevel.COMMUNE, UnitLevel.PROVINCE)
    ).order_by("path")


def voter_contacts_visible_to(user: Any) -> Any:
    """Voter contacts held (or scheduled) at the units of the officer's viewer scope."""
    from danvan.democracy.models import VoterContact

    return VoterContact.objects.filter(read_scope(user).q("unit_path"))


def access_voter_contact(user: Any, contact_id: int, *, for_write: bool = False) -> Any:
    """A voter contact the officer reads (``for_write``: keeps, an officer at the commune where it is held), or
    ``Http404``."""
    from danvan.democracy.models import VoterContact

    contact = VoterContact.objects.select_related("unit", "area", "area__unit").filter(pk=contact_id).first()
    if contact is None or not read_scope(user).covers(contact.unit_path):
        raise Http404
    if for_write and not can_create_at(user, contact.unit, Role.OFFICER):
        raise Http404
    return contact


def access_contact_unit_for_write(user: Any, unit_id: int) -> AdministrativeUnit:
    """A current commune where the officer schedules voter contacts, or ``Http404``."""
    return access_commune_for_write(user, unit_id)


def can_keep_contacts_at(user: Any, unit: AdministrativeUnit) -> bool:
    """Whether the officer records dialogues, areas or contacts (and their questions) at ``unit``."""
    return can_create_at(user, unit, Role.OFFICER)
