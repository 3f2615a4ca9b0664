"""Likely duplicates at intake: the same petition re-sent to several bodies, the same person on the same subject,
within the officer's scope and the units the case came through; dismissed and linked pairs stay quiet."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.cases.models import Case, LinkKind
from danvan.cases.selectors import duplicate_suggestions
from danvan.cases.services import (
    PersonIn,
    TransitionInput,
    case_link_duplicate,
    case_receive,
    case_transition,
    duplicate_dismiss,
)

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
