"""Back-office pages of the feedback channel under /backoffice/feedback/ (the inbox and a report's page with its
triage actions)."""

from django.urls import path

from danvan.feedback import officer_views as views

app_name = "feedback_officer"
urlpatterns: list = [
    path("", views.inbox, name="inbox"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/photos/<int:photo_id>/", views.photo, name="photo"),
    path("<int:report_id>/accept/", views.accept, name="accept"),
    path("<int:report_id>/refuse/", views.refuse, name="refuse"),
    path("<int:report_id>/merge/", views.merge, name="merge"),
    path("<int:report_id>/transfer/", views.transfer, name="transfer"),
    path("<int:report_id>/assign/", views.assign, name="assign"),
    path("<int:report_id>/request-info/", views.request_info, name="request_info"),
    path("<int:report_id>/answer/", views.answer, name="answer"),
    path("<int:report_id>/note/", views.note, name="note"),
    path("<int:report_id>/close/", views.close, name="close"),
    path("<int:report_id>/hide/", views.hide, name="hide"),
    path("<int:report_id>/show/", views.show, name="show"),
    path("<int:report_id>/moderate/", views.moderate, name="moderate"),
    path(
        "<int:report_id>/moderations/<int:moderation_id>/revert/",
        views.moderation_revert,
        name="moderation_revert",
    ),
]
