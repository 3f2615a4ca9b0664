"""Pages of plans and tasks, under /backoffice/reporting/plans/ (namespace ``reporting``, names ``plan_…``)."""

from django.urls import URLPattern, path

from danvan.reporting import plan_views as views

urlpatterns: list[URLPattern] = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("my-tasks/", views.plan_tasks_mine, name="plan_tasks_mine"),
    path("<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/tasks/", views.plan_task_add, name="plan_task_add"),
    path("<int:plan_id>/issue/", views.plan_issue, name="plan_issue"),
    path("<int:plan_id>/close/", views.plan_close, name="plan_close"),
    path("<int:plan_id>/attachments/", views.plan_attach, name="plan_attach"),
    path("<int:plan_id>/export.xlsx", views.plan_export, name="plan_export"),
    path("tasks/<int:task_id>/edit/", views.plan_task_edit, name="plan_task_edit"),
    path("targets/<int:target_id>/", views.plan_progress, name="plan_progress"),
    path("files/<int:attachment_id>/", views.plan_file, name="plan_file"),
]
