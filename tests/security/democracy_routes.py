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
    # --- Recommendations (one tracker) ---
    "democracy:recommendation_inbox": Need(get=LOGIN),
    "democracy:recommendation_inbox_xlsx": Need(get=LOGIN),
    "democracy:recommendation_bulk_answer": Need(post=OFFICER),
    "democracy:recommendation_waiting": Need(get=LOGIN),
    "democracy:recommendation_waiting_xlsx": Need(get=LOGIN),
    "democracy:recommendation_detail": Need(obj="item", get=VIEWER),
    "democracy:recommendation_answer": Need(obj="item", post=OFFICER),
    "democracy:recommendation_transfer": Need(obj="item", post=OFFICER),
    "democracy:recommendation_assess": Need(obj="item", post=OFFICER),
    "democracy:recommendation_duplicate": Need(obj="item", post=OFFICER),
    "democracy:recommendation_hidden": Need(obj="item", post=OFFICER),
    "democracy:recommendation_document": Need(obj="item", get=VIEWER, absent_ok=True),  # none attached: 404
    "democracy_public:recommendation_list": Need(obj="unit", get=PUBLIC, absent_ok=True),
    "democracy_public:recommendation_detail": Need(obj="item", get=PUBLIC, absent_ok=True),
    # --- Boards (People's Inspection, Community Investment Supervision) ---
    "democracy:boards": Need(get=LOGIN),
    "democracy:board_create": Need(get=OFFICER, post=OFFICER),
    "democracy:board_detail": Need(obj="board", get=VIEWER),
    "democracy:board_member_add": Need(obj="board", post=OFFICER),
    "democracy:board_member_leave": Need(obj="board", post=OFFICER),
    "democracy:board_plan_add": Need(obj="board", post=OFFICER),
    "democracy:board_session_add": Need(obj="board", post=OFFICER),
    "democracy:board_dissolve": Need(obj="board", post=OFFICER),
    "democracy:board_session_detail": Need(obj="board_session", get=VIEWER),
    "democracy:board_session_record": Need(obj="board_session", post=OFFICER),
    "democracy:board_session_recommend": Need(obj="board_session", post=OFFICER),
    "democracy:board_projects": Need(get=LOGIN),
    "democracy:board_project_create": Need(get=OFFICER, post=OFFICER),
    "democracy:board_project_detail": Need(obj="project", get=VIEWER),
    "democracy:board_project_edit": Need(obj="project", post=OFFICER),
    "democracy:board_project_handover": Need(obj="project", post=OFFICER),
    # --- Front supervision and social criticism ---
    "democracy:supervisions": Need(get=LOGIN),
    "democracy:supervision_export": Need(get=LOGIN),
    "democracy:supervision_programme_create": Need(get=OFFICER, post=OFFICER),
    "democracy:supervision_programme": Need(obj="supervision_programme", get=VIEWER),
    "democracy:supervision_programme_edit": Need(obj="supervision_programme", post=OFFICER),
    "democracy:supervision_create": Need(obj="supervision_programme", get=OFFICER, post=OFFICER),
    "democracy:supervision_detail": Need(obj="supervision", get=VIEWER),
    "democracy:supervision_edit": Need(obj="supervision", get=OFFICER, post=OFFICER),
    "democracy:supervision_record": Need(obj="supervision", post=OFFICER),
    "democracy:supervision_cancel": Need(obj="supervision", post=OFFICER),
    "democracy:supervision_recommendation_create": Need(obj="supervision", post=OFFICER),
    "democracy:supervision_plan_docx": Need(obj="supervision", get=VIEWER),
    "democracy:supervision_report_docx": Need(obj="supervision", get=VIEWER, absent_ok=True),
    # --- Dialogues with staff and voter contacts ---
    "democracy:staff_dialogues": Need(get=LOGIN),
    "democracy:staff_dialogues_xlsx": Need(get=LOGIN),
    "democracy:staff_dialogue_create": Need(get=OFFICER, post=OFFICER),
    "democracy:staff_dialogue_compliance": Need(get=LOGIN),
    "democracy:staff_dialogue_detail": Need(obj="dialogue", get=VIEWER),
    "democracy:staff_dialogue_edit": Need(obj="dialogue", post=OFFICER),
    "democracy:staff_dialogue_questions": Need(obj="dialogue", get=VIEWER, post=OFFICER),
    "democracy:electoral_areas": Need(get=LOGIN),
    "democracy:electoral_areas_xlsx": Need(get=LOGIN),
    "democracy:electoral_area_create": Need(get=OFFICER, post=OFFICER),
    "democracy:electoral_area_detail": Need(obj="area", get=VIEWER),
    "democracy:electoral_area_edit": Need(obj="area", post=OFFICER),
    "democracy:voter_contact_create": Need(obj="area", post=OFFICER),
    "democracy:voter_contacts": Need(get=LOGIN),
    "democracy:voter_contacts_xlsx": Need(get=LOGIN),
    "democracy:voter_contact_detail": Need(obj="contact", get=VIEWER),
    "democracy:voter_contact_record": Need(obj="contact", post=OFFICER),
    "democracy:voter_contact_cancel": Need(obj="contact", post=OFFICER),
    "democracy:voter_contact_questions": Need(obj="contact", get=VIEWER, post=OFFICER),
    "democracy:voter_contact_docx": Need(obj="contact", get=VIEWER),
    "democracy:voter_contact_session_docx": Need(obj="contact", get=VIEWER),
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
    # --- Recommendations (one tracker) ---
    ("GET", "/api/v1/democracy/recommendations/inbox/"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/recommendations/waiting"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/recommendations/answers"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/recommendations/{item_id}"): Need(obj="item", get=VIEWER),
    ("GET", "/api/v1/democracy/recommendations/{item_id}/duplicates"): Need(obj="item", get=VIEWER),
    ("POST", "/api/v1/democracy/recommendations/{item_id}/answer"): Need(obj="item", post=OFFICER),
    ("POST", "/api/v1/democracy/recommendations/{item_id}/transfer"): Need(obj="item", post=OFFICER),
    ("POST", "/api/v1/democracy/recommendations/{item_id}/assessment"): Need(obj="item", post=OFFICER),
    ("POST", "/api/v1/democracy/recommendations/{item_id}/duplicate"): Need(obj="item", post=OFFICER),
    ("POST", "/api/v1/democracy/recommendations/{item_id}/public-hidden"): Need(obj="item", post=OFFICER),
    ("GET", "/api/v1/democracy/public/communes/{unit_id}/recommendations"): Need(
        obj="unit", get=PUBLIC, absent_ok=True
    ),
    # --- Boards (People's Inspection, Community Investment Supervision) ---
    ("GET", "/api/v1/democracy/board-projects"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/board-projects"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/board-projects/{project_id}"): Need(obj="project", get=VIEWER),
    ("PUT", "/api/v1/democracy/board-projects/{project_id}"): Need(obj="project", post=OFFICER),
    ("POST", "/api/v1/democracy/board-projects/{project_id}/handover"): Need(obj="project", post=OFFICER),
    ("GET", "/api/v1/democracy/boards"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/boards"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/boards/{board_id}"): Need(obj="board", get=VIEWER),
    ("POST", "/api/v1/democracy/boards/{board_id}/dissolve"): Need(obj="board", post=OFFICER),
    ("POST", "/api/v1/democracy/boards/{board_id}/members"): Need(obj="board", post=OFFICER),
    ("POST", "/api/v1/democracy/boards/{board_id}/members/{member_id}/leave"): Need(obj="board", post=OFFICER),
    ("GET", "/api/v1/democracy/boards/{board_id}/plans"): Need(obj="board", get=VIEWER),
    ("POST", "/api/v1/democracy/boards/{board_id}/plans"): Need(obj="board", post=OFFICER),
    ("GET", "/api/v1/democracy/boards/{board_id}/sessions"): Need(obj="board", get=VIEWER),
    ("POST", "/api/v1/democracy/boards/{board_id}/sessions"): Need(obj="board", post=OFFICER),
    ("GET", "/api/v1/democracy/board-sessions/{board_session_id}"): Need(obj="board_session", get=VIEWER),
    ("POST", "/api/v1/democracy/board-sessions/{board_session_id}/record"): Need(obj="board_session", post=OFFICER),
    ("GET", "/api/v1/democracy/board-sessions/{board_session_id}/recommendations"): Need(
        obj="board_session", get=VIEWER
    ),
    ("POST", "/api/v1/democracy/board-sessions/{board_session_id}/recommendations"): Need(
        obj="board_session", post=OFFICER
    ),
    # --- Front supervision and social criticism ---
    ("GET", "/api/v1/democracy/supervision-programmes"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/supervision-programmes"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/supervision-programmes/{programme_id}"): Need(obj="supervision_programme", get=VIEWER),
    ("PUT", "/api/v1/democracy/supervision-programmes/{programme_id}"): Need(obj="supervision_programme", post=OFFICER),
    ("POST", "/api/v1/democracy/supervision-programmes/{programme_id}/supervisions"): Need(
        obj="supervision_programme", post=OFFICER
    ),
    ("GET", "/api/v1/democracy/supervisions"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/supervisions/export.xlsx"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/supervisions/{supervision_id}"): Need(obj="supervision", get=VIEWER),
    ("PUT", "/api/v1/democracy/supervisions/{supervision_id}"): Need(obj="supervision", post=OFFICER),
    ("POST", "/api/v1/democracy/supervisions/{supervision_id}/record"): Need(obj="supervision", post=OFFICER),
    ("POST", "/api/v1/democracy/supervisions/{supervision_id}/cancel"): Need(obj="supervision", post=OFFICER),
    ("GET", "/api/v1/democracy/supervisions/{supervision_id}/recommendations"): Need(obj="supervision", get=VIEWER),
    ("POST", "/api/v1/democracy/supervisions/{supervision_id}/recommendations"): Need(obj="supervision", post=OFFICER),
    ("GET", "/api/v1/democracy/supervisions/{supervision_id}/plan.docx"): Need(obj="supervision", get=VIEWER),
    ("GET", "/api/v1/democracy/supervisions/{supervision_id}/report.docx"): Need(
        obj="supervision", get=VIEWER, absent_ok=True
    ),
    # --- Dialogues with staff and voter contacts ---
    ("GET", "/api/v1/democracy/staff-dialogues"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/staff-dialogues"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/staff-dialogues/compliance"): Need(get=LOGIN),
    ("GET", "/api/v1/democracy/staff-dialogues/{dialogue_id}"): Need(obj="dialogue", get=VIEWER),
    ("PUT", "/api/v1/democracy/staff-dialogues/{dialogue_id}"): Need(obj="dialogue", post=OFFICER),
    ("GET", "/api/v1/democracy/staff-dialogues/{dialogue_id}/questions"): Need(obj="dialogue", get=VIEWER),
    ("POST", "/api/v1/democracy/staff-dialogues/{dialogue_id}/questions"): Need(obj="dialogue", post=OFFICER),
    ("GET", "/api/v1/democracy/electoral-areas"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/electoral-areas"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/electoral-areas/{area_id}"): Need(obj="area", get=VIEWER),
    ("PUT", "/api/v1/democracy/electoral-areas/{area_id}"): Need(obj="area", post=OFFICER),
    ("GET", "/api/v1/democracy/voter-contacts"): Need(get=LOGIN),
    ("POST", "/api/v1/democracy/voter-contacts"): Need(post=OFFICER),
    ("GET", "/api/v1/democracy/voter-contacts/{contact_id}"): Need(obj="contact", get=VIEWER),
    ("GET", "/api/v1/democracy/voter-contacts/{contact_id}/recommendations.docx"): Need(obj="contact", get=VIEWER),
    ("GET", "/api/v1/democracy/voter-contacts/{contact_id}/session-recommendations.docx"): Need(
        obj="contact", get=VIEWER
    ),
    ("POST", "/api/v1/democracy/voter-contacts/{contact_id}/reschedule"): Need(obj="contact", post=OFFICER),
    ("POST", "/api/v1/democracy/voter-contacts/{contact_id}/record"): Need(obj="contact", post=OFFICER),
    ("POST", "/api/v1/democracy/voter-contacts/{contact_id}/cancel"): Need(obj="contact", post=OFFICER),
    ("GET", "/api/v1/democracy/voter-contacts/{contact_id}/questions"): Need(obj="contact", get=VIEWER),
    ("POST", "/api/v1/democracy/voter-contacts/{contact_id}/questions"): Need(obj="contact", post=OFFICER),
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
    # --- Recommendations (one tracker): the meeting's raised item is the tracker's ``item`` ---
    # --- Boards ---
    made.update(_board_records(unit, actor))
    # --- Front supervision and social criticism ---
    made.update(_supervision_records(unit, actor))
    # --- Dialogues with staff and voter contacts ---
    made.update(_contact_records(unit, actor))
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


def _board_records(unit: Any, actor: Any) -> dict[str, Any]:
    """A project of ``unit`` with its supervision board (five members) and a supervision held ten days ago."""
    import datetime as dt

    from django.utils import timezone

    from danvan.democracy import board_services
    from danvan.democracy.models import BoardKind

    today = timezone.localdate()
    project = board_services.project_create(
        actor=actor, unit=unit, name="Đường ma trận", investor="UBND xã", place="Thôn Ma Trận"
    )
    board = board_services.board_establish(
        actor=actor,
        unit=unit,
        kind=BoardKind.INVESTMENT_SUPERVISION,
        established_on=today - dt.timedelta(days=100),
        members=[board_services.MemberLine(full_name=f"Thành viên {n}") for n in range(5)],
        project=project,
    )
    session = board_services.session_plan(
        actor=actor,
        board=board,
        subject="Giám sát ma trận",
        starts_on=today - dt.timedelta(days=10),
        investor_notified_on=today - dt.timedelta(days=60),
    )
    return {"project": project, "board": board, "member": board.members.first(), "board_session": session}


def _supervision_records(unit: Any, actor: Any) -> dict[str, Any]:
    """The 2026 programme of ``unit``'s Front with one planned supervision of the commune People's Committee."""
    import datetime as dt

    from django.utils import timezone

    from danvan.core.models import Organization
    from danvan.democracy.supervision_services import programme_create, supervision_plan

    front = Organization.objects.get(unit=unit, kind__code="fatherland_front")
    committee = Organization.objects.get(unit=unit, kind__code="peoples_committee")
    today = timezone.localdate()
    programme = programme_create(actor=actor, organization=front, year=today.year)
    supervision = supervision_plan(
        actor=actor,
        programme=programme,
        kind="supervision",
        topic="Giám sát thu chi quỹ",
        supervised_org=committee,
        method="document_review",
        starts_on=dt.date(today.year, 1, 2),
        ends_on=dt.date(today.year, 1, 5),
    )
    return {"supervision_programme": programme, "programme": programme, "supervision": supervision}


def _contact_records(unit: Any, actor: Any) -> dict[str, Any]:
    """A dialogue of the commune People's Committee with its staff, an electoral area of the commune council and a
    voter contact held there ten days ago, with one question each."""
    import datetime as dt

    from django.utils import timezone

    from danvan.democracy import contact_services as services

    committee = unit.organizations.get(kind__code="peoples_committee")
    held_on = timezone.localdate() - dt.timedelta(days=10)
    dialogue = services.staff_dialogue_record(
        actor=actor, organization=committee, held_on=held_on, chaired_by="Chủ tịch UBND", participants=30
    )
    area = services.electoral_area_create(
        actor=actor, unit=unit, number=1, name="Đơn vị bầu cử số 1", units=[], deputies="Nguyễn Văn Một"
    )
    contact = services.voter_contact_schedule(
        actor=actor,
        area=area,
        unit=unit,
        session_name="Kỳ họp thứ 5",
        timing="after",
        held_on=held_on,
        place="Nhà văn hóa",
    )
    contact = services.voter_contact_record(
        actor=actor, contact=contact, expected_version=1, voters_attending=80, deputies_present="Nguyễn Văn Một"
    )
    question = services.QuestionLine(raised_by="Cử tri", content="Kiến nghị sửa đường.", addressee_org=committee)
    services.raise_questions(actor=actor, event=contact, questions=[question])
    services.raise_questions(actor=actor, event=dialogue, questions=[question])
    return {"dialogue": dialogue, "area": area, "contact": contact}
