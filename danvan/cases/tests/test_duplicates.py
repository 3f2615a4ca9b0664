"""Likely duplicates at intake: the same petition re-sent to several bodies, the same person on the same subject,
within the officer's scope and the units the case came through; dismissed and linked pairs stay quiet. An ID
number is enough to name the same person, a name alone is not. Which case may be linked or dismissed is decided
once (``selectors.duplicate_target``), for the pages and the API alike."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
from typing import Any

import pytest
from django.db.models import Q
from django.urls import reverse

from danvan.cases import vault
from danvan.cases.duplicates import (
    ID_MATCH_POINTS,
    MIN_SCORE,
    NAME_MATCH_POINTS,
    TEXT_WEIGHT,
    UNKNOWN_MATCH_POINTS,
)
from danvan.cases.models import Case, CaseLink, CasePerson, DuplicateDismissal, LinkKind
from danvan.cases.selectors import duplicate_suggestions, duplicate_target
from danvan.cases.services import (
    PersonIn,
    TransitionInput,
    case_link_duplicate,
    case_receive,
    case_transition,
    duplicate_dismiss,
)
from danvan.core.errors import DomainError
from danvan.core.text import fold

pytestmark = pytest.mark.django_db

PETITION = (
    "Kính gửi Ủy ban nhân dân xã Đồng Xuân. Tôi tên là Nguyễn Văn Hùng, trú tại thôn Phú Hòa. Gia đình tôi sử dụng "
    "ổn định thửa đất số 125, tờ bản đồ số 7, diện tích 450 mét vuông từ năm 1992, không tranh chấp với ai, đã nộp "
    "thuế đất đầy đủ hằng năm. Ngày 15 tháng 8 năm 2026, Ủy ban nhân dân xã ban hành Quyết định số 45/QĐ-UBND thu "
    "hồi toàn bộ thửa đất để làm đường giao thông liên thôn nhưng chỉ bồi thường 120 triệu đồng, thấp hơn nhiều so "
    "với giá đất thực tế tại địa phương, và không bố trí tái định cư cho gia đình tôi gồm sáu nhân khẩu. Gia đình tôi "
    "đã nhiều lần đề nghị nhưng chưa được trả lời bằng văn bản. Tôi đề nghị xem xét lại quyết định, bồi thường đúng "
    "giá thị trường và hỗ trợ tái định cư theo quy định của pháp luật về đất đai."
)
# Re-sent to the ward of Buôn Ma Thuột: a new addressee and a date changed (Jaccard 0,91 on 3-word shingles).
RESENT = PETITION.replace("xã Đồng Xuân", "phường Buôn Ma Thuột").replace("Ngày 15 tháng 8", "Ngày 16 tháng 8")
UNRELATED = (
    "Phản ánh tình trạng cơ sở chăn nuôi heo của hộ ông Trần Văn Lợi tại tổ dân phố 4 xả nước thải chưa qua xử lý "
    "ra mương thoát nước chung, gây mùi hôi thối kéo dài, ảnh hưởng sức khỏe của hàng chục hộ dân xung quanh. Đề "
    "nghị cơ quan chức năng kiểm tra, xử lý dứt điểm."
)
TITLE = "Khiếu nại Quyết định số 45/QĐ-UBND thu hồi thửa đất 125"
# Another letter on the same decision, a third of it in the same words (Jaccard 0,32 with PETITION): not enough
# alone (21 points), enough with the same name (41).
SAME_MATTER = (
    "Ngày 15 tháng 8 năm 2026, Ủy ban nhân dân xã ban hành Quyết định số 45/QĐ-UBND thu hồi toàn bộ thửa đất để "
    "làm đường giao thông liên thôn nhưng chỉ bồi thường 120 triệu đồng, thấp hơn nhiều so với giá đất thực tế tại "
    "địa phương, và không bố trí tái định cư cho gia đình tôi gồm sáu nhân khẩu. Tôi đã gửi đơn nhiều lần mà chưa "
    "được giải quyết, nay đề nghị Ủy ban xem xét bồi thường theo giá thị trường."
)
NOT_FOUND = {"code": "not_found", "message": "Không tìm thấy."}


def receive(officer, unit, land, *, summary=PETITION, title=TITLE, person=None, subject="", kind="complaint") -> Case:
    return case_receive(
        actor=officer,
        unit=unit,
        kind=kind,
        channel="post",
        field=land,
        title=title,
        summary=summary,
        received_on=dt.date(2026, 11, 16),
        people=[person or PersonIn("Nguyễn Văn Hùng", "Thôn Phú Hòa", id_number="066080001234")],
        subject_party=subject,
    )


def suggested(user, case) -> dict[int, int]:
    return {s.case.pk: s.score for s in duplicate_suggestions(user, case)}


def test_the_same_text_re_sent_to_another_unit_in_scope_scores_at_least_80(cast, land):
    first = receive(cast.alice, cast.dong_xuan, land)
    other_signer = PersonIn("Nguyễn Thị Lan", "Thôn Phú Hòa", id_number="066180002222")
    resent = receive(cast.bob, cast.buon_ma_thuot, land, summary=RESENT, person=other_signer)
    scores = suggested(cast.carol, resent)  # the province leader sees both communes
    assert scores.get(first.pk, 0) >= 80
    suggestion = duplicate_suggestions(cast.carol, resent)[0]
    assert suggestion.case == first and not suggestion.same_person
    assert any("Nội dung giống" in reason for reason in suggestion.reasons)


def test_the_same_person_on_the_same_subject_is_suggested(cast, land):
    first = receive(cast.alice, cast.dong_xuan, land, subject="Quyết định số 45/QĐ-UBND")
    # Another letter in other words, the name typed without diacritics, the same ID number.
    again = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Đề nghị bồi thường khi thu hồi đất",
        summary="Tôi đề nghị Ủy ban xem xét lại việc bồi thường thấp cho gia đình khi làm đường liên thôn.",
        person=PersonIn("Nguyen Van Hung", id_number="066 080 001 234"),
        subject="quyết định số 45/QĐ-UBND",
    )
    [suggestion] = duplicate_suggestions(cast.alice, again)
    assert suggestion.case == first and suggestion.same_person and suggestion.same_subject
    assert "Cùng người gửi" in suggestion.reasons


def test_an_unrelated_petition_is_not_suggested(cast, land):
    receive(cast.alice, cast.dong_xuan, land)
    other = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Phản ánh ô nhiễm do chăn nuôi heo",
        summary=UNRELATED,
        person=PersonIn("Phạm Thị Hoa", id_number="066170003333"),
        kind="feedback",
    )
    assert duplicate_suggestions(cast.alice, other) == []


def test_dismissed_and_linked_pairs_are_not_suggested_again(cast, land):
    first = receive(cast.alice, cast.dong_xuan, land)
    second = receive(cast.alice, cast.dong_xuan, land, summary=RESENT)
    third = receive(cast.alice, cast.dong_xuan, land, summary=RESENT.replace("450 mét", "460 mét"))
    assert set(suggested(cast.alice, third)) == {first.pk, second.pk}
    duplicate_dismiss(actor=cast.alice, case=third, other=first)
    case_link_duplicate(actor=cast.alice, case=third, other=second, score=95)
    assert suggested(cast.alice, third) == {}
    # The dismissal holds both ways.
    assert third.pk not in suggested(cast.alice, first)
    assert third.pk not in suggested(cast.alice, second)


def test_cases_outside_scope_are_hidden_except_units_the_case_came_through(cast, land):
    in_hanoi = receive(cast.frank, cast.ba_dinh, land)  # another province: never shown to alice
    at_bmt = receive(cast.bob, cast.buon_ma_thuot, land)  # sibling commune: outside alice's scope
    mine = receive(cast.alice, cast.dong_xuan, land, summary=RESENT)
    assert in_hanoi.pk not in suggested(cast.alice, mine) and at_bmt.pk not in suggested(cast.alice, mine)
    # Buôn Ma Thuột receives the same petition again and transfers it to Đồng Xuân, the competent commune.
    sent = receive(cast.bob, cast.buon_ma_thuot, land, summary=RESENT.replace("sáu nhân khẩu", "bảy nhân khẩu"))
    sent = case_transition(
        actor=cast.bob, case=sent, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=False)
    )
    case_transition(
        actor=cast.bob,
        case=sent,
        action="transfer",
        data=TransitionInput(document_no="7/CV-UBND", target_unit=cast.dong_xuan),
    )
    arrived = Case.objects.get(unit=cast.dong_xuan, links_out__other=sent, links_out__kind=LinkKind.TRANSFER)
    scores = suggested(cast.alice, arrived)
    assert at_bmt.pk in scores and mine.pk in scores  # the unit it came through, and alice's own unit
    assert in_hanoi.pk not in scores
    assert frank_sees_nothing_of_dak_lak(cast, in_hanoi)


def frank_sees_nothing_of_dak_lak(cast, case: Case) -> bool:
    return all(Case.objects.get(pk=pk).province_code == case.province_code for pk in suggested(cast.frank, case))


# --- Same person: an ID number names one person, a name names every namesake ----------------------------------


def legacy_person_key(full_name: str, id_number: str = "") -> str:
    """A key as stored before keys said what they were made from: the whole HMAC, 64 hex digits, no kind."""
    digits = "".join(ch for ch in id_number if ch.isalnum()).upper()
    material = f"id:{digits}" if digits else f"name:{' '.join(fold(full_name).split())}"
    return hmac.new(vault._person_key_secret(), material.encode(), hashlib.sha256).hexdigest()


def test_person_keys_say_whether_they_come_from_an_id_number_or_a_name_only():
    by_id, by_name = vault.person_key("Nguyễn Văn Hùng", "066080001234"), vault.person_key("Nguyễn Văn Hùng")
    assert vault.person_key_kind(by_id) == vault.ID_KEY and vault.person_key_kind(by_name) == vault.NAME_KEY
    assert len(by_id) == len(by_name) == 64  # the column is 64 characters, as before
    old = legacy_person_key("Nguyễn Văn Hùng", "066 080 001 234")
    assert vault.person_key_kind(old) is None
    assert old in vault.person_key_forms(by_id) and by_id in vault.person_key_forms(old)
    assert vault.person_key_body(old) == vault.person_key_body(by_id) != vault.person_key_body(by_name)
    assert legacy_person_key("Nguyễn Văn Hùng") not in vault.person_key_forms(by_id)


def test_the_same_id_number_alone_is_suggested_whatever_the_text(cast, land):
    first = receive(cast.alice, cast.dong_xuan, land)
    other = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Phản ánh ô nhiễm do chăn nuôi heo",
        summary=UNRELATED,
        person=PersonIn("Nguyễn Văn Hùng", id_number="066080001234"),
        kind="feedback",
    )
    [suggestion] = duplicate_suggestions(cast.alice, other)
    assert suggestion.case == first and suggestion.score == ID_MATCH_POINTS >= MIN_SCORE
    assert suggestion.same_person and suggestion.reasons == ["Cùng người gửi"]


def test_a_namesake_without_id_number_on_an_unrelated_matter_is_not_suggested(cast, land):
    # The same common name, no ID number on either petition, even the same subject: two different people.
    receive(cast.alice, cast.dong_xuan, land, person=PersonIn("Nguyễn Văn Hùng", "Thôn Phú Hòa"), subject="UBND xã")
    namesake = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Phản ánh ô nhiễm do chăn nuôi heo",
        summary=UNRELATED,
        person=PersonIn("Nguyen Van Hung", "Tổ dân phố 4"),
        subject="UBND xã",
        kind="feedback",
    )
    assert duplicate_suggestions(cast.alice, namesake) == []


def test_the_same_name_counts_when_the_text_overlaps_too(cast, land):
    first = receive(cast.alice, cast.dong_xuan, land, person=PersonIn("Nguyễn Văn Hùng", "Thôn Phú Hòa"))
    stranger = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Đơn đề nghị bồi thường",
        summary=SAME_MATTER,
        person=PersonIn("Lê Văn A"),
    )
    assert first.pk not in suggested(cast.alice, stranger)  # a third of the words alone is not a duplicate
    again = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Đơn đề nghị bồi thường",
        summary=SAME_MATTER,
        person=PersonIn("Nguyễn Văn Hùng"),
    )
    suggestion = next(s for s in duplicate_suggestions(cast.alice, again) if s.case == first)
    assert suggestion.score == round(100 * TEXT_WEIGHT * suggestion.text_similarity) + NAME_MATCH_POINTS >= MIN_SCORE
    assert "Trùng họ tên người gửi" in suggestion.reasons and "Cùng người gửi" not in suggestion.reasons


def test_keys_stored_before_they_carried_their_kind_still_match(cast, land):
    old = receive(cast.alice, cast.dong_xuan, land)
    CasePerson.objects.filter(case=old).update(person_key=legacy_person_key("Nguyễn Văn Hùng", "066080001234"))
    new = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Phản ánh ô nhiễm do chăn nuôi heo",
        summary=UNRELATED,
        person=PersonIn("Nguyễn Văn Hùng", id_number="066 080 001 234"),
        kind="feedback",
    )
    # One side's key says "ID number": scored as such, from either case.
    assert suggested(cast.alice, new) == {old.pk: ID_MATCH_POINTS}
    assert suggested(cast.alice, old) == {new.pk: ID_MATCH_POINTS}
    # Both keys old: the kind is unknown, and the match scores as every match did before.
    CasePerson.objects.filter(case=new).update(person_key=legacy_person_key("Nguyễn Văn Hùng", "066080001234"))
    assert suggested(cast.alice, new) == {old.pk: UNKNOWN_MATCH_POINTS}


# --- Which case may be linked or dismissed ----------------------------------------------------------------------


def api_post(client: Any, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, payload, content_type="application/json")


def test_a_suggested_duplicate_is_linked_with_its_score_and_a_case_the_search_missed_may_be_too(client, cast, land):
    first = receive(cast.alice, cast.dong_xuan, land)
    resent = receive(cast.alice, cast.dong_xuan, land, summary=RESENT)
    unsuggested = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Phản ánh ô nhiễm do chăn nuôi heo",
        summary=UNRELATED,
        person=PersonIn("Phạm Thị Hoa"),
        kind="feedback",
    )
    score = suggested(cast.alice, resent)[first.pk]
    assert duplicate_target(cast.alice, resent, first.pk) == first
    client.force_login(cast.alice)
    assert client.post(reverse("cases:duplicate_link", args=[resent.pk, first.pk])).status_code == 302
    assert CaseLink.objects.get(case=resent, other=first, kind=LinkKind.DUPLICATE).score == score
    # Not among the suggestions, but a case she can open: the API links it and the page dismisses it.
    linked = api_post(client, f"/api/v1/cases/{unsuggested.pk}/links", {"other_id": first.pk})
    assert linked.status_code == 201 and linked.json()["case_code"] == first.code
    assert client.post(reverse("cases:duplicate_dismiss", args=[resent.pk, unsuggested.pk])).status_code == 302
    assert DuplicateDismissal.objects.filter(case=resent, other=unsuggested).exists()
    # The province leader sees both communes, so may link across them.
    theirs = receive(cast.bob, cast.buon_ma_thuot, land, summary=RESENT)
    client.force_login(cast.carol)
    assert api_post(client, f"/api/v1/cases/{theirs.pk}/links", {"other_id": first.pk}).status_code == 201


def test_a_case_of_another_unit_is_refused_by_page_and_api_like_a_missing_one(client, cast, land):
    mine = receive(cast.alice, cast.dong_xuan, land)
    theirs = receive(cast.bob, cast.buon_ma_thuot, land, summary=RESENT)  # a sibling commune: not alice's
    missing = theirs.pk + 1000
    with pytest.raises(DomainError) as refused:
        duplicate_target(cast.alice, mine, theirs.pk)
    assert (refused.value.code, refused.value.status) == ("not_found", 404)
    client.force_login(cast.alice)
    for name in ("cases:duplicate_link", "cases:duplicate_dismiss"):
        for other in (theirs.pk, missing):
            assert client.post(reverse(name, args=[mine.pk, other])).status_code == 404, (name, other)
    for suffix in ("links", "dismissals"):
        for other in (theirs.pk, missing):
            answer = api_post(client, f"/api/v1/cases/{mine.pk}/{suffix}", {"other_id": other})
            assert answer.status_code == 404 and answer.json() == NOT_FOUND, (suffix, other)
    assert not CaseLink.objects.filter(kind=LinkKind.DUPLICATE).exists()
    assert not DuplicateDismissal.objects.exists()


def test_a_suggestion_from_a_unit_the_case_came_through_is_shown_but_cannot_be_linked(client, cast, land):
    at_bmt = receive(cast.bob, cast.buon_ma_thuot, land)
    mine = receive(cast.alice, cast.dong_xuan, land, summary=RESENT)
    sent = receive(cast.bob, cast.buon_ma_thuot, land, summary=RESENT.replace("sáu nhân khẩu", "bảy nhân khẩu"))
    sent = case_transition(
        actor=cast.bob, case=sent, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=False)
    )
    case_transition(
        actor=cast.bob,
        case=sent,
        action="transfer",
        data=TransitionInput(document_no="7/CV-UBND", target_unit=cast.dong_xuan),
    )
    arrived = Case.objects.get(unit=cast.dong_xuan, links_out__other=sent, links_out__kind=LinkKind.TRANSFER)
    assert {at_bmt.pk, mine.pk} <= set(suggested(cast.alice, arrived))
    client.force_login(cast.alice)
    page = client.get(reverse("cases:detail", args=[arrived.pk])).content.decode()
    assert at_bmt.code in page and reverse("cases:duplicate_link", args=[arrived.pk, at_bmt.pk]) not in page
    assert reverse("cases:duplicate_link", args=[arrived.pk, mine.pk]) in page
    assert client.post(reverse("cases:duplicate_link", args=[arrived.pk, at_bmt.pk])).status_code == 404
    answer = api_post(client, f"/api/v1/cases/{arrived.pk}/dismissals", {"other_id": at_bmt.pk})
    assert answer.status_code == 404 and answer.json() == NOT_FOUND
    assert not DuplicateDismissal.objects.exists()
    assert not CaseLink.objects.filter(kind=LinkKind.DUPLICATE).exists()


def test_another_units_suggestion_is_text_without_a_link_and_tells_whose_it_is(client, cast, land):
    # A denunciation at Buôn Ma Thuột, then the same matter from its denouncer, signed this time, sent there and
    # transferred to Đồng Xuân: alice may not open Buôn Ma Thuột's cases, so the denunciation is listed by code, not
    # linked (a link was a 404), and nothing tells who denounced (no "same sender": the vault is not hers).
    at_bmt = case_receive(
        actor=cast.bob,
        unit=cast.buon_ma_thuot,
        kind="denunciation",
        channel="post",
        field=land,
        title="Tố cáo việc thu hồi thửa đất 125",
        summary=PETITION,
        received_on=dt.date(2026, 11, 16),
        denouncer=vault.DenouncerIdentity(
            people=(vault.DenouncerPerson(full_name="Lê Văn Tố", address="Tổ dân phố 3", id_number="066090004321"),)
        ),
        assignee=cast.bob,
    )
    mine = receive(cast.alice, cast.dong_xuan, land, summary=RESENT)
    signed = PersonIn("Lê Văn Tố", "Tổ dân phố 3", id_number="066090004321")
    sent = receive(cast.bob, cast.buon_ma_thuot, land, summary=RESENT, person=signed)
    sent = case_transition(
        actor=cast.bob, case=sent, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=False)
    )
    case_transition(
        actor=cast.bob,
        case=sent,
        action="transfer",
        data=TransitionInput(document_no="8/CV-UBND", target_unit=cast.dong_xuan),
    )
    arrived = Case.objects.get(unit=cast.dong_xuan, links_out__other=sent, links_out__kind=LinkKind.TRANSFER)
    assert {at_bmt.pk, mine.pk} <= set(suggested(cast.alice, arrived))
    client.force_login(cast.alice)
    page = client.get(reverse("cases:detail", args=[arrived.pk])).content.decode()
    listed = page[page.index('id="dups-title"') :]
    listed = listed[: listed.index("</section>")]
    assert reverse("cases:detail", args=[at_bmt.pk]) not in listed
    assert client.get(reverse("cases:detail", args=[at_bmt.pk])).status_code == 404  # why it is not linked
    theirs = next(item for item in listed.split("<li")[1:] if at_bmt.code in item)
    assert "data-other-unit" in theirs and "Đơn của đơn vị khác" in theirs and at_bmt.title in theirs
    for hint in ("Lê Văn Tố", "066090004321", "Tổ dân phố 3", "Cùng người gửi", "Trùng họ tên người gửi"):
        assert hint not in theirs, hint
    ours = next(item for item in listed.split("<li")[1:] if mine.code in item)
    assert reverse("cases:detail", args=[mine.pk]) in ours and "Đơn của đơn vị khác" not in ours


def test_a_case_is_not_linked_to_or_dismissed_from_itself(client, cast, land):
    case = receive(cast.alice, cast.dong_xuan, land)
    with pytest.raises(DomainError) as refused:
        duplicate_target(cast.alice, case, case.pk)
    assert refused.value.code == "link_self"
    client.force_login(cast.alice)
    for name in ("cases:duplicate_link", "cases:duplicate_dismiss"):
        shown = client.post(reverse(name, args=[case.pk, case.pk]), follow=True)
        assert shown.status_code == 200 and "Không thể liên kết hồ sơ với chính nó." in shown.content.decode()
    for suffix in ("links", "dismissals"):
        answer = api_post(client, f"/api/v1/cases/{case.pk}/{suffix}", {"other_id": case.pk})
        assert answer.status_code == 400 and answer.json()["code"] == "link_self", suffix
    assert not CaseLink.objects.exists() and not DuplicateDismissal.objects.exists()


def test_a_co_signer_of_a_denunciation_is_found_again_by_their_id_number(cast, land):
    from django.core.management import call_command

    from danvan.cases.models import CosignerKey

    identity = vault.DenouncerIdentity(
        people=(
            vault.DenouncerPerson(full_name="Lê Văn Tố", id_number="066090004444"),
            vault.DenouncerPerson(full_name="Phan Thị Cáo", id_number="066190005555"),
        )
    )
    denunciation = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="denunciation",
        channel="post",
        field=land,
        title="Tố cáo cán bộ địa chính nhận tiền",
        summary="Tố cáo cán bộ địa chính xã nhận tiền của người dân khi đo đạc cấp giấy chứng nhận.",
        received_on=dt.date(2026, 11, 16),
        denouncer=identity,
        assignee=cast.alice,
    )
    assert list(CosignerKey.objects.values_list("person_key", flat=True)) == [
        vault.person_key("Phan Thị Cáo", "066190005555")
    ]
    later = receive(
        cast.alice,
        cast.dong_xuan,
        land,
        title="Phản ánh ô nhiễm do chăn nuôi heo",
        summary=UNRELATED,
        person=PersonIn("Phan Thị Cáo", id_number="066190005555"),
        kind="feedback",
    )
    assert suggested(cast.alice, later) == {denunciation.pk: ID_MATCH_POINTS}  # the handler may open the vault
    assert denunciation.pk not in suggested(cast.carol, later)  # the province leader may not: never a hint
    # Rows written before co-signers had keys get them from vault_rotate.
    CosignerKey.objects.all().delete()
    call_command("vault_rotate", stdout=io.StringIO())
    assert CosignerKey.objects.count() == 1


# --- The same suggestions as the algorithm before issue 15 ------------------------------------------------------


def suggest_before_issue_15(probe, *, scope, viewer=None, extra_paths=(), limit=10):
    """``duplicates.suggest`` as it was before issue 15 (four ORM queries, whole case rows, every candidate folded
    and shingled): the reference the faster one must agree with."""
    from danvan.cases import duplicates as d
    from danvan.cases.access import can_read_denouncer
    from danvan.cases.models import CaseKind, CosignerKey, Denouncer
    from danvan.core.similarity import jaccard, shingles, text_bands

    extra_paths = list(extra_paths)
    area = d._area(scope, extra_paths, "unit_path")
    bands = text_bands(d.case_text(probe.title, probe.summary))
    ids: list[int] = []
    band_filter = Q()
    for index, value in enumerate(bands):
        if value:
            band_filter |= Q(**{f"text_band_{index}": value})
    if band_filter:
        ids += list(
            Case.objects.filter(area, band_filter)
            .order_by("-received_on", "-id")
            .values_list("id", flat=True)[: d.CANDIDATE_LIMIT]
        )
    keys = d._stored_forms(probe.person_keys)
    if keys:
        key_area = d._area(scope, extra_paths, "case__unit_path")
        cosigner_area = d._area(scope, extra_paths, "denouncer__case__unit_path")
        ids += list(
            CasePerson.objects.filter(key_area, person_key__in=keys)
            .order_by("-case_id")
            .values_list("case_id", flat=True)[: d.CANDIDATE_LIMIT]
        )
        ids += list(
            Denouncer.objects.filter(key_area, person_key__in=keys)
            .order_by("-case_id")
            .values_list("case_id", flat=True)[: d.CANDIDATE_LIMIT]
        )
        ids += list(
            CosignerKey.objects.filter(cosigner_area, person_key__in=keys)
            .order_by("-denouncer__case_id")
            .values_list("denouncer__case_id", flat=True)[: d.CANDIDATE_LIMIT]
        )
    excluded = d._excluded_pairs(probe.exclude_id)
    ids = [case_id for case_id in dict.fromkeys(ids) if case_id not in excluded]
    if not ids:
        return []
    person_points = d._person_points(probe.person_keys, ids)
    mine = shingles(d.case_text(probe.title, probe.summary))
    subject = " ".join(fold(probe.subject_party).split())
    found = []
    for candidate in Case.objects.filter(area, id__in=ids).select_related("unit"):
        similarity = jaccard(mine, shingles(d.case_text(candidate.title, candidate.summary)))
        points = person_points.get(candidate.pk, 0)
        if points and candidate.kind == CaseKind.DENUNCIATION and not can_read_denouncer(viewer, candidate):
            points = 0
        same_subject = bool(subject) and subject == " ".join(fold(candidate.subject_party).split())
        score = 100 * d.TEXT_WEIGHT * similarity + points + d.SUBJECT_BONUS * same_subject
        if similarity >= 0.8:
            score = max(score, 100 * similarity)
        rounded = min(100, round(score))
        if rounded >= d.MIN_SCORE:
            found.append(
                d.Suggestion(
                    candidate,
                    rounded,
                    similarity,
                    bool(points),
                    same_subject,
                    d._reasons(similarity, points, same_subject),
                )
            )
    found.sort(key=lambda s: (-s.score, -s.case.pk))
    return found[:limit]


def _variants(text: str, rng: Any) -> list[str]:
    """The letter re-sent with a sentence dropped, two swapped or a number changed, as people re-send them."""
    sentences = text.split(". ")
    out = [text]
    for _ in range(4):
        kept = list(sentences)
        move = rng.random()
        if move < 0.4 and len(kept) > 2:
            kept.pop(rng.randrange(len(kept)))
        elif move < 0.7 and len(kept) > 2:
            i = rng.randrange(len(kept) - 1)
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
        else:
            kept = [s.replace("125", str(rng.randint(100, 999))) for s in kept]
        out.append(". ".join(kept))
    return out


@pytest.mark.parametrize("candidate_limit", [60, 2])
def test_the_suggestions_are_those_of_the_algorithm_before_issue_15(cast, land, monkeypatch, candidate_limit):
    import random

    from danvan.accounts.access import scope_for
    from danvan.cases import duplicates
    from danvan.cases.access import duplicate_probe_scope, visible_scope
    from danvan.cases.selectors import came_through_paths, person_keys_of

    monkeypatch.setattr(duplicates, "CANDIDATE_LIMIT", candidate_limit)
    rng = random.Random(15)
    texts = _variants(PETITION, rng) + _variants(SAME_MATTER, rng) + [UNRELATED, UNRELATED + " Xin cảm ơn."]
    people = [
        PersonIn("Nguyễn Văn Hùng", "Thôn Phú Hòa", id_number="066080001234"),
        PersonIn("Nguyễn Văn Hùng", "Thôn Phú Hòa"),
        PersonIn("Trần Thị Bình", id_number="066180009999"),
        PersonIn("Lê Văn A"),
    ]
    places = [(cast.alice, cast.dong_xuan), (cast.bob, cast.buon_ma_thuot), (cast.frank, cast.ba_dinh)]
    cases = []
    for number, text in enumerate(texts * 2):
        officer, unit = places[number % 3] if number % 5 else places[0]
        if number % 7 == 3 and unit == cast.dong_xuan:
            identity = vault.DenouncerIdentity(
                people=(
                    vault.DenouncerPerson(full_name="Trần Thị Bình", id_number="066180009999"),
                    vault.DenouncerPerson(full_name="Lê Văn A"),
                )
            )
            cases.append(
                case_receive(
                    actor=officer,
                    unit=unit,
                    kind="denunciation",
                    channel="post",
                    field=land,
                    title=TITLE,
                    summary=text,
                    received_on=dt.date(2026, 11, 1 + number % 15),
                    denouncer=identity,
                    assignee=cast.alice if number % 2 else None,
                )
            )
            continue
        cases.append(
            case_receive(
                actor=officer,
                unit=unit,
                kind=["complaint", "feedback", "recommendation"][number % 3],
                channel="post",
                field=land,
                title=TITLE if number % 4 else "Đơn đề nghị bồi thường",
                summary=text,
                received_on=dt.date(2026, 11, 1 + number % 15),
                people=[people[number % len(people)]],
                subject_party=["", "UBND xã", "Ủy ban nhân dân xã"][number % 3],
            )
        )
    case_link_duplicate(actor=cast.alice, case=cases[0], other=cases[5])
    duplicate_dismiss(actor=cast.alice, case=cases[0], other=cases[10])
    CasePerson.objects.filter(case=cases[1]).update(person_key=legacy_person_key("Nguyễn Văn Hùng", "066080001234"))

    compared = 0
    for viewer in (cast.alice, cast.bob, cast.carol, cast.frank):
        for case in cases:
            probe = duplicates.Probe(
                case.title, case.summary, case.subject_party, person_keys_of(viewer, case), exclude_id=case.pk
            )
            options = {"scope": visible_scope(viewer), "viewer": viewer, "extra_paths": came_through_paths(case)}
            now = duplicates.suggest(probe, limit=50, **options)
            before = suggest_before_issue_15(probe, limit=50, **options)
            assert [row(s) for s in now] == [row(s) for s in before], (viewer.username, case.code)
            compared += len(now)
        for text, person in zip(texts, people * 4, strict=False):
            probe = duplicates.Probe(TITLE, text, "UBND xã", [vault.person_key(person.full_name, person.id_number)])
            scope = duplicate_probe_scope(viewer)
            assert [row(s) for s in duplicates.suggest(probe, scope=scope, viewer=viewer)] == [
                row(s) for s in suggest_before_issue_15(probe, scope=scope, viewer=viewer)
            ]
    assert compared > 100
    assert scope_for(cast.carol).paths  # the leader's scope reaches both communes


def row(suggestion: Any) -> tuple[Any, ...]:
    case = suggestion.case
    shown = (case.pk, case.code, case.title, case.status, case.received_on, case.unit.name, case.unit.path)
    return (
        *shown,
        suggestion.score,
        suggestion.text_similarity,
        suggestion.same_person,
        suggestion.same_subject,
        suggestion.reasons,
    )


# --- One statement per check (issue 15, PostgreSQL) --------------------------------------------------------------


def _people_on_one_matter(cast, land) -> list[Case]:
    """Cases matching a probe every way a person key can: the same ID number (and phone), the same name without an
    ID number, a key stored before keys carried their kind, a denouncer and a co-signer of a denunciation."""
    hung = PersonIn("Nguyễn Văn Hùng", "Thôn Phú Hòa", phone="0905123456", id_number="066080001234")
    cases = [
        receive(cast.alice, cast.dong_xuan, land, person=hung),
        receive(cast.bob, cast.buon_ma_thuot, land, summary=SAME_MATTER, person=PersonIn("Nguyễn Văn Hùng")),
        receive(cast.alice, cast.dong_xuan, land, summary=UNRELATED, title="Phản ánh ô nhiễm", person=hung),
        receive(
            cast.bob, cast.buon_ma_thuot, land, summary=RESENT, person=PersonIn("Trần Thị Bình", phone="0905123456")
        ),
    ]
    CasePerson.objects.filter(case=cases[2]).update(person_key=legacy_person_key("Nguyễn Văn Hùng", "066080001234"))
    for number, people in enumerate(
        (
            (vault.DenouncerPerson(full_name="Nguyễn Văn Hùng", id_number="066080001234"),),
            (
                vault.DenouncerPerson(full_name="Lê Văn Tố", id_number="066090004444"),
                vault.DenouncerPerson(full_name="Nguyễn Văn Hùng", id_number="066080001234"),
            ),
        )
    ):
        cases.append(
            case_receive(
                actor=cast.alice,
                unit=cast.dong_xuan,
                kind="denunciation",
                channel="post",
                field=land,
                title="Tố cáo cán bộ địa chính nhận tiền",
                summary=UNRELATED if number else SAME_MATTER,
                received_on=dt.date(2026, 11, 10 + number),
                denouncer=vault.DenouncerIdentity(people=people),
                assignee=cast.alice,
            )
        )
    return cases


@pytest.mark.parametrize("candidate_limit", [60, 1])
def test_a_check_with_person_keys_suggests_what_the_algorithm_before_issue_15_did(
    cast, land, monkeypatch, candidate_limit
):
    """The band look-up and the three key look-ups are one statement now; the suggestions are the same, at the
    candidate limit and when a look-up reaches it (the points are then read again for every candidate)."""
    from danvan.accounts.access import scope_for
    from danvan.cases import duplicates

    monkeypatch.setattr(duplicates, "CANDIDATE_LIMIT", candidate_limit)
    cases = _people_on_one_matter(cast, land)
    keys = [
        vault.person_key("Nguyễn Văn Hùng", "066080001234"),
        vault.person_key("Nguyễn Văn Hùng"),
        vault.person_key("Trần Thị Bình"),
    ]
    compared = 0
    for viewer in (cast.alice, cast.bob, cast.carol, None):
        scope = scope_for(viewer) if viewer is not None else scope_for(cast.carol)
        for text, probe_keys in ((PETITION, keys), (UNRELATED, keys[:1]), (SAME_MATTER, keys[1:2]), (RESENT, [])):
            probe = duplicates.Probe(TITLE, text, "", probe_keys)
            now = [row(s) for s in duplicates.suggest(probe, scope=scope, viewer=viewer, limit=50)]
            assert now == [row(s) for s in suggest_before_issue_15(probe, scope=scope, viewer=viewer, limit=50)]
            compared += len(now)
    assert compared > 20
    if candidate_limit == 60:  # every way of matching is among them
        probe = duplicates.Probe(TITLE, UNRELATED, "", keys[:1])
        found = {s.case.pk: s for s in duplicates.suggest(probe, scope=scope_for(cast.alice), viewer=cast.alice)}
        assert {cases[0].pk, cases[2].pk, cases[4].pk, cases[5].pk} <= set(found)
        assert all(found[case.pk].same_person for case in (cases[0], cases[2], cases[4], cases[5]))


def test_a_duplicate_check_is_one_query_with_person_keys_or_without(cast, land, django_assert_num_queries):
    """Bands, petitioners', denouncers' and co-signers' keys, and the cases only a key found: one statement (four or
    five before, each a round trip to PostgreSQL); a saved case adds the look-up of its links and dismissals."""
    from danvan.accounts.access import scope_for
    from danvan.cases import duplicates

    cases = _people_on_one_matter(cast, land)
    scope = scope_for(cast.carol)
    keyed = duplicates.Probe(TITLE, PETITION, "", [vault.person_key("Nguyễn Văn Hùng", "066080001234")])
    duplicates.suggest(keyed, scope=scope)  # built and kept (core.compiled)
    with django_assert_num_queries(1):
        found = duplicates.suggest(keyed, scope=scope)
    assert {cases[0].pk, cases[2].pk, cases[3].pk} <= {s.case.pk for s in found}
    with django_assert_num_queries(1):
        assert duplicates.suggest(duplicates.Probe(TITLE, PETITION), scope=scope)
    saved = duplicates.Probe(TITLE, PETITION, "", keyed.person_keys, exclude_id=cases[0].pk)
    with django_assert_num_queries(2):
        assert cases[0].pk not in {s.case.pk for s in duplicates.suggest(saved, scope=scope)}
