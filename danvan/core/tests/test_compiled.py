"""core.compiled: a query built once, run with each call's values in its slots (issue 15)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import BigIntegerField, Count, Exists, OuterRef, Q
from django.utils import timezone

from danvan.core import compiled
from danvan.core.compiled import Slot, date_slot, datetime_slot, text_slot
from danvan.core.models import AdministrativeUnit, Organization, UnitTree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    compiled.forget()
    yield
    compiled.forget()


def _provinces_from(code: str):
    return compiled.rows(
        AdministrativeUnit,
        "test.provinces",
        lambda: (
            AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=1, code__gte=text_slot("code"))
            .values("tree")
            .annotate(n=Count("id"), named=Count("id", filter=Q(name__gte=text_slot("code"))))
            .order_by()
        ),
        {"code": code},
    )


def test_built_once_and_run_with_each_calls_values(django_assert_num_queries):
    everything = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=1)
    first = _provinces_from("01")
    assert first == [{"tree": UnitTree.CURRENT, "n": everything.count(), "named": everything.count()}]
    with django_assert_num_queries(1):
        later = _provinces_from("50")
    assert later[0]["n"] == everything.filter(code__gte="50").count() < first[0]["n"]


def test_dates_and_instants_are_adapted_as_the_orm_adapts_them(cast):
    """Instants (aware, compared in UTC on SQLite's text) and local dates in slots count as in an ORM filter."""
    now = timezone.now()

    def count(since: dt.datetime, day: dt.date) -> tuple[int, int]:
        rows = compiled.rows(
            AdministrativeUnit,
            "test.units",
            lambda: compiled.total(
                AdministrativeUnit.objects.filter(created_at__gte=datetime_slot("since")),
                {"n": Count("id"), "by_day": Count("id", filter=Q(created_at__date__lte=date_slot("day")))},
            ),
            {"since": since, "day": day},
        )
        return (rows[0]["n"], rows[0]["by_day"]) if rows else (0, 0)

    for since, day in [
        (now - dt.timedelta(days=1), timezone.localdate()),
        (now - dt.timedelta(days=1), timezone.localdate() - dt.timedelta(days=1)),
        (now + dt.timedelta(hours=1), timezone.localdate()),
    ]:
        orm = AdministrativeUnit.objects.filter(created_at__gte=since)
        assert count(since, day) == (orm.count(), orm.filter(created_at__date__lte=day).count())
    assert count(now - dt.timedelta(days=1), timezone.localdate())[0] > 0


def test_a_filter_that_matches_nothing_gives_no_row_and_the_cache_is_bounded(monkeypatch):
    assert compiled.rows(AdministrativeUnit, "test.none", lambda: compiled.total(
        AdministrativeUnit.objects.filter(pk__in=[]), {"n": Count("id")}), {}) == []  # fmt: skip
    monkeypatch.setattr(compiled, "MAX_QUERIES", 2)
    for key in ("a", "b", "c"):
        compiled.rows(AdministrativeUnit, key, lambda: compiled.total(AdministrativeUnit.objects.all(),
                                                                      {"n": Count("id")}), {})  # fmt: skip
    assert len(compiled._compiled) == 2


def test_under_the_tests_a_key_that_misses_a_literal_is_caught():
    """A builder that writes a call's value into its SQL without naming it in the key would reuse another
    call's query; the tests rebuild on every reuse and refuse the difference."""

    def units_of(code: str):
        return compiled.rows(
            AdministrativeUnit,
            "test.careless",  # the key should hold ``code``
            lambda: compiled.total(
                AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=code), {"n": Count("id")}
            ),
            {},
        )

    assert units_of("01")[0]["n"] == 1
    with pytest.raises(compiled.StaleCompiledQuery, match=r"test\.careless"):
        units_of("79")


def _first_and_last_provinces(count: int, above: str):
    """The ``count`` first provinces from code ``above`` and the ``count`` last ones, in one statement."""

    def union(alias: str):
        provinces = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=1, code__gt=text_slot("above"))
        return compiled.union_sql(
            [
                provinces.order_by("code").values("code", "name")[:count],
                AdministrativeUnit.objects.filter(pk__in=[]).values("code", "name"),  # matches nothing: left out
                provinces.order_by("-code").values("code", "name")[:count],
            ],
            alias,
        )

    return compiled.statement_rows(AdministrativeUnit, ("test.ends", count), union, {"above": above})


def test_a_union_keeps_each_querys_order_and_limit_in_one_statement(django_assert_num_queries):
    """SQLite refuses ORDER BY and LIMIT in a bare member of a compound SELECT: each member is a subquery."""
    provinces = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=1)
    codes = sorted(provinces.values_list("code", flat=True))
    _first_and_last_provinces(2, "")
    with django_assert_num_queries(1):
        found = _first_and_last_provinces(2, "01")
    assert sorted(row["code"] for row in found) == sorted([*codes[1:3], *codes[-2:]])
    assert {row["name"] for row in found} == set(provinces.filter(code__in=[*codes[1:3], *codes[-2:]]).values_list(
        "name", flat=True))  # fmt: skip
    assert compiled.statement_rows(AdministrativeUnit, "test.nothing", lambda alias: compiled.union_sql(
        [AdministrativeUnit.objects.filter(pk__in=[]).values("code")], alias), {}) == []  # fmt: skip


def _organizations(unit_id: int):
    return compiled.instances(
        Organization,
        "test.organizations",
        lambda: (
            Organization.objects.filter(unit_id=Slot("unit", BigIntegerField()), is_active=True)
            .select_related("kind", "unit")
            .annotate(named=Exists(Organization.objects.filter(pk=OuterRef("pk"), name__gte="U")))
        ),
        {"unit": unit_id},
    )


def test_instances_are_the_orms_with_related_rows_annotations_and_converted_values(cast, django_assert_num_queries):
    """A look-up compiled once gives what the ORM gives: the same rows in the same order, the related rows of
    ``select_related`` in place, annotations, and values converted (SQLite's booleans, decimals and instants)."""
    for unit in (cast.dong_xuan, cast.buon_ma_thuot):
        orm = list(
            Organization.objects.filter(unit_id=unit.pk, is_active=True)
            .select_related("kind", "unit")
            .annotate(named=Exists(Organization.objects.filter(pk=OuterRef("pk"), name__gte="U")))
        )
        with django_assert_num_queries(1):
            ours = _organizations(unit.pk)
            assert [o.kind.code for o in ours] == [o.kind.code for o in orm]
            assert [o.unit.latitude for o in ours] == [o.unit.latitude for o in orm]
        assert orm and [o.pk for o in ours] == [o.pk for o in orm]
        seen = [(o.is_active, o.created_at, o.named) for o in ours]
        assert seen == [(o.is_active, o.created_at, o.named) for o in orm]
        assert isinstance(ours[0].unit.latitude, Decimal) and ours[0].is_active is True
        assert ours[0]._state.db == "default" and not ours[0]._state.adding


def test_instances_of_only_some_columns_defer_the_rest(cast):
    found = compiled.instances(
        AdministrativeUnit,
        "test.unit_code",
        lambda: AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=text_slot("code")).only("code")[:1],
        {"code": cast.dong_xuan.code},
    )
    assert [unit.pk for unit in found] == [cast.dong_xuan.pk]
    assert found[0].get_deferred_fields() >= {"name", "path"} and found[0].name == cast.dong_xuan.name
    assert compiled.instances(AdministrativeUnit, "test.unit_code", lambda: AdministrativeUnit.objects.filter(
        tree=UnitTree.CURRENT, code=text_slot("code")).only("code")[:1], {"code": "nothing"}) == []  # fmt: skip


def test_under_the_tests_a_look_up_whose_key_misses_a_literal_is_caught():
    def unit_of(code: str):
        return compiled.instances(
            AdministrativeUnit, "test.careless_unit", lambda: AdministrativeUnit.objects.filter(code=code)[:1], {}
        )

    assert unit_of("01")
    with pytest.raises(compiled.StaleCompiledQuery, match=r"test\.careless_unit"):
        unit_of("79")


def test_insert_saves_a_new_row_as_save_does(cast):
    """``compiled.insert`` writes what ``save()`` writes (``auto_now_add``, JSON, foreign keys), reads the primary
    key back and sends the same signals; an instance already saved is refused."""
    from django.db.models.signals import post_save, pre_save

    from danvan.core.models import AuditEntry

    seen: list[tuple[str, int | None, bool]] = []

    def before(sender, instance, **kwargs):
        seen.append(("pre", instance.pk, instance._state.adding))

    def after(sender, instance, created, **kwargs):
        seen.append(("post", instance.pk, created))

    def entry() -> AuditEntry:
        unit = cast.dong_xuan
        return AuditEntry(action="test.inserted", object_type="core.unit", object_id=str(unit.pk), unit=unit,
                          unit_path=unit.path, changes={"name": [unit.name, None]}, ip_address="10.0.0.1")  # fmt: skip

    pre_save.connect(before, sender=AuditEntry)
    post_save.connect(after, sender=AuditEntry)
    try:
        ours = compiled.insert(entry())
        theirs = entry()
        theirs.save()
    finally:
        pre_save.disconnect(before, sender=AuditEntry)
        post_save.disconnect(after, sender=AuditEntry)
    assert ours.pk and not ours._state.adding and ours._state.db == "default"
    assert seen == [("pre", None, True), ("post", ours.pk, True), ("pre", None, True), ("post", theirs.pk, True)]
    columns = [f.attname for f in AuditEntry._meta.concrete_fields if f.attname not in ("id", "at")]
    stored = AuditEntry.objects.get(pk=ours.pk)
    assert stored.at == ours.at and stored.at is not None
    assert AuditEntry.objects.filter(pk=ours.pk).values(*columns).get() == (
        AuditEntry.objects.filter(pk=theirs.pk).values(*columns).get()
    )
    with pytest.raises(AssertionError, match="new row"):
        compiled.insert(stored)
