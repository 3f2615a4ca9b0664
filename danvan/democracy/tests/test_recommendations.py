"""The recommendation tracker (issue 12): deadlines from the source's rule, answer once by the addressed body,
transfer (refused in a loop), assessment, close and re-raise, bulk answer, inbox and waiting list, duplicates
across sources, the deadline sweep and the to-do list, the public page, XLSX, and the bad inputs the issue names:
an answer by a body the recommendation was not addressed to, answering twice concurrently (one wins, 409), a
recommendation transferred in a loop, an officer of another commune (404)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.urls import reverse

from conftest import organization
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AuditEntry, LegalRule
from danvan.democracy.models import (
    Recommendation,
    RecommendationNotice,
    RecommendationStatus,
    RecommendationTransfer,
)
from danvan.democracy.recommendation_duplicates import likely_duplicates
from danvan.democracy.recommendation_services import (
    answer_due,
    recommendation_answer,
    recommendation_assess,
    recommendation_bulk_answer,
    recommendation_raise,
    recommendation_transfer,
)
from danvan.democracy.recommendation_sweep import run_sweep
from danvan.notifications.models import Notification

API = "/api/v1/democracy"
TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)
ROAD = "Đề nghị sửa chữa đường liên thôn Phú Xuân đoạn qua cầu Đá bị xuống cấp nghiêm trọng, mùa mưa ngập sâu."


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def bodies(cast):
    class Bodies:
        ubnd = organization("22081")
        mttq = organization("22081", "fatherland_front")
        hdnd = organization("22081", "peoples_council")
        province = organization("66")
        bmt = organization("24133")

    return Bodies


def raise_item(actor, unit, *, source="voter_contact", content=ROAD, addressee_org=None, addressee="other", **kw):
    values = {
        "actor": actor,
        "event": unit,
        "source": source,
        "unit": unit,
        "raised_on": dt.date(2026, 12, 15),
        "kind": "recommendation",
        "raised_by": "Ông Nguyễn Văn Tư, thôn Phú Xuân",
        "content": content,
        "addressee": addressee,
        "addressee_org": addressee_org,
    }
    values.update(kw)
    return recommendation_raise(**values)


# --- Raise: the deadline is the source's rule -----------------------------------------------------------------------


def test_the_deadline_comes_from_the_sources_rule_and_the_body_from_the_addressee(cast, bodies, today):
    board = raise_item(cast.alice, cast.dong_xuan, source="inspection_board", addressee="peoples_committee")
    assert board.addressee_org == bodies.ubnd  # the commune's People's Committee, found from the kind
    assert board.addressee_path == cast.dong_xuan.path
    assert board.due_rule == "recommendation.answer_days.inspection_board"
    assert board.due_on == dt.date(2026, 12, 30)  # 15 days (Luật 10/2022 Art. 40.1.c)
    assert board.search_text.startswith("de nghi sua chua duong")
    LegalRule.objects.filter(code="recommendation.answer_days.inspection_board").update(value=20)
    later = raise_item(cast.alice, cast.dong_xuan, source="inspection_board", addressee="peoples_committee")
    assert later.due_on > board.due_on  # rule data, not code


def test_a_typed_due_date_is_not_accepted(cast, bodies, today):
    with pytest.raises(TypeError):
        raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, due_on=dt.date(2027, 1, 1))


# --- Answer: once, by the addressed body ---------------------------------------------------------------------------


def test_an_answer_by_a_body_the_recommendation_was_not_addressed_to_is_refused(client, cast, bodies, today):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.mttq)
    client.force_login(cast.alice)  # UBND Đồng Xuân reads it (raised in its commune) but is not the Front
    answer = {"expected_version": 1, "answered_on": "2026-12-18", "answer": "Đã đưa vào kế hoạch năm 2027."}
    response = client.post(f"{API}/recommendations/{item.pk}/answer", answer, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "not_addressee"
    assert bodies.mttq.name in response.json()["message"]
    page = client.post(
        reverse("democracy:recommendation_answer", args=[item.pk]),
        {"version": 1, "answered_on": "18/12/2026", "answer": "Đã có kế hoạch."},
    )
    assert page.status_code == 422
    assert bodies.mttq.name in page.content.decode()
    assert "Đã có kế hoạch." in page.content.decode()  # what was typed is kept
    with pytest.raises(DomainError) as refused:
        recommendation_answer(
            actor=cast.alice, item=item, expected_version=1, answered_on=today, answer="x", by_org=bodies.ubnd
        )
    assert refused.value.code == "not_addressee"
    item.refresh_from_db()
    assert item.status == RecommendationStatus.OPEN and not item.answer


def test_answering_twice_concurrently_one_wins_and_the_other_gets_409(client, cast, bodies, today):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd)
    # Two officers of the body opened the page at version 1; the first answer wins.
    first = recommendation_answer(
        actor=cast.alice,
        item=item,
        expected_version=1,
        answered_on=today,
        answer="Trả lời thứ nhất.",
        by_org=bodies.ubnd,
    )
    assert first.status == RecommendationStatus.ANSWERED and first.answered_by_org == bodies.ubnd
    with pytest.raises(ConflictError) as refused:
        recommendation_answer(
            actor=cast.dave,
            item=item,
            expected_version=1,
            answered_on=today,
            answer="Trả lời thứ hai.",
            by_org=bodies.ubnd,
        )
    assert refused.value.status == 409 and refused.value.code == "already_answered"
    client.force_login(cast.dave)
    again = client.post(
        f"{API}/recommendations/{item.pk}/answer",
        {"expected_version": 2, "answered_on": "2026-12-20", "answer": "Lần nữa."},
        content_type="application/json",
    )
    assert again.status_code == 409
    item.refresh_from_db()
    assert item.answer == "Trả lời thứ nhất."
    assert AuditEntry.objects.filter(action="democracy.recommendation.answered").count() == 1


def test_an_answer_needs_text_and_a_date_not_in_the_future(cast, bodies, today):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd)
    with pytest.raises(DomainError) as empty:
        recommendation_answer(actor=cast.alice, item=item, expected_version=1, answered_on=today, answer="  ")
    assert empty.value.code == "answer_required"
    with pytest.raises(DomainError) as future:
        recommendation_answer(
            actor=cast.alice, item=item, expected_version=1, answered_on=today + dt.timedelta(days=1), answer="x"
        )
    assert future.value.code == "invalid_answered_on"


# --- Transfer ------------------------------------------------------------------------------------------------------


def test_a_recommendation_transferred_in_a_loop_is_refused_naming_the_body(client, cast, bodies, today, time_machine):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd)
    first_due = item.due_on
    time_machine.move_to(dt.datetime(2026, 12, 22, 9, 0, tzinfo=dt.UTC), tick=False)
    item = recommendation_transfer(
        actor=cast.alice, item=item, expected_version=1, to_org=bodies.hdnd, reason="Thuộc thẩm quyền HĐND xã."
    )
    assert item.addressee_org == bodies.hdnd
    assert item.due_on == answer_due("voter_contact", dt.date(2026, 12, 22)) > first_due  # from the transfer day
    transfer = RecommendationTransfer.objects.get()
    assert transfer.from_org == bodies.ubnd and transfer.due_on_before == first_due
    item = recommendation_transfer(
        actor=cast.alice, item=item, expected_version=2, to_org=bodies.mttq, reason="Thuộc Mặt trận."
    )
    with pytest.raises(DomainError) as loop:
        recommendation_transfer(actor=cast.alice, item=item, expected_version=3, to_org=bodies.ubnd, reason="Trả lại.")
    assert loop.value.code == "transfer_loop"
    assert bodies.ubnd.name in str(loop.value.message)
    assert loop.value.fields and "to_org" in loop.value.fields
    # Through the API: the Front's officer (carol is not; give dave a Front membership) gets the same refusal.
    from danvan.accounts.services import membership_grant

    membership_grant(actor=None, officer=cast.dave, organization=bodies.mttq, role="officer")
    client.force_login(cast.dave)
    response = client.post(
        f"{API}/recommendations/{item.pk}/transfer",
        {"expected_version": 3, "to_org": bodies.hdnd.pk, "reason": "Vòng lại."},
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["code"] == "transfer_loop"
    assert RecommendationTransfer.objects.count() == 2
    assert AuditEntry.objects.filter(action="democracy.recommendation.transferred").count() == 2


def test_only_the_addressed_body_transfers(cast, bodies, client, today):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.mttq)
    client.force_login(cast.alice)
    response = client.post(
        f"{API}/recommendations/{item.pk}/transfer",
        {"expected_version": 1, "to_org": bodies.hdnd.pk, "reason": "Không phải của Mặt trận."},
        content_type="application/json",
    )
    assert response.status_code == 403


# --- Another commune -----------------------------------------------------------------------------------------------


def test_an_officer_of_another_commune_gets_404(client, cast, bodies, today):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd)
    for officer in (cast.bob, cast.frank):
        client.force_login(officer)
        assert client.get(reverse("democracy:recommendation_detail", args=[item.pk])).status_code == 404
        assert client.get(f"{API}/recommendations/{item.pk}").status_code == 404
        answer = {"expected_version": 1, "answered_on": "2026-12-18", "answer": "x"}
        assert (
            client.post(f"{API}/recommendations/{item.pk}/answer", answer, content_type="application/json").status_code
            == 404
        )
        assert client.get(f"{API}/recommendations/inbox/?organization={bodies.ubnd.pk}").status_code == 404
        assert (
            client.get(reverse("democracy:recommendation_inbox"), {"organization": bodies.ubnd.pk}).status_code == 404
        )
        assess = {"version": 1, "assessment": "satisfied", "outcome": "close"}
        assert client.post(reverse("democracy:recommendation_assess", args=[item.pk]), assess).status_code == 404
    item.refresh_from_db()
    assert item.status == RecommendationStatus.OPEN


def test_a_province_body_sees_and_answers_what_is_addressed_to_it(client, cast, bodies, today):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.province, addressee="higher_level")
    other = raise_item(cast.bob, cast.buon_ma_thuot, addressee_org=bodies.bmt, content="Lắp đèn đường tổ 3.")
    client.force_login(cast.carol)
    response = client.get(f"{API}/recommendations/inbox/", {"organization": bodies.province.pk})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["items"]] == [item.pk]
    assert response.json()["items"][0]["addressee_org"]["name"] == bodies.province.name
    done = client.post(
        f"{API}/recommendations/{item.pk}/answer",
        {"expected_version": 1, "answered_on": "2026-12-19", "answer": "Sở Giao thông đã lập dự án."},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "answered"
    # carol reads the commune body's item (her province) but does not answer for it
    refused = client.post(
        f"{API}/recommendations/{other.pk}/answer",
        {"expected_version": 1, "answered_on": "2026-12-19", "answer": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    # bob's commune sees nothing addressed to the province from Đồng Xuân
    client.force_login(cast.bob)
    assert client.get(f"{API}/recommendations/{item.pk}").status_code == 404


# --- Assessment, close, re-raise -----------------------------------------------------------------------------------


def test_the_raiser_assesses_closes_or_reraises_with_a_new_deadline(cast, bodies, today, time_machine):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd)
    with pytest.raises(ConflictError):
        recommendation_assess(actor=cast.alice, item=item, expected_version=1, assessment="satisfied")
    item = recommendation_answer(actor=cast.alice, item=item, expected_version=1, answered_on=today, answer="Sẽ sửa.")
    with pytest.raises(DomainError) as no_reason:
        recommendation_assess(actor=cast.alice, item=item, expected_version=2, assessment="unsatisfied")
    assert no_reason.value.code == "reason_required"
    time_machine.move_to(dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.UTC), tick=False)
    item, again = recommendation_assess(
        actor=cast.alice,
        item=item,
        expected_version=2,
        assessment="unsatisfied",
        reason="Chưa nêu thời gian sửa.",
        outcome="reraise",
    )
    assert item.status == RecommendationStatus.RERAISED and item.assessment_reason == "Chưa nêu thời gian sửa."
    assert again is not None and again.reraised_from == item and again.addressee_org == bodies.ubnd
    assert again.due_on is not None and item.due_on is not None
    assert again.raised_on == dt.date(2027, 1, 5) and again.due_on > item.due_on
    assert again.status == RecommendationStatus.OPEN
    again = recommendation_answer(
        actor=cast.alice, item=again, expected_version=1, answered_on=dt.date(2027, 1, 5), answer="Sửa trong quý I."
    )
    closed, none = recommendation_assess(actor=cast.alice, item=again, expected_version=2, assessment="satisfied")
    assert closed.status == RecommendationStatus.CLOSED and none is None


def test_the_detail_page_shows_the_timeline(client, cast, bodies, today):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd)
    item = recommendation_transfer(actor=cast.alice, item=item, expected_version=1, to_org=bodies.hdnd, reason="HĐND.")
    client.force_login(cast.alice)
    page = client.get(reverse("democracy:recommendation_detail", args=[item.pk])).content.decode()
    assert 'data-step="raised"' in page and 'data-step="transferred"' in page
    assert "Ông Nguyễn Văn Tư" in page  # officers of the unit see the raiser


# --- Bulk answer ---------------------------------------------------------------------------------------------------


def test_one_answer_for_thirty_similar_questions_each_still_tracked(client, cast, bodies, today):
    items = [
        raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, content=f"Câu hỏi số {n} về đường Phú Xuân.")
        for n in range(30)
    ]
    client.force_login(cast.alice)
    inbox = client.get(reverse("democracy:recommendation_inbox"), {"organization": bodies.ubnd.pk})
    assert inbox.status_code == 200 and 'name="items"' in inbox.content.decode()
    response = client.post(
        reverse("democracy:recommendation_bulk_answer"),
        {
            "organization": bodies.ubnd.pk,
            "items": [item.pk for item in items],
            "answered_on": "20/12/2026",
            "answer": "UBND xã đã đưa tuyến đường vào kế hoạch đầu tư năm 2027.",
        },
    )
    assert response.status_code == 302
    assert Recommendation.objects.filter(status=RecommendationStatus.ANSWERED).count() == 30
    assert AuditEntry.objects.filter(action="democracy.recommendation.answered").count() == 30


def test_a_bulk_answer_with_one_already_answered_is_refused_whole(cast, bodies, today):
    items = [raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, content=f"Hỏi {n}.") for n in range(3)]
    recommendation_answer(actor=cast.alice, item=items[1], expected_version=1, answered_on=today, answer="Rồi.")
    with pytest.raises(ConflictError):
        recommendation_bulk_answer(
            actor=cast.alice, items=items, by_org=bodies.ubnd, answered_on=today, answer="Chung."
        )
    assert Recommendation.objects.filter(status=RecommendationStatus.ANSWERED).count() == 1


def test_a_bulk_answer_by_another_body_is_refused(client, cast, bodies, today):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.mttq)
    client.force_login(cast.alice)
    response = client.post(
        f"{API}/recommendations/answers",
        {"organization": bodies.mttq.pk, "items": [item.pk], "answered_on": "2026-12-20", "answer": "Chung."},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["code"] == "not_addressee"


# --- Inbox, waiting list, XLSX -------------------------------------------------------------------------------------


def test_the_inbox_filters_by_state_source_field_and_words_without_diacritics(client, cast, bodies, today):
    road = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, field="infrastructure")
    raise_item(
        cast.alice,
        cast.dong_xuan,
        addressee_org=bodies.ubnd,
        source="dialogue",
        content="Hỗ trợ hộ nghèo mua bảo hiểm.",
    )
    late = raise_item(
        cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, content="Rác thải ở chợ.", raised_on=dt.date(2026, 11, 1)
    )
    client.force_login(cast.alice)

    def ids(**params):
        response = client.get(f"{API}/recommendations/inbox/", {"organization": bodies.ubnd.pk, **params})
        assert response.status_code == 200
        return sorted(row["id"] for row in response.json()["items"])

    assert ids(q="duong lien thon") == [road.pk]
    assert ids(state="overdue") == [late.pk]
    assert ids(field="infrastructure") == [road.pk]
    assert len(ids(source="voter_contact")) == 2
    assert client.get(f"{API}/recommendations/inbox/", {"state": "nonsense"}).status_code == 422
    assert client.get(f"{API}/recommendations/inbox/", {"organization": "0"}).status_code == 422
    nul = client.get(f"{API}/recommendations/inbox/", {"organization": bodies.ubnd.pk, "q": "duong\x00lien"})
    assert nul.status_code in (200, 400)  # refused cleanly, never a database error
    from danvan.democracy.recommendation_selectors import search_words

    assert search_words("Đường\x00liên") == ["duong", "lien"]
    page = client.get(reverse("democracy:recommendation_inbox"), {"organization": bodies.ubnd.pk, "q": "rac thai"})
    assert "Rác thải ở chợ." in page.content.decode() and ROAD[:30] not in page.content.decode()
    waiting = client.get(reverse("democracy:recommendation_waiting"))
    assert waiting.status_code == 200 and "Rác thải ở chợ." in waiting.content.decode()


def test_the_inbox_xlsx_keeps_hostile_text_as_text(client, cast, bodies, today):
    raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, content='=HYPERLINK("http://x","y")')
    client.force_login(cast.alice)
    response = client.get(reverse("democracy:recommendation_inbox_xlsx"), {"organization": bodies.ubnd.pk})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x","y")']
    assert cells and cells[0].data_type == "s"


# --- Duplicates ----------------------------------------------------------------------------------------------------


def test_the_same_road_raised_at_a_voter_contact_and_at_a_dialogue_is_a_likely_duplicate(client, cast, bodies, today):
    voter = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd)
    dialogue = raise_item(
        cast.alice,
        cast.dong_xuan,
        source="dialogue",
        addressee_org=bodies.ubnd,
        content="Đề nghị sửa chữa đường liên thôn Phú Xuân đoạn qua cầu Đá bị xuống cấp nghiêm trọng, mùa mưa ngập.",
    )
    raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, content="Hỗ trợ giống lúa cho hộ nghèo vụ xuân.")
    found = likely_duplicates(dialogue.content, dialogue.province_code, exclude_id=dialogue.pk)
    assert [d.item for d in found] == [voter]
    client.force_login(cast.alice)
    page = client.get(reverse("democracy:recommendation_detail", args=[dialogue.pk])).content.decode()
    assert f'data-duplicate="{voter.pk}"' in page
    marked = client.post(
        reverse("democracy:recommendation_duplicate", args=[dialogue.pk]), {"version": 1, "duplicate_of": voter.pk}
    )
    assert marked.status_code == 302
    dialogue.refresh_from_db()
    assert dialogue.duplicate_of == voter
    client.force_login(cast.bob)  # another commune's officer finds nothing of Đồng Xuân
    assert client.get(f"{API}/recommendations/{dialogue.pk}/duplicates").status_code == 404


# --- Sweep and to-do -----------------------------------------------------------------------------------------------


def test_the_sweep_tells_the_addressed_body_once_per_state(cast, bodies, today, time_machine):
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, raised_on=dt.date(2026, 11, 22))
    assert item.due_on == dt.date(2026, 12, 22)  # due in 2 days: due soon (3 working days)
    report = run_sweep()
    assert (report.newly_due_soon, report.newly_overdue, report.bodies) == (1, 0, 1)
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"alice", "dave"}  # officers of UBND Đồng Xuân; not erin (viewer), not bob
    assert run_sweep().notifications == 0  # once per state
    time_machine.move_to(dt.datetime(2026, 12, 23, 9, 0, tzinfo=dt.UTC), tick=False)
    report = run_sweep(dt.date(2026, 12, 23))
    assert report.newly_overdue == 1 and report.notifications == 2
    overdue = Notification.objects.filter(kind="recommendation_overdue").first()
    assert overdue is not None
    assert "quá hạn" in overdue.message and f"organization={bodies.ubnd.pk}" in overdue.link
    assert run_sweep(dt.date(2026, 12, 23)).notifications == 0
    recommendation_transfer(actor=cast.alice, item=item, expected_version=1, to_org=bodies.hdnd, reason="HĐND.")
    assert run_sweep(dt.date(2026, 12, 23)).newly_overdue == 0  # a fresh deadline from the transfer day
    assert report.as_dict()["newly_overdue"] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_claim_reads_the_notices_once_whatever_their_statistics_say(cast, bodies, today):
    """Analysed while empty, the notice table made PostgreSQL probe it by a sequential scan per due item — a scan
    that reads every row the claim has inserted so far: 875 s for a first sweep of 2,000,000 recommendations. The
    claim is joined by hash (``db_router.joined_without_nested_loops``)."""
    from danvan.core.db_router import joined_without_nested_loops
    from danvan.democracy.recommendation_sweep import CLAIM_SQL, due_soon_limit

    tables = {"notice": RecommendationNotice._meta.db_table, "item": Recommendation._meta.db_table}
    params = {"today": today, "limit": due_soon_limit(today), "open": "open"}
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables['notice']}")
        with joined_without_nested_loops():
            cursor.execute("EXPLAIN " + CLAIM_SQL.format(**tables), params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SHOW enable_nestloop")
        assert cursor.fetchone()[0] == "on"  # the setting ends with the block
    assert "Nested Loop" not in plan and "Anti Join" in plan, plan


def test_the_sweep_keeps_what_it_told_apart_and_tells_a_new_body_in_its_turn(cast, bodies, today, time_machine):
    """What was told lives in ``RecommendationNotice`` (the wide recommendation row is not written); a transferred
    item is told to its new body when it comes due there; an answered item's row goes."""
    item = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, raised_on=dt.date(2026, 11, 1))
    other = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, raised_on=dt.date(2026, 11, 2))
    version = Recommendation.objects.get(pk=item.pk).version
    report = run_sweep()
    assert report.by_body == {(bodies.ubnd.pk, "overdue"): 2}
    assert Recommendation.objects.get(pk=item.pk).version == version  # the item itself is not written
    told = RecommendationNotice.objects.get(recommendation=item)
    assert (told.organization_id, told.state, told.due_on, told.told_on) == (
        bodies.ubnd.pk,
        "overdue",
        item.due_on,
        today,
    )
    moved = recommendation_transfer(
        actor=cast.alice, item=item, expected_version=version, to_org=bodies.hdnd, reason="HĐND."
    )
    assert run_sweep().by_body == {}  # a fresh deadline at the new body
    recommendation_answer(
        actor=cast.alice, item=other, expected_version=other.version, answered_on=today, answer="Đã sửa đường."
    )
    assert moved.due_on is not None
    later = moved.due_on + dt.timedelta(days=1)
    time_machine.move_to(dt.datetime.combine(later, dt.time(9), tzinfo=dt.UTC), tick=False)
    assert run_sweep(later).by_body == {(bodies.hdnd.pk, "overdue"): 1}
    assert list(RecommendationNotice.objects.values_list("recommendation_id", "organization_id")) == [
        (item.pk, bodies.hdnd.pk)
    ]  # the answered item's row went
    assert run_sweep(later).notifications == 0


def test_the_dashboard_lists_overdue_items_of_the_officers_body(cast, bodies, today):
    from danvan.core.todo import todo_for

    raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, raised_on=dt.date(2026, 11, 1))
    entries = {item.key: item for item in todo_for(cast.alice)}
    entry = entries[f"recommendations_overdue_{bodies.ubnd.pk}"]
    assert entry.count == 1 and "state=overdue" in entry.url
    assert not any(key.startswith("recommendations_") for key in {i.key for i in todo_for(cast.bob)})


# --- Public page ---------------------------------------------------------------------------------------------------


def test_the_public_page_shows_public_settings_without_names_and_hidden_as_hidden(client, cast, bodies, today):
    shown = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd)
    recommendation_answer(actor=cast.alice, item=shown, expected_version=1, answered_on=today, answer="Đã lập dự án.")
    hidden = raise_item(cast.alice, cast.dong_xuan, addressee_org=bodies.ubnd, content="Nội dung nhạy cảm riêng.")
    Recommendation.objects.filter(pk=hidden.pk).update(public_hidden=True)
    board = raise_item(cast.alice, cast.dong_xuan, source="inspection_board", content="Phát hiện của Ban thanh tra.")
    url = reverse("democracy_public:recommendation_list", args=[cast.dong_xuan.pk])
    assert url == f"/dan-chu/xa/{cast.dong_xuan.pk}/kien-nghi/"
    page = client.get(url).content.decode()
    assert ROAD[:40] in page and "Đã lập dự án." in page
    assert "Nguyễn Văn Tư" not in page  # never the raiser's name
    assert "Nội dung nhạy cảm riêng." not in page and "data-hidden" in page
    assert "Phát hiện của Ban thanh tra." not in page  # not a public setting
    detail = reverse("democracy_public:recommendation_detail", args=[cast.dong_xuan.pk, shown.pk])
    assert client.get(detail).status_code == 200
    assert (
        client.get(reverse("democracy_public:recommendation_detail", args=[cast.dong_xuan.pk, board.pk])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("democracy_public:recommendation_detail", args=[cast.buon_ma_thuot.pk, shown.pk])
        ).status_code
        == 404
    )
    api = client.get(f"{API}/public/communes/{cast.dong_xuan.pk}/recommendations").json()["items"]
    assert {row["id"] for row in api} == {shown.pk, hidden.pk}
    assert next(row for row in api if row["id"] == hidden.pk)["content"] == ""
    assert "raised_by" not in api[0]


# --- The meeting raise form ----------------------------------------------------------------------------------------


def test_the_meeting_raise_form_has_no_typed_due_date_and_links_to_the_tracker(client, cast, today):
    from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus

    meeting = CommunityMeeting.objects.create(
        unit=cast.dong_xuan,
        unit_path=cast.dong_xuan.path,
        province_code=cast.dong_xuan.province_code,
        kind=MeetingKind.DIALOGUE,
        year=2026,
        title="Đối thoại năm 2026",
        held_on=dt.date(2026, 12, 10),
        status=MeetingStatus.HELD,
        participants=50,
    )
    client.force_login(cast.alice)
    page = client.get(reverse("democracy:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'name="due_on"' not in page
    response = client.post(
        reverse("democracy:meeting_item_create", args=[meeting.pk]),
        {
            "kind": "recommendation",
            "raised_by": "Bà Lan",
            "content": "Đề nghị lắp đèn đường.",
            "addressee": "peoples_committee",
            "field": "infrastructure",
            "due_on": "01/01/2030",
        },
    )
    assert response.status_code == 302
    item = Recommendation.objects.get()
    assert item.source == "dialogue"
    assert item.due_on == answer_due("dialogue", dt.date(2026, 12, 10)) >= dt.date(2027, 1, 9)  # 30 days, the rule
    assert item.addressee_org == organization("22081")
    page = client.get(reverse("democracy:meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("democracy:recommendation_detail", args=[item.pk]) in page
    # the same matter raised again: the page warns of the likely duplicate on raise
    again = client.post(
        reverse("democracy:meeting_item_create", args=[meeting.pk]),
        {"kind": "recommendation", "raised_by": "Ông Tư", "content": "Đề nghị lắp đèn đường.", "addressee": "village"},
        follow=True,
    )
    assert f"#{item.pk}" in again.content.decode() and "có thể trùng" in again.content.decode()


# --- A reception visit becomes a tracked recommendation ------------------------------------------------------------


def test_a_reception_visit_becomes_one_tracked_recommendation(client, cast, bodies, today):
    from danvan.cases.models import CaseKind
    from danvan.reception.models import VisitOutcome
    from danvan.reception.services import VisitorIn, visit_record

    def visit(kind, summary):
        return visit_record(
            actor=cast.alice,
            unit=cast.dong_xuan,
            visited_on=dt.date(2026, 12, 18),
            kind=kind,
            summary=summary,
            outcome=VisitOutcome.ANSWERED,
            answer="Đã hướng dẫn",
            visitors=[VisitorIn("Hà Văn Bảy")],
        )

    feedback = visit(CaseKind.FEEDBACK, "Phản ánh đèn đường thôn Phú Xuân hỏng.")
    client.force_login(cast.alice)
    detail = client.get(reverse("reception:visit_detail", args=[feedback.pk])).content.decode()
    assert reverse("reception:visit_track", args=[feedback.pk]) in detail
    first = client.post(reverse("reception:visit_track", args=[feedback.pk]))
    item = Recommendation.objects.get()
    assert first.status_code == 302 and first.url == reverse("democracy:recommendation_detail", args=[item.pk])
    assert item.source == "reception" and item.addressee_org == bodies.ubnd
    assert item.due_on == answer_due("reception", dt.date(2026, 12, 18))  # 10 working days, rule data
    assert "Hà Văn Bảy" not in item.raised_by
    client.post(reverse("reception:visit_track", args=[feedback.pk]))
    assert Recommendation.objects.count() == 1  # once per visit
    complaint = visit(CaseKind.COMPLAINT, "Khiếu nại quyết định thu hồi đất.")
    client.post(reverse("reception:visit_track", args=[complaint.pk]))
    assert Recommendation.objects.count() == 1  # complaints stay in the case engine
    client.force_login(cast.bob)
    assert client.post(reverse("reception:visit_track", args=[feedback.pk])).status_code == 404
