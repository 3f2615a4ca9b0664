"""Pages of Dialogues of heads of bodies with their staff, and HĐND deputies' voter contacts.

``urlpatterns`` are officers' pages (namespace ``democracy``); ``public_urlpatterns`` citizens' pages (namespace
``democracy_public``): none here — the voters' recommendations reach the public through the tracker's page."""

from __future__ import annotations

from django.urls import URLPattern, path

from danvan.democracy import contact_views as views

urlpatterns: list[URLPattern] = [
    path("contacts/dialogues/", views.staff_dialogue_list, name="staff_dialogues"),
    path("contacts/dialogues.xlsx", views.staff_dialogue_xlsx, name="staff_dialogues_xlsx"),
    path("contacts/dialogues/new/", views.staff_dialogue_create, name="staff_dialogue_create"),
    path("contacts/dialogues/compliance/", views.staff_dialogue_compliance_page, name="staff_dialogue_compliance"),
    path("contacts/dialogues/<int:dialogue_id>/", views.staff_dialogue_detail, name="staff_dialogue_detail"),
    path("contacts/dialogues/<int:dialogue_id>/edit/", views.staff_dialogue_edit, name="staff_dialogue_edit"),
    path(
        "contacts/dialogues/<int:dialogue_id>/questions/",
        views.staff_dialogue_questions,
        name="staff_dialogue_questions",
    ),
    path("contacts/areas/", views.electoral_area_list, name="electoral_areas"),
    path("contacts/areas.xlsx", views.electoral_area_xlsx, name="electoral_areas_xlsx"),
    path("contacts/areas/new/", views.electoral_area_create, name="electoral_area_create"),
    path("contacts/areas/<int:area_id>/", views.electoral_area_detail, name="electoral_area_detail"),
    path("contacts/areas/<int:area_id>/edit/", views.electoral_area_edit, name="electoral_area_edit"),
    path("contacts/areas/<int:area_id>/contacts/", views.voter_contact_create, name="voter_contact_create"),
    path("contacts/voters/", views.voter_contact_list, name="voter_contacts"),
    path("contacts/voters.xlsx", views.voter_contact_xlsx, name="voter_contacts_xlsx"),
    path("contacts/voters/<int:contact_id>/", views.voter_contact_detail, name="voter_contact_detail"),
    path("contacts/voters/<int:contact_id>/record/", views.voter_contact_record, name="voter_contact_record"),
    path("contacts/voters/<int:contact_id>/cancel/", views.voter_contact_cancel, name="voter_contact_cancel"),
    path("contacts/voters/<int:contact_id>/questions/", views.voter_contact_questions, name="voter_contact_questions"),
    path(
        "contacts/voters/<int:contact_id>/recommendations.docx",
        views.voter_contact_docx,
        name="voter_contact_docx",
    ),
    path(
        "contacts/voters/<int:contact_id>/session-recommendations.docx",
        views.voter_contact_session_docx,
        name="voter_contact_session_docx",
    ),
]

public_urlpatterns: list[URLPattern] = []
