"""Reception's models moved out of ``cases`` without losing a row (migrations ``reception.0001`` and
``cases.0013``, decision 0013): the database is taken back to before the move, rows are written there with the
models of that time, then it is migrated forward and the rows are read with today's models, on SQLite and on
PostgreSQL. The content type of each model keeps its id (so its permissions and anything pointing at it follow)
under the new app label."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conftest import ensure_units
from danvan.cases.models import Case
from danvan.reception.models import ReceptionSession, Visit

BEFORE_THE_MOVE = [("reception", None)]  # every reception migration (and what depends on them) unapplied
DAY = dt.date(2026, 11, 16)


def _migrate(targets):
    """Migrate to ``targets`` and return the models as they were there."""
    executor = MigrationExecutor(connection)
    state = executor.migrate(targets)
    return state.apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _write_before_the_move(apps) -> dict[str, int]:
    unit = apps.get_model("core", "AdministrativeUnit").objects.get(code="22081", tree="current")
    field = apps.get_model("cases", "Field").objects.get(code="dat-dai")
    ground = apps.get_model("cases", "RefusalGround").objects.filter(scope="reception").order_by("pk").first()
    session = apps.get_model("cases", "ReceptionSession").objects.create(
        unit=unit,
        unit_path=unit.path,
        kind="periodic",
        host_role="commune_chairman",
        host_name="Võ Thị Giang",
        held_on=DAY,
        status="held",
    )
    visit_model = apps.get_model("cases", "Visit")
    visit = visit_model.objects.create(
        unit=unit,
        unit_path=unit.path,
        session=session,
        visited_on=DAY,
        persons=6,
        is_group=True,
        kind="recommendation",
        summary="Đề nghị sửa đường liên thôn",
        visitor_name="Nguyễn Văn An",
    )
    apps.get_model("cases", "VisitPerson").objects.create(
        visit=visit, full_name="Nguyễn Văn An", is_representative=True
    )
    refused = visit_model.objects.create(
        unit=unit,
        unit_path=unit.path,
        visited_on=DAY,
        kind="complaint",
        summary="Việc đã giải quyết đúng pháp luật",
        is_refused=True,
        refusal_ground=ground,
    )
    case = apps.get_model("cases", "Case").objects.create(
        code="22081-2026-90001",
        unit=unit,
        unit_path=unit.path,
        province_code=unit.path[:2],
        kind="recommendation",
        channel="in_person",
        field=field,
        title="Sửa đường liên thôn",
        summary="Đề nghị sửa đường liên thôn",
        received_on=DAY,
        visit=visit,
        status="received",
    )
    content_type = apps.get_model("contenttypes", "ContentType").objects.get(app_label="cases", model="visit")
    return {
        "session": session.pk,
        "visit": visit.pk,
        "refused": refused.pk,
        "ground": ground.pk,
        "case": case.pk,
        "content_type": content_type.pk,
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_written_before_the_move_are_read_after_it(committed_audit_cleanup):
    ensure_units()  # an earlier transactional test may have emptied the tree
    try:
        ids = _write_before_the_move(_migrate(BEFORE_THE_MOVE))
    finally:
        _migrate(_latest())
    ContentType.objects.clear_cache()

    visit = Visit.objects.select_related("session", "refusal_ground").get(pk=ids["visit"])
    session = visit.session
    assert session is not None
    assert (session.pk, session.host_name, visit.persons, visit.is_group) == (ids["session"], "Võ Thị Giang", 6, True)
    assert [(p.full_name, p.is_representative) for p in visit.people.all()] == [("Nguyễn Văn An", True)]
    assert [case.code for case in visit.cases.all()] == ["22081-2026-90001"]
    assert Case.objects.get(pk=ids["case"]).visit_id == visit.pk
    assert Visit.objects.get(pk=ids["refused"]).refusal_ground_id == ids["ground"]
    assert list(ReceptionSession.objects.get(pk=ids["session"]).visits.values_list("pk", flat=True)) == [visit.pk]

    # The content type kept its id under the new label; its permissions came along.
    content_type = ContentType.objects.get_for_model(Visit)
    assert (content_type.pk, content_type.app_label) == (ids["content_type"], "reception")
    assert not ContentType.objects.filter(app_label="cases", model__in=["visit", "receptionsession", "visitperson"])
    assert Permission.objects.get(codename="view_visit").content_type_id == ids["content_type"]

    # The table's sequence carries on after the rows written before the move.
    later = Visit.objects.create(
        unit=visit.unit, unit_path=visit.unit_path, visited_on=DAY, kind="feedback", summary="Phản ánh"
    )
    assert later.pk > ids["refused"]
