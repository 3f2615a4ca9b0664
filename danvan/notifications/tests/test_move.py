"""The Notification model moved from cases to notifications (issue 10): the table, its rows and its content type
survive the migration, and the rows written before it get the link the page used to compute."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

CASES_BEFORE = ("cases", "0012_submission_fingerprint")
BEFORE = [CASES_BEFORE, ("notifications", None)]
CASES_AFTER = ("cases", "0014_notification_moves_to_notifications")
AFTER = [CASES_AFTER]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_and_content_type_survive_the_move(committed_audit_cleanup, cast):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(CASES_BEFORE).apps
    ContentType = old.get_model("contenttypes", "ContentType")
    OldNotification = old.get_model("cases", "Notification")
    ContentType.objects.filter(app_label="notifications").delete()
    ContentType.objects.get_or_create(app_label="cases", model="notification")
    kept = OldNotification.objects.create(recipient_id=cast.alice.pk, kind="deadline_overdue", message="Một")
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        new = executor.loader.project_state(CASES_AFTER).apps
        row = new.get_model("notifications", "Notification").objects.get(pk=kept.pk)
        assert (row.recipient_id, row.kind, row.message) == (cast.alice.pk, "deadline_overdue", "Một")
        assert row.link == f"/backoffice/cases/?deadline=overdue&assignee={cast.alice.pk}"
        types = new.get_model("contenttypes", "ContentType").objects
        assert types.filter(app_label="notifications", model="notification").exists()
        assert not types.filter(app_label="cases", model="notification").exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
