"""The officer's notifications page (/backoffice/notifications/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.pagination import ListPaginator
from danvan.core.params import positive_int
from danvan.notifications import services
from danvan.notifications.models import Notification

PAGE_SIZE = 25


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.filter(recipient_id=request.user.pk)
    page = ListPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    unread = Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True).count()
    return render(
        request, "notifications/list.html", {"page": page, "unread": unread, "rows": [(n, n.link) for n in page]}
    )


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    ids = [number for value in request.POST.getlist("notification") if (number := positive_int(value))]
    count = services.mark_read(actor=request.user, notification_ids=ids or None)
    if count:
        messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return redirect("notifications:list")
