# Issue 10: the Notification model moves to danvan.notifications. Its table, rows and content type (with its
# permissions) are kept; the rows written before get the link the notifications page used to compute.

from urllib.parse import urlencode

from django.db import migrations

CASE_DETAIL = "/backoffice/cases/{pk}/"
CASE_LIST = "/backoffice/cases/"


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label="cases", model="notification").first()
    if old is None:
        return
    if ContentType.objects.using(db).filter(app_label="notifications", model="notification").exists():
        return  # created already (e.g. by a migrate that stopped here): the old one is left for remove_stale
    old.app_label = "notifications"
    old.save(update_fields=["app_label"])


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="notifications", model="notification").update(app_label="cases")


def fill_links(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    db = schema_editor.connection.alias
    rows = Notification.objects.using(db).filter(link="")
    for row in rows.filter(case_id__isnull=False).only("pk", "case_id").iterator():
        Notification.objects.using(db).filter(pk=row.pk).update(link=CASE_DETAIL.format(pk=row.case_id))
    for row in rows.filter(case_id__isnull=True, kind__startswith="deadline_").only("pk", "kind", "recipient_id"):
        state = row.kind.removeprefix("deadline_")
        link = f"{CASE_LIST}?{urlencode({'deadline': state, 'assignee': row.recipient_id})}"
        Notification.objects.using(db).filter(pk=row.pk).update(link=link)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0013_reception_models_leave"),
        ("notifications", "0001_notification_from_cases_and_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.RunPython(fill_links, migrations.RunPython.noop),
    ]
