from django.urls import include, path

from danvan.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("new/", views.initiative_create, name="create"),
    path("<int:initiative_id>/", views.initiative_detail, name="detail"),
    path("<int:initiative_id>/edit/", views.initiative_edit, name="edit"),
    path("<int:initiative_id>/delete/", views.initiative_delete, name="delete"),
    path("<int:initiative_id>/transition/", views.initiative_transition, name="transition"),
    path("<int:initiative_id>/progress/", views.progress_add, name="progress"),
    path("<int:initiative_id>/self-assessment/", views.self_assess, name="self_assess"),
    path("<int:initiative_id>/scores/", views.initiative_score, name="score"),
    path("<int:initiative_id>/evaluation/close/", views.evaluation_close, name="evaluation_close"),
    path("<int:initiative_id>/recognize/", views.recognize, name="recognize"),
    path("<int:initiative_id>/commend/", views.commend, name="commend"),
    path("<int:initiative_id>/publish/", views.publish, name="publish"),
    path("<int:initiative_id>/replicate/", views.replicate, name="replicate"),
    path("", include("danvan.initiatives.import_urls")),
    path("", include("danvan.initiatives.statistics_urls")),
    path("", include("danvan.initiatives.document_urls")),
]
