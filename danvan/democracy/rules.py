"""The legal rules grassroots democracy adds to the kernel's (``core.rules``), one section per part.

Each code has rows in ``core.LegalRule`` (value, unit, day kind, legal basis, validity), seeded by this app's
data migrations and edited by the system administrator. The codes of Luật 10/2022 first seeded by the kernel
(``disclosure.*``, ``community_decision.*``, ``consultation.open_min``…) stay in ``core.rules.RULE_CODES``.
"""

from __future__ import annotations

DEMOCRACY_RULE_CODES: tuple[str, ...] = (
    # --- Households ---
    # --- Disclosures ---
    # --- Community decisions ---
    "community_decision.meeting_notice_min",
    "community_decision.documents_ahead_min",
    "community_decision.meeting_procedure_share_above",
    # --- Consultations ---
    # --- Meetings and dialogues ---
    "year_end_meeting.notice_min",
    "year_end_meeting.village_min",
    # --- Recommendations (one tracker; the answer deadline per source) ---
    "recommendation.answer_days.year_end_meeting",
    "recommendation.answer_days.dialogue",
    "recommendation.answer_days.staff_dialogue",
    "recommendation.answer_days.voter_contact",
    "recommendation.answer_days.inspection_board",
    "recommendation.answer_days.investment_board",
    "recommendation.answer_days.supervision",
    "recommendation.answer_days.social_criticism",
    "recommendation.answer_days.reception",
    "recommendation.due_soon_warning",
    # --- Boards (People's Inspection, Community Investment Supervision) ---
    # (``inspection_board.min_members`` and ``investment_supervision_board.min_members`` are the kernel's)
    "inspection_board.max_deputies",
    "inspection_board.small_commune_max_members",
    "inspection_board.term_years",
    "inspection_board.vacancy_min_months",
    "inspection_board.check_plan_notice_min",
    "inspection_board.member_independence",
    "investment_supervision_board.max_residents",
    "investment_supervision_board.investor_notice_min",
    "investment_supervision_board.member_independence",
    # --- Front supervision and social criticism ---
    "supervision.notice_min",
    # --- Dialogues and voter contacts ---
    "staff_dialogue.per_year_min",
)
