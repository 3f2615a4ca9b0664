"""Pages of community decisions (dân bàn và quyết định, Art. 15–22): officers' pages (``urlpatterns``, namespace
``democracy``) and public pages (``public_urlpatterns``, namespace ``democracy_public``)."""

from django.urls import URLPattern, path

from danvan.democracy import decision_views as views

urlpatterns: list[URLPattern] = [
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:decision_id>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:decision_id>/announce/", views.decision_announce, name="decision_announce"),
    path("decisions/<int:decision_id>/ballots/", views.ballot_create, name="decision_ballot_create"),
    path("decisions/<int:decision_id>/meetings/", views.meeting_create, name="decision_meeting_create"),
    path("decisions/<int:decision_id>/online-consents/", views.online_consents, name="decision_online_consents"),
    path(
        "decisions/<int:decision_id>/ballots/<int:ballot_id>/correction/",
        views.ballot_correct,
        name="decision_ballot_correct",
    ),
    path("decisions/<int:decision_id>/publish/", views.decision_publish, name="decision_publish"),
    path("decisions/<int:decision_id>/close/", views.decision_close, name="decision_close"),
    path("decisions/<int:decision_id>/submit/", views.decision_submit, name="decision_submit"),
    path("decisions/<int:decision_id>/recognition/", views.decision_recognize, name="decision_recognize"),
    path("decisions/<int:decision_id>/record/<str:kind>.docx", views.decision_record, name="decision_record"),
]
public_urlpatterns: list[URLPattern] = [
    path("bieu-quyet/bien-nhan/", views.receipt_check, name="ballot_receipt"),
    path("xa/<int:unit_id>/quyet-dinh/", views.public_decision_list, name="decision_list"),
]
