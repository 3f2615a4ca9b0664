"""Pages of People's Inspection Boards and Community Investment Supervision Boards (Luật 10/2022/QH15 Art. 36–45; NĐ 59/2023 Art. 12–19).

``urlpatterns`` are officers' pages (namespace ``democracy``); ``public_urlpatterns`` citizens' pages (namespace
``democracy_public``): none yet — the boards' recommendations reach citizens through the tracker's public page."""

from __future__ import annotations

from django.urls import URLPattern, path

from danvan.democracy import board_views as views

urlpatterns: list[URLPattern] = [
    path("boards/", views.board_list, name="boards"),
    path("boards/new/", views.board_create, name="board_create"),
    path("boards/<int:board_id>/", views.board_detail, name="board_detail"),
    path("boards/<int:board_id>/members/", views.board_member_add, name="board_member_add"),
    path("boards/<int:board_id>/members/<int:member_id>/leave/", views.board_member_leave, name="board_member_leave"),
    path("boards/<int:board_id>/plans/", views.board_plan_add, name="board_plan_add"),
    path("boards/<int:board_id>/sessions/", views.board_session_add, name="board_session_add"),
    path("boards/<int:board_id>/dissolve/", views.board_dissolve, name="board_dissolve"),
    path("board-sessions/<int:board_session_id>/", views.board_session_detail, name="board_session_detail"),
    path("board-sessions/<int:board_session_id>/record/", views.board_session_record, name="board_session_record"),
    path(
        "board-sessions/<int:board_session_id>/recommendations/",
        views.board_session_recommend,
        name="board_session_recommend",
    ),
    path("board-projects/", views.board_project_list, name="board_projects"),
    path("board-projects/new/", views.board_project_create, name="board_project_create"),
    path("board-projects/<int:project_id>/", views.board_project_detail, name="board_project_detail"),
    path("board-projects/<int:project_id>/edit/", views.board_project_edit, name="board_project_edit"),
    path("board-projects/<int:project_id>/handover/", views.board_project_handover, name="board_project_handover"),
]

public_urlpatterns: list[URLPattern] = []
