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
)
