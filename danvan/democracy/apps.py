from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    label = "democracy"
    verbose_name = _("Dân chủ ở cơ sở")

    def ready(self) -> None:
        from danvan.core.rules import register_rule_codes
        from danvan.democracy.rules import DEMOCRACY_RULE_CODES

        register_rule_codes(*DEMOCRACY_RULE_CODES)
        from danvan.democracy import (  # noqa: F401  (each part registers its figures, audit words and to-do entries)
            board_audit_text,
            board_figures,
            board_todo,
            consultation_audit_text,
            consultation_figures,
            contact_audit_text,
            contact_documents,
            contact_figures,
            contact_todo,
            decision_audit_text,
            decision_figures,
            decision_todo,
            disclosure_audit_text,
            disclosure_figures,
            household_audit_text,
            meeting_audit_text,
            meeting_documents,
            meeting_figures,
            meeting_todo,
            recommendation_audit_text,
            recommendation_figures,
            recommendation_todo,
            supervision_audit_text,
            supervision_documents,
            supervision_figures,
        )
