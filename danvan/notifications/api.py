"""The officer's notifications in the API (/api/v1/notifications)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from danvan.core.routing import app_router
from danvan.core.schemas import ErrorOut
from danvan.notifications import services
from danvan.notifications.models import Notification
from danvan.notifications.schemas import MarkedOut, NotificationOut, NotificationReadIn

router = Router(tags=["notifications"])


@router.get("/notifications", response=list[NotificationOut], summary="Thông báo của tôi")
@paginate
def notification_list(request: HttpRequest, unread: bool | None = None) -> object:
    mine = Notification.objects.filter(recipient_id=request.user.pk)
    if unread is not None:
        mine = mine.filter(read_at__isnull=unread)
    return mine


@router.post("/notifications/read", response={200: MarkedOut, 422: ErrorOut}, summary="Đánh dấu thông báo đã đọc")
def notification_read(request: HttpRequest, payload: NotificationReadIn) -> object:
    marked = services.mark_read(actor=request.user, notification_ids=payload.ids)
    return {"marked": marked}


api_router = app_router(router)  # the app's one router (core.routing)
