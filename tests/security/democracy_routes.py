"""The access matrix's declarations for grassroots democracy (``test_route_matrix``), one section per part.

``PAGES`` and ``API`` are merged into the matrix's own; ``records(unit, actor)`` makes each part's records at one
commune (the matrix fills ``<disclosure_id>`` with ``records["disclosure"]`` and so on). Keep a part's entries in
its section.
"""

from __future__ import annotations

from typing import Any

from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, PUBLIC, VIEWER, Need

PAGES: dict[str, Need] = {
    "democracy:home": Need(get=LOGIN),
    # --- Households ---
    "democracy:household_units": Need(get=LOGIN),
    "democracy:household_import_template": Need(get=LOGIN),
    "democracy:household_village": Need(obj="village", get=VIEWER),
    "democracy:household_create": Need(obj="village", get=OFFICER, post=OFFICER),
    "democracy:household_import": Need(obj="commune", get=OFFICER, post=OFFICER),
    "democracy:household_detail": Need(obj="household", get=VIEWER),
    "democracy:household_edit": Need(obj="household", post=OFFICER),
    "democracy:household_move": Need(obj="household", post=OFFICER),
    "democracy:household_leave": Need(obj="household", post=OFFICER),
    # --- Disclosures ---
    "democracy:disclosure_list": Need(get=LOGIN),
    "democracy:disclosure_create": Need(get=OFFICER, post=OFFICER),
    "democracy:disclosure_board": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_portal": Need(obj="unit", post=OFFICER),
    "democracy:disclosure_quarterly": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_quarterly_docx": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_plan_docx": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_report_docx": Need(obj="unit", get=VIEWER),
    "democracy:disclosure_detail": Need(obj="disclosure", get=VIEWER),
    "democracy:disclosure_edit": Need(obj="disclosure", get=OFFICER, post=OFFICER),
    "democracy:disclosure_channel_add": Need(obj="disclosure", post=OFFICER),
    "democracy:disclosure_channel_end": Need(obj="disclosure", post=OFFICER),
    "democracy:disclosure_publish": Need(obj="disclosure", post=OFFICER),
    "democracy:disclosure_document": Need(obj="disclosure", get=VIEWER, absent_ok=True),  # none attached: 404
    # Public pages: a legacy commune has no portal page (404), nor does an unpublished disclosure.
    "democracy_public:disclosure_list": Need(obj="unit", get=PUBLIC, absent_ok=True),
    "democracy_public:disclosure_quarterly": Need(obj="unit", get=PUBLIC, absent_ok=True),
    "democracy_public:disclosure_detail": Need(obj="disclosure", get=PUBLIC, absent_ok=True),
    "democracy_public:disclosure_document": Need(obj="disclosure", get=PUBLIC, absent_ok=True),
    # --- Community decisions ---
    "democracy:decision_list": Need(get=LOGIN),
    "democracy:decision_create": Need(get=OFFICER, post=OFFICER),
    "democracy:decision_detail": Need(obj="decision", get=VIEWER),
    "democracy:decision_announce": Need(obj="decision", post=OFFICER),
    "democracy:decision_ballot_create": Need(obj="decision", post=OFFICER),
    "democracy:decision_meeting_create": Need(obj="decision", post=OFFICER),
    "democracy:decision_online_consents": Need(obj="decision", post=OFFICER),
    "democracy:decision_ballot_correct": Need(obj="decision", get=OFFICER, post=OFFICER),
    "democracy:decision_publish": Need(obj="decision", post=OFFICER),
    "democracy:decision_close": Need(obj="decision", post=OFFICER),
    "democracy:decision_submit": Need(obj="decision", post=OFFICER),
    "democracy:decision_recognize": Need(obj="decision", post=LEADER, absent_ok=True),
    "democracy:decision_record": Need(obj="decision", get=VIEWER, absent_ok=True),
    "democracy_public:ballot_receipt": Need(get=PUBLIC),
    "democracy_public:decision_list": Need(obj="unit", get=PUBLIC, absent_ok=True),
    # --- Consultations ---
    "democracy:consultation_list": Need(get=LOGIN),
    "democracy:consultation_create": Need(get=OFFICER, post=OFFICER),
    "democracy:consultation_detail": Need(obj="consultation", get=VIEWER),
    "democracy:consultation_edit": Need(obj="consultation", get=OFFICER, post=OFFICER),
    "democracy:consultation_publish": Need(obj="consultation", post=OFFICER),
    "democracy:consultation_opinion": Need(obj="consultation", post=OFFICER),
    "democracy:consultation_decide": Need(obj="consultation", post=OFFICER),
    "democracy:consultation_draft": Need(obj="consultation", get=VIEWER, absent_ok=True),
    "democracy_public:consultation_list": Need(get=PUBLIC),
    "democracy_public:consultation_detail": Need(obj="consultation", get=PUBLIC, post=PUBLIC),
    "democracy_public:consultation_draft": Need(obj="consultation", get=PUBLIC, absent_ok=True),
    # --- Meetings and dialogues ---
    "democracy:meetings": Need(get=LOGIN),
    "democracy:meeting_create": Need(get=OFFICER, post=OFFICER),
    "democracy:meeting_compliance": Need(get=LOGIN),
    "democracy:meeting_detail": Need(obj="meeting", get=VIEWER),
    "democracy:meeting_minutes_docx": Need(obj="meeting", get=VIEWER),
    "democracy:meeting_record": Need(obj="meeting", post=OFFICER),
    "democracy:meeting_send": Need(obj="meeting", post=OFFICER),
    "democracy:meeting_cancel": Need(obj="meeting", post=OFFICER),
    "democracy:meeting_item_create": Need(obj="meeting", post=OFFICER),
    "democracy:raised_items": Need(get=LOGIN),
    "democracy:raised_item_answer": Need(obj="item", post=OFFICER),
    # --- Statistics ---
    "democracy:statistics": Need(get=LOGIN),
    "democracy:statistics_xlsx": Need(get=LOGIN),
    "democracy:statistics_ranking": Need(get=LOGIN),
    "democracy:statistics_ranking_xlsx": Need(get=LOGIN),
}

API: dict[tuple[str, str], Need] = {
    # --- Households ---
    ("GET", "/api/v1/democracy/households"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/households"): Need(post=OFFICER),
    ("POST", "/api/v1/democracy/households/import"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/households/{household_id}"): Need(obj="household", get=VIEWER),
    ("PATCH", "/api/v1/democracy/households/{household_id}"): Need(obj="household", post=OFFICER),
    ("POST", "/api/v1/democracy/households/{household_id}/moves"): Need(obj="household", post=OFFICER),
    ("POST", "/api/v1/democracy/households/{household_id}/leave"): Need(obj="household", post=OFFICER),
    # --- Disclosures ---
    ("GET", "/api/v1/democracy/disclosure-items"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/disclosure-forms"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/disclosures"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/disclosures"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/disclosures/compliance"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/disclosures/{disclosure_id}"): Need(obj="disclosure", get=VIEWER),
    ("PUT", "/api/v1/democracy/disclosures/{disclosure_id}"): Need(obj="disclosure", post=OFFICER),
    ("POST", "/api/v1/democracy/disclosures/{disclosure_id}/channels"): Need(obj="disclosure", post=OFFICER),
    ("POST", "/api/v1/democracy/disclosures/{disclosure_id}/channels/{channel_id}/end"): Need(
        obj="disclosure", post=OFFICER
    ),
    ("POST", "/api/v1/democracy/disclosures/{disclosure_id}/publish"): Need(obj="disclosure", post=OFFICER),
    ("POST", "/api/v1/democracy/disclosures/{disclosure_id}/document"): Need(obj="disclosure", post=OFFICER),
    ("GET", "/api/v1/democracy/communes/{unit_id}/portal"): Need(obj="unit", get=VIEWER),
    ("PUT", "/api/v1/democracy/communes/{unit_id}/portal"): Need(obj="unit", post=OFFICER),
    ("GET", "/api/v1/democracy/public/communes/{unit_id}/disclosures"): Need(obj="unit", get=PUBLIC, absent_ok=True),
    # --- Community decisions ---
    ("GET", "/api/v1/democracy/decision-matters"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/decisions"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/decisions"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/decisions/{decision_id}"): Need(obj="decision", get=VIEWER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/announce"): Need(obj="decision", post=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/online-consents"): Need(obj="decision", post=OFFICER),
    ("GET", "/api/v1/democracy/decisions/{decision_id}/ballots"): Need(obj="decision", get=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/ballots"): Need(obj="decision", post=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/ballots/{ballot_id}/correction"): Need(
        obj="decision", post=OFFICER
    ),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/meetings"): Need(obj="decision", post=OFFICER),
    ("GET", "/api/v1/democracy/decisions/{decision_id}/tally"): Need(obj="decision", get=VIEWER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/close"): Need(obj="decision", post=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/submit"): Need(obj="decision", post=OFFICER),
    ("POST", "/api/v1/democracy/decisions/{decision_id}/recognition"): Need(
        obj="decision", post=LEADER, absent_ok=True
    ),
    ("GET", "/api/v1/democracy/decisions/{decision_id}/record.docx"): Need(obj="decision", get=VIEWER, absent_ok=True),
    ("GET", "/api/v1/democracy/public/communes/{unit_id}/decisions"): Need(obj="unit", get=PUBLIC, absent_ok=True),
    ("GET", "/api/v1/democracy/ballot-receipts/{code}"): Need(get=PUBLIC),
    # --- Consultations ---
    ("GET", "/api/v1/democracy/consultation-items"): Need(get=PUBLIC),
    ("GET", "/api/v1/democracy/consultation-channels"): Need(get=PUBLIC),
    ("GET", "/api/v1/democracy/public/consultations"): Need(get=PUBLIC),
    ("GET", "/api/v1/democracy/public/consultations/{consultation_id}"): Need(obj="consultation", get=PUBLIC),
    ("POST", "/api/v1/democracy/public/consultations/{consultation_id}/opinions"): Need(
        obj="consultation", post=PUBLIC
    ),
    ("GET", "/api/v1/democracy/consultations"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/consultations"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/consultations/{consultation_id}"): Need(obj="consultation", get=VIEWER),
    ("PUT", "/api/v1/democracy/consultations/{consultation_id}"): Need(obj="consultation", post=OFFICER),
    ("POST", "/api/v1/democracy/consultations/{consultation_id}/publish"): Need(obj="consultation", post=OFFICER),
    ("GET", "/api/v1/democracy/consultations/{consultation_id}/opinions"): Need(obj="consultation", get=VIEWER),
    ("POST", "/api/v1/democracy/consultations/{consultation_id}/opinions"): Need(obj="consultation", post=OFFICER),
    ("POST", "/api/v1/democracy/consultations/{consultation_id}/decision"): Need(obj="consultation", post=OFFICER),
    # --- Meetings and dialogues ---
    ("GET", "/api/v1/democracy/meetings"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/meetings"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/meetings/compliance"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/meetings/{meeting_id}"): Need(obj="meeting", get=VIEWER),
    ("GET", "/api/v1/democracy/meetings/{meeting_id}/minutes.docx"): Need(obj="meeting", get=VIEWER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/reschedule"): Need(obj="meeting", post=OFFICER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/record"): Need(obj="meeting", post=OFFICER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/send"): Need(obj="meeting", post=OFFICER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/cancel"): Need(obj="meeting", post=OFFICER),
    ("GET", "/api/v1/democracy/meetings/{meeting_id}/items"): Need(obj="meeting", get=VIEWER),
    ("POST", "/api/v1/democracy/meetings/{meeting_id}/items"): Need(obj="meeting", post=OFFICER),
    ("GET", "/api/v1/democracy/raised-items"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/raised-items/{item_id}"): Need(obj="item", get=VIEWER),
    ("POST", "/api/v1/democracy/raised-items/{item_id}/answer"): Need(obj="item", post=OFFICER),
    # --- Statistics ---
    ("GET", "/api/v1/democracy/statistics"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/statistics/ranking"): Need(get=LOGIN),
}


def records(unit: Any, actor: Any) -> dict[str, Any]:
    """Each part's records at ``unit`` (a commune), made by ``actor`` (an officer there)."""
    made: dict[str, Any] = {}
    # --- Households ---
    made.update(_household_records(unit, actor))
    # --- Disclosures ---
    import datetime as dt

    from danvan.democracy.disclosure_services import ChannelLine, disclosure_create
    from danvan.democracy.models import DisclosureForm, DisclosureItem

    disclosure = disclosure_create(
        actor=actor,
        unit=unit,
        item=DisclosureItem.objects.get(number=3),
        title=f"Phương án bồi thường {unit.name}",
        issued_on=dt.date(2026, 11, 2),
        channels=[
            ChannelLine(
                form=DisclosureForm.objects.get(code="posting"), started_on=dt.date(2026, 11, 3), place="Trụ sở UBND"
            )
        ],
        publish=True,
    )
    made["disclosure"] = disclosure
    made["channel"] = disclosure.channels.get()
    # --- Community decisions ---
    made.update(_decision_records(unit, actor))
    # --- Consultations ---
    made.update(_consultation_records(unit, actor))
    # --- Meetings and dialogues ---
    made.update(_meeting_records(unit, actor))
    return made


def _household_records(unit: Any, actor: Any) -> dict[str, Any]:
    from danvan.core.models import UnitKind
    from danvan.core.services import village_create
    from danvan.democracy.household_services import household_add

    village = village_create(actor=actor, commune=unit, name="Thôn Ma Trận", kind=UnitKind.VILLAGE, households=None)
    household = household_add(actor=actor, village=village, code="MT-001", representative_name="Phan Văn Ma")
    return {"village": village, "commune": unit, "household": household}


def _consultation_records(unit: Any, actor: Any) -> dict[str, Any]:
    import datetime as dt

    from django.utils import timezone

    from danvan.democracy.consultation_services import consultation_create, consultation_publish
    from danvan.democracy.models import ConsultationChannel, ConsultationItem

    today = timezone.localdate()
    consultation = consultation_create(
        actor=actor,
        commune=unit,
        item=ConsultationItem.objects.get(code="quy-hoach-xay-dung"),
        title="Dự thảo quy hoạch khu dân cư",
        authority="UBND xã",
        channels=list(ConsultationChannel.objects.filter(code="hoi-nghi")),
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
    )
    return {"consultation": consultation_publish(actor=actor, consultation=consultation)}


def _decision_records(unit: Any, actor: Any) -> dict[str, Any]:
    """An announced road-contribution ballot in a new village of ``unit`` with one ballot recorded."""
    import datetime as dt

    from django.utils import timezone

    from danvan.democracy import decision_services
    from danvan.democracy.models import Ballot
    from danvan.democracy.tests.decision_fixtures import announced_decision, household_ids, village_with_households

    village = village_with_households(unit, "Thôn Ma Trận Biểu Quyết", 3)
    decision = announced_decision(actor, unit, [village], notice_on=timezone.localdate() - dt.timedelta(days=5))
    decision_services.ballot_record(
        actor=actor, decision=decision, household_id=household_ids(village)[0], choice="agree"
    )
    return {"decision": decision, "ballot": Ballot.objects.get(decision=decision)}


def _meeting_records(unit: Any, actor: Any) -> dict[str, Any]:
    """A dialogue held at the commune ten days ago, with one raised item."""
    import datetime as dt

    from django.utils import timezone

    from danvan.democracy.meeting_services import meeting_raise_item, meeting_record, meeting_schedule
    from danvan.democracy.models import MeetingKind

    held_on = timezone.localdate() - dt.timedelta(days=10)
    meeting = meeting_schedule(actor=actor, unit=unit, kind=MeetingKind.DIALOGUE, held_on=held_on)
    meeting = meeting_record(actor=actor, meeting=meeting, expected_version=1, participants=40, minutes="Biên bản.")
    item = meeting_raise_item(
        actor=actor,
        meeting=meeting,
        kind="recommendation",
        raised_by="Cử tri",
        content="Kiến nghị sửa đường.",
        addressee="peoples_committee",
    )
    return {"meeting": meeting, "item": item}
