from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "danvan.feedback"
    label = "feedback"
    verbose_name = _("Phản ánh, kiến nghị của người dân")

    def ready(self) -> None:
        from danvan.core.rules import register_rule_codes
        from danvan.feedback import messages, ranking  # noqa: F401  (the outbox model; the ranking cache signal)

        register_rule_codes(
            "feedback.reopen_days",
            "feedback.nearby_radius_m",
            "feedback.max_photos",
            "feedback.rate_ip_per_hour",
            "feedback.rate_phone_per_day",
            "feedback.due_soon_warning",
            "feedback.ranking_min_reports",
        )
