"""Who may see and act on a case through the pages: roles × units, one row per officer.

The case is a complaint received at Xã Đồng Xuân (22081). alice and ivan are officers there, erin a viewer, dave
its unit administrator, grace its leader; bob is an officer of a sibling commune (24133), frank of a commune in
Hà Nội, carol a leader of the province (66). Outside the scope every page answers 404, as for a missing case.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.cases.models import Case, CaseStatus
from danvan.cases.services import TransitionInput, case_transition
from danvan.core.models import Attachment

pytestmark = pytest.mark.django_db

#                 officer, sees, classify (officer), accept (leader)
MATRIX = [
    pytest.param("alice", True, True, False, id="alice-officer-22081"),
    pytest.param("ivan", True, True, False, id="ivan-officer-22081"),
    pytest.param("erin", True, False, False, id="erin-viewer-22081"),
    pytest.param("grace", True, True, True, id="grace-leader-22081"),
    pytest.param("dave", True, True, True, id="dave-unit-admin-22081"),
    pytest.param("carol", True, True, True, id="carol-leader-province-66"),
    pytest.param("bob", False, False, False, id="bob-officer-24133"),
    pytest.param("frank", False, False, False, id="frank-officer-00004-hanoi"),
]


@pytest.fixture
def people(cast, grace, ivan):
    return {
        "alice": cast.alice,
        "bob": cast.bob,
        "carol": cast.carol,
        "dave": cast.dave,
        "erin": cast.erin,
        "frank": cast.frank,
        "grace": grace,
        "ivan": ivan,
    }


@pytest.mark.parametrize(("who", "sees", "can_classify", "can_accept"), MATRIX)
def test_list_detail_and_steps(client, people, complaint, who, sees, can_classify, can_accept):
    client.force_login(people[who])
    listed = complaint.code in client.get(reverse("cases:list")).content.decode()
    detail = client.get(reverse("cases:detail", args=[complaint.pk]))
    assert listed is sees
    assert detail.status_code == (200 if sees else 404)
    if sees:
        page = detail.content.decode()
        assert (reverse("cases:act", args=[complaint.pk, "classify"]) in page) is can_classify

    classify = client.post(
        reverse("cases:act", args=[complaint.pk, "classify"]),
        {"version": complaint.version, "is_eligible": "yes", "in_jurisdiction": "yes"},
    )
    complaint.refresh_from_db()
    if not sees:
        assert classify.status_code == 404
    elif can_classify:
        assert classify.status_code == 302
    else:
        assert classify.status_code == 403 and "Bạn không có quyền" in classify.content.decode()
    assert (complaint.status == CaseStatus.CLASSIFIED) is can_classify

    if not can_classify:  # put the case where accepting is possible, whoever the officer is
        case_transition(
            actor=people["alice"],
            case=complaint,
            action="classify",
            data=TransitionInput(is_eligible=True, in_jurisdiction=True),
        )
        complaint.refresh_from_db()
    accept = client.post(
        reverse("cases:act", args=[complaint.pk, "accept"]), {"version": complaint.version, "document_no": "1/TB"}
    )
    complaint.refresh_from_db()
    assert (complaint.status == CaseStatus.ACCEPTED) is can_accept
    assert accept.status_code == (302 if can_accept else 403 if sees else 404)


@pytest.mark.parametrize(
    ("who", "can_receive"),
    [("alice", True), ("grace", True), ("dave", True), ("carol", True), ("erin", False), ("frank", True)],
)
def test_intake_form_offers_only_the_officer_s_own_units(client, people, cast, land, who, can_receive):
    client.force_login(people[who])
    response = client.get(reverse("cases:new"), follow=True)
    assert response.status_code == (200 if can_receive else 404)
    if can_receive:
        units = list(response.context["form"].fields["unit"].queryset)
        assert (cast.dong_xuan in units) is (who in {"alice", "grace", "dave"})
        assert (cast.ba_dinh in units) is (who == "frank")


def test_officers_cannot_receive_at_a_unit_they_do_not_belong_to(client, cast, land):
    client.force_login(cast.bob)
    data = {
        "unit": cast.dong_xuan.pk,
        "kind": "recommendation",
        "channel": "post",
        "field": land.pk,
        "title": "Kiến nghị",
        "summary": "Kiến nghị",
        "received_on": "20/11/2026",
        "submission_key": "b" * 32,
        "person_0_full_name": "Người gửi",
    }
    response = client.post(reverse("cases:new"), data)
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Case.objects.filter(unit=cast.dong_xuan).exists()


def test_every_case_page_answers_404_across_units(client, cast, complaint, denunciation):
    """bob (24133) probes a case of 22081 by id: each page and action looks like a missing case."""
    client.force_login(cast.bob)
    pk = complaint.pk
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    gets = [reverse("cases:detail", args=[pk]), reverse("cases:detail", args=[999999])]
    posts = [
        (reverse("cases:act", args=[pk, "classify"]), {"version": 1, "is_eligible": "yes", "in_jurisdiction": "yes"}),
        (reverse("cases:assign", args=[pk]), {"assignee": cast.bob.pk, "version": 1}),
        (reverse("cases:attach", args=[pk]), {"file": pdf}),
        (reverse("cases:second_complaint", args=[pk]), {}),
        (reverse("cases:duplicate_link", args=[pk, denunciation.pk]), {}),
        (reverse("cases:duplicate_dismiss", args=[pk, denunciation.pk]), {}),
        (reverse("cases:denouncer", args=[denunciation.pk]), {}),
        (reverse("cases:denouncer_scan_add", args=[denunciation.pk]), {}),
        (reverse("cases:denouncer_scan", args=[denunciation.pk, 1]), {}),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.RECEIVED and complaint.assignee == cast.alice
    assert not Attachment.objects.exists()


def test_the_province_leader_sees_both_communes_and_each_commune_only_its_own(client, cast, complaint, land):
    from danvan.cases.services import PersonIn, case_receive

    theirs = case_receive(
        actor=cast.bob,
        unit=cast.buon_ma_thuot,
        kind="feedback",
        channel="hotline",
        field=land,
        title="Phản ánh rác thải",
        summary="Rác thải tồn đọng tại tổ dân phố 3",
        received_on=complaint.received_on,
        people=[PersonIn("Người phản ánh")],
    )
    client.force_login(cast.carol)
    page = client.get(reverse("cases:list")).content.decode()
    assert complaint.code in page and theirs.code in page
    narrowed = client.get(reverse("cases:list"), {"unit": cast.buon_ma_thuot.pk}).content.decode()
    assert theirs.code in narrowed and complaint.code not in narrowed
    client.force_login(cast.bob)
    page = client.get(reverse("cases:list")).content.decode()
    assert theirs.code in page and complaint.code not in page
    client.force_login(cast.alice)
    assert client.get(reverse("cases:detail", args=[theirs.pk])).status_code == 404
    client.force_login(cast.frank)
    assert "Chưa có hồ sơ" in client.get(reverse("cases:list")).content.decode()
