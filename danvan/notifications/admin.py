"""Admin for system administrators: the e-mail outbox (what was sent, what waits, what failed), read-only, with
one action — give failed e-mails another round of attempts. Notifications themselves are the officers' own."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.notifications import services
from danvan.notifications.models import EmailOutbox


@admin.register(EmailOutbox)
class EmailOutboxAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "recipient", "state", "attempts", "next_attempt_at", "sent_at", "last_error"]
    list_filter = ["state", "kind"]
    actions = ["retry_failed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Gửi lại các thư gửi không được"))
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[EmailOutbox]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        count = services.retry_failed(ids=ids)
        services.enqueue_delivery(ids)
        self.message_user(request, _("Đã đưa %(n)s thư vào hàng gửi lại.") % {"n": count}, messages.SUCCESS)
