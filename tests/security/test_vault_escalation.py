"""Nobody reaches the denouncer's identity by rank or by assigning themselves (Luật Tố cáo 2018 Art. 8.3, 29, 31,
47, 56; decision 0011).

Readers are the assigned handler and the leader who accepted the denunciation, both of its competent body (the
People's Committee of Xã Đồng Xuân). Before this fix any leader, unit administrator or system administrator in scope —
the commune's Fatherland Front leader too — could assign the case to themselves and open the vault, while the real
handler silently lost it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.cases.models import Case, CaseKind, Channel
from danvan.cases.services import TransitionInput, case_assign, case_receive, case_transition, denouncer_read
from danvan.cases.vault import DenouncerIdentity, DenouncerPerson
from danvan.core.errors import DomainError
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def denounce(actor, unit, land) -> Case:
    return case_receive(
        actor=actor,
        unit=unit,
        kind=CaseKind.DENUNCIATION,
        channel=Channel.POST,
        field=land,
        title="Tố cáo cán bộ địa chính nhận tiền",
        summary="Tố cáo cán bộ địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm.",
        received_on=dt.date(2026, 11, 16),
        denouncer=DenouncerIdentity(people=(DenouncerPerson("Lê Thị Mật", id_number="066190009999"),)),
    )


def accepted(cast, grace, land) -> Case:
    case = denounce(cast.alice, cast.dong_xuan, land)
    case = case_transition(
        actor=cast.alice, case=case, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=True)
    )
    return case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="3/QĐ"))


def people(cast, grace, ivan, front_leader, front_officer) -> dict:
    return {
        "dave-unit-admin": cast.dave,
        "root-system-admin": cast.root,
        "carol-province-leader": cast.carol,
        "front-leader": front_leader,
        "front-officer": front_officer,
        "erin-viewer": cast.erin,
        "ivan-officer": ivan,
    }


@pytest.mark.parametrize(
    "who",
    ["dave-unit-admin", "root-system-admin", "carol-province-leader", "front-leader", "front-officer", "erin-viewer"],
)
def test_nobody_but_the_competent_leader_assigns_and_nobody_assigns_themselves(
    cast, grace, ivan, front_leader, front_officer, land, who
):
    case = accepted(cast, grace, land)
    actor = people(cast, grace, ivan, front_leader, front_officer)[who]
    with pytest.raises(DomainError) as refused:
        case_assign(actor=actor, case=case, assignee=actor)
    assert refused.value.status == 403
    with pytest.raises(DomainError):
        case_assign(actor=actor, case=case, assignee=ivan)
    case.refresh_from_db()
    assert case.assignee_id == cast.alice.pk  # the real handler keeps the case
    with pytest.raises(DomainError):
        denouncer_read(actor=actor, case=case)


@pytest.mark.parametrize("who", ["dave-unit-admin", "root-system-admin", "front-leader", "front-officer"])
def test_the_competent_leader_cannot_make_an_administrator_or_another_body_the_handler(
    cast, grace, ivan, front_leader, front_officer, land, who
):
    case = accepted(cast, grace, land)
    assignee = people(cast, grace, ivan, front_leader, front_officer)[who]
    with pytest.raises(DomainError) as refused:
        case_assign(actor=grace, case=case, assignee=assignee)
    assert refused.value.code == "assignee_out_of_unit"
    with pytest.raises(DomainError):
        denouncer_read(actor=assignee, case=case)


@pytest.mark.parametrize("who", ["dave-unit-admin", "root-system-admin", "carol-province-leader", "front-leader"])
def test_only_the_competent_body_accepts_a_denunciation(cast, grace, ivan, front_leader, front_officer, land, who):
    case = denounce(cast.alice, cast.dong_xuan, land)
    case = case_transition(
        actor=cast.alice, case=case, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=True)
    )
    actor = people(cast, grace, ivan, front_leader, front_officer)[who]
    with pytest.raises(DomainError) as refused:
        case_transition(actor=actor, case=case, action="accept", data=TransitionInput(document_no="3/QĐ"))
    assert refused.value.status == 403
    case.refresh_from_db()
    assert case.accepted_by_id is None


def test_a_reassignment_tells_the_previous_handler_and_the_accepting_leader(cast, grace, ivan, land):
    case = accepted(cast, grace, land)
    deputy = ivan  # a second leader of the body reassigns; the accepting leader is told
    vice = make_officer("vice", "Phó Chủ tịch", "22081", Role.LEADER)
    case_assign(actor=vice, case=case, assignee=deputy)
    told = {(n.recipient_id, n.kind) for n in Notification.objects.filter(case=case)}
    assert (ivan.pk, "case_assigned") in told
    assert (cast.alice.pk, "case_reassigned") in told
    assert (grace.pk, "case_reassigned") in told
    case.refresh_from_db()
    with pytest.raises(DomainError):
        denouncer_read(actor=cast.alice, case=case)
    assert denouncer_read(actor=ivan, case=case).contact.full_name == "Lê Thị Mật"
    assert denouncer_read(actor=grace, case=case).contact.full_name == "Lê Thị Mật"


def test_a_handler_who_left_the_body_no_longer_reads(cast, grace, land):
    from danvan.accounts.models import Membership
    from danvan.accounts.services import membership_revoke

    case = accepted(cast, grace, land)
    membership_revoke(actor=None, membership=Membership.objects.get(officer=cast.alice))
    cast.alice.__dict__.pop("_danvan_memberships", None)
    cast.alice.__dict__.pop("_danvan_scopes", None)
    cast.alice.__dict__.pop("_danvan_predecessors", None)
    with pytest.raises(DomainError):
        denouncer_read(actor=cast.alice, case=case)


@pytest.mark.parametrize("who", ["dave-unit-admin", "front-officer"])
def test_who_types_a_denunciation_in_from_outside_the_body_does_not_become_its_reader(
    cast, grace, ivan, front_leader, front_officer, land, who
):
    actor = people(cast, grace, ivan, front_leader, front_officer)[who]
    case = denounce(actor, cast.dong_xuan, land)
    assert case.assignee_id is None
    with pytest.raises(DomainError):
        denouncer_read(actor=actor, case=case)


def test_the_assignment_form_offers_only_the_competent_body_and_the_page_refuses_self_assignment(
    client, cast, grace, ivan, front_officer, land
):
    case = accepted(cast, grace, land)
    client.force_login(cast.dave)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:assign", args=[case.pk]) not in page
    client.post(reverse("cases:assign", args=[case.pk]), {"assignee": cast.dave.pk, "version": case.version})
    case.refresh_from_db()
    assert case.assignee_id == cast.alice.pk
    client.force_login(grace)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:assign", args=[case.pk]) in page
    assert "Bùi Văn Ích" in page and "Cán bộ Mặt trận" not in page and "Phạm Văn Dũng" not in page


def test_the_api_refuses_self_assignment_by_an_administrator(client, cast, grace, land):
    case = accepted(cast, grace, land)
    client.force_login(cast.root)
    response = client.post(
        f"/api/v1/cases/{case.pk}/assign",
        {"assignee_id": cast.root.pk, "expected_version": case.version},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.get(f"/api/v1/cases/{case.pk}/denouncer").status_code == 404
