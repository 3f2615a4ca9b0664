"""Statistics of the registry: every figure, the period before, legacy communes, access, query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import organization
from danvan.accounts.access import scope_for
from danvan.core.errors import DomainError
from danvan.core.models import UnitSuccession, UnitTree
from danvan.core.periods import Period, change_percent, period_from
from danvan.initiatives.models import (
    CommendationKind,
    Field,
    HonoreeType,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
    Transition,
)
from danvan.initiatives.services import FundingLine, commendation_add, initiative_register
from danvan.initiatives.statistics import Comparison, initiative_statistics

pytestmark = pytest.mark.django_db

API = "/api/v1/initiatives/statistics"
YEAR_2026 = Period.year(2026)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


def make(
    cast: Any,
    *,
    at: Any = None,
    level: str = InitiativeLevel.COMMUNE,
    field: str = "economy",
    kind: str = InitiativeKind.MODEL,
    status: str = InitiativeStatus.IMPLEMENTING,
    registered_on: dt.date | None = None,
    recognized_on: dt.date | None = None,
    funds: int = 0,
    origin: Initiative | None = None,
    name: str = "Mô hình",
) -> Initiative:
    """An initiative registered through the service, then dated as a test needs (there is no service for the past)."""
    where = at or cast.dong_xuan
    home = where if where.is_current else cast.dong_xuan
    initiative = initiative_register(
        actor=cast.alice if home == cast.dong_xuan else None,  # elsewhere as a command would (alice is not there)
        unit=home,
        organization=organization(home.code),
        kind=kind,
        name=name,
        field=Field.objects.get(code=field),
        level=level,
        year=(registered_on or dt.date(2026, 1, 1)).year,
        honoree_type=HonoreeType.COLLECTIVE if kind == InitiativeKind.EXEMPLAR else "",
        honoree_name="Chi hội Phụ nữ thôn 3" if kind == InitiativeKind.EXEMPLAR else "",
        fundings=[FundingLine("Ngân sách xã", funds)] if funds else [],
        origin=origin,
    )
    Initiative.objects.filter(pk=initiative.pk).update(
        unit=where,
        unit_path=where.path,
        province_code=where.province_code,
        status=status,
        registered_on=registered_on,
        recognized_on=recognized_on,
        recognized_year=recognized_on.year if recognized_on else None,
    )
    initiative.refresh_from_db()
    return initiative


@pytest.fixture
def la_hai(cast):
    """Thị trấn La Hai (legacy, until 30/6/2025), merged into Xã Đồng Xuân."""
    legacy = unit_named("La Hai")
    assert UnitSuccession.objects.filter(predecessor=legacy, successor=cast.dong_xuan, is_primary=True).exists()
    return legacy


def unit_named(name: str):
    from danvan.core.models import AdministrativeUnit

    return AdministrativeUnit.objects.get(tree=UnitTree.LEGACY, level=3, name__endswith=name, province_code="54")


@pytest.fixture
def registry(cast, la_hai):
    """Xã Đồng Xuân in 2026 and 2025, a replication in Phường Buôn Ma Thuột, a model in Hà Nội (outside)."""
    commune = make(
        cast, registered_on=dt.date(2026, 2, 10), field="culture_society", funds=10_500_000, name="Đường hoa"
    )
    recognized = make(
        cast,
        level=InitiativeLevel.VILLAGE,
        kind=InitiativeKind.EXEMPLAR,
        status=InitiativeStatus.RECOGNIZED,
        registered_on=dt.date(2026, 3, 1),
        recognized_on=dt.date(2026, 11, 15),
        funds=2_000_000,
        name="Chi hội điển hình",
    )
    legacy = make(
        cast,
        at=la_hai,
        status=InitiativeStatus.MAINTAINED,
        registered_on=dt.date(2025, 4, 1),
        recognized_on=dt.date(2025, 11, 20),
        funds=3_000_000,
        name="Camera an ninh La Hai",
    )
    make(cast, status=InitiativeStatus.NOT_RECOGNIZED, registered_on=dt.date(2025, 6, 1), funds=4_000_000)
    make(cast, status=InitiativeStatus.DISCONTINUED, registered_on=dt.date(2025, 8, 1), funds=1_000_000)
    make(cast, status=InitiativeStatus.DRAFT, registered_on=None, funds=9_000_000, name="Chưa trình")
    old = make(
        cast,
        status=InitiativeStatus.RECOGNIZED,
        registered_on=dt.date(2024, 3, 1),
        recognized_on=dt.date(2024, 11, 1),
        name="Vườn mẫu",
    )
    step = Transition.objects.create(
        initiative=old, action="maintain", from_status="recognized", to_status="maintained"
    )
    Transition.objects.filter(pk=step.pk).update(at=dt.datetime(2026, 1, 15, 3, 0, tzinfo=dt.UTC))
    make(cast, at=cast.buon_ma_thuot, registered_on=dt.date(2026, 5, 5), origin=recognized, name="Nhân rộng")
    make(cast, at=cast.ba_dinh, registered_on=dt.date(2026, 4, 4), funds=50_000_000, name="Hà Nội")
    board = organization("22081")
    for recipient_type, awarded_on, amount in [
        (HonoreeType.COLLECTIVE, dt.date(2026, 11, 18), 1_000_000),
        (HonoreeType.INDIVIDUAL, dt.date(2026, 11, 18), 500_000),
    ]:
        commendation_add(
            actor=cast.carol,
            initiative=recognized,
            kind=CommendationKind.CERTIFICATE,
            recipient_type=recipient_type,
            recipient_name="Chi hội Phụ nữ thôn 3",
            awarded_by=board,
            awarded_on=awarded_on,
            amount=amount,
        )
    commendation_add(
        actor=cast.carol,
        initiative=legacy,
        kind=CommendationKind.MERIT,
        recipient_type=HonoreeType.INDIVIDUAL,
        recipient_name="Nguyễn Văn An",
        awarded_by=board,
        awarded_on=dt.date(2025, 12, 1),
    )
    return {"commune": commune, "recognized": recognized, "legacy": legacy}


# --- Periods --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        (Period.year(2026), Period.year(2025)),
        (Period.half(2026, 1), Period.half(2025, 2)),
        (Period.half(2026, 2), Period.half(2026, 1)),
        (Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
        (Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30)), Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
        (Period(dt.date(2026, 3, 10), dt.date(2026, 3, 19)), Period(dt.date(2026, 2, 28), dt.date(2026, 3, 9))),
    ],
)
def test_previous_period_has_the_same_length_just_before(period, previous):
    assert period.previous() == previous


@pytest.mark.parametrize(
    ("current", "previous", "change", "text"),
    [
        (149, 200, Decimal("-25.5"), "giảm 25,5%"),
        (9, 8, Decimal("12.5"), "tăng 12,5%"),
        (5, 5, Decimal("0.0"), "không đổi"),
        (3, 0, None, ""),
    ],
)
def test_change_in_percent(current, previous, change, text):
    assert change_percent(current, previous) == change
    assert Comparison("registered", "", current, previous, change).change_text == text


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"year": 1999}, "invalid_period"),
        ({"year": 2026, "half": 3}, "invalid_period"),
        ({"start": dt.date(2026, 1, 1)}, "invalid_period"),
        ({"start": dt.date(2026, 5, 1), "end": dt.date(2026, 4, 1)}, "invalid_period"),
        ({"start": dt.date(2020, 1, 1), "end": dt.date(2026, 4, 1)}, "invalid_period"),
    ],
)
def test_bad_periods_are_refused(params, code):
    with pytest.raises(DomainError) as error:
        period_from(**params)
    assert error.value.code == code and error.value.status == 422


def test_no_period_means_this_year():
    assert period_from() == Period.year(2026)


# --- Figures --------------------------------------------------------------------------------------------------------


def test_every_figure_of_the_commune_and_the_year_before(cast, registry):
    stats = initiative_statistics(unit=cast.dong_xuan, period=YEAR_2026)
    assert stats.previous_period == Period.year(2025)
    current, previous = stats.current, stats.previous
    assert (current.registered, previous.registered) == (2, 3)  # the draft and the other units do not count
    assert (current.recognized, previous.recognized) == (1, 1)  # 2025: the legacy La Hai model
    assert (current.maintained, previous.maintained) == (2, 1)  # a "maintain" step in 2026; La Hai maintained
    assert (current.commended_collectives, current.commended_individuals) == (1, 1)
    assert (previous.commended_collectives, previous.commended_individuals) == (0, 1)
    assert (current.commendation_amount, previous.commendation_amount) == (1_500_000, 0)
    assert (current.replicated, previous.replicated) == (0, 0)
    assert (current.funds_total, previous.funds_total) == (12_500_000, 8_000_000)
    registered = next(c for c in stats.comparisons if c.name == "registered")
    assert registered.change == Decimal("-33.3") and registered.change_text == "giảm 33,3%"


def test_breakdowns_by_level_field_kind_status_and_organization(cast, registry):
    stats = initiative_statistics(unit=cast.dong_xuan, period=YEAR_2026)
    assert [(r.key, r.registered, r.registered_previous) for r in stats.by_level] == [
        ("commune", 1, 3),
        ("village", 1, 0),
    ]
    by_field = {r.key: (r.registered, r.registered_previous) for r in stats.by_field}
    assert by_field == {"culture_society": (1, 0), "economy": (1, 3)}
    assert {r.key: r.registered for r in stats.by_kind} == {"model": 1, "exemplar": 1}
    by_status = {r.key: (r.registered, r.registered_previous, r.recognized) for r in stats.by_status}
    assert by_status["recognized"] == (1, 0, 1)
    assert by_status["implementing"] == (1, 0, 0)
    assert by_status["maintained"] == (0, 1, 0)
    (committee,) = stats.by_organization_kind
    assert committee.key == "peoples_committee" and committee.registered == 2 and committee.funds_total == 12_500_000


def test_legacy_commune_counts_for_its_successor_and_the_province(cast, registry, la_hai):
    legacy_2025 = Period.year(2025)
    assert initiative_statistics(unit=la_hai, period=legacy_2025).current.registered == 1
    assert initiative_statistics(unit=cast.dong_xuan, period=legacy_2025).current.registered == 3
    assert initiative_statistics(unit=cast.dak_lak, period=legacy_2025).current.registered == 3


def test_the_province_adds_up_its_communes(cast, registry):
    stats = initiative_statistics(unit=cast.dak_lak, period=YEAR_2026)
    assert stats.current.registered == 3  # two in Đồng Xuân, the replication in Buôn Ma Thuột; not Hà Nội's
    assert stats.current.replicated == 1
    assert stats.current.funds_total == 12_500_000
    assert stats.previous.registered == 3
    assert initiative_statistics(unit=cast.buon_ma_thuot, period=YEAR_2026).current.registered == 1


def test_a_scope_narrows_the_count(cast, registry):
    stats = initiative_statistics(unit=cast.dak_lak, period=YEAR_2026, scope=scope_for(cast.bob))
    assert stats.current.registered == 1


def test_a_half_year_and_dates(cast, registry):
    first_half = initiative_statistics(unit=cast.dong_xuan, period=Period.half(2026, 1))
    assert first_half.previous_period == Period.half(2025, 2)
    assert (first_half.current.registered, first_half.previous.registered) == (2, 1)
    march = initiative_statistics(unit=cast.dong_xuan, period=Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    assert (march.current.registered, march.previous.registered) == (1, 1)


def test_query_count_is_bounded(cast, registry, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        initiative_statistics(unit=cast.dak_lak, period=YEAR_2026)
    with django_assert_max_num_queries(3):
        initiative_statistics(unit=cast.dong_xuan, period=Period.half(2026, 2))


def test_the_sql_is_built_once_per_subtree_and_every_period_counts_as_a_fresh_build(
    cast, registry, django_assert_num_queries
):
    """Issue 15: both aggregates are compiled once per subtree (``core.compiled``) and run with each period's dates:
    three queries (the legacy predecessors, the grouped initiatives, the commendations), figures and breakdowns as
    if built afresh; an officer's scope is built each time and counts as before."""
    from danvan.core import compiled

    periods = [YEAR_2026, Period.half(2026, 1), Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), Period.year(2025)]
    fresh = []
    for period in periods:
        compiled.forget()
        fresh.append(initiative_statistics(unit=cast.dong_xuan, period=period))
    for period, expected in zip(periods, fresh, strict=True):
        with django_assert_num_queries(3):
            again = initiative_statistics(unit=cast.dong_xuan, period=period)
        assert (again.current, again.previous) == (expected.current, expected.previous)
        assert again.breakdowns == expected.breakdowns
    assert [stats.current.registered for stats in fresh] == [2, 2, 1, 3]
    scope = scope_for(cast.bob)
    with django_assert_num_queries(3):
        narrowed = initiative_statistics(unit=cast.dak_lak, period=YEAR_2026, scope=scope)
    assert narrowed.current.registered == 1


# --- Page -----------------------------------------------------------------------------------------------------------


def page(**params: Any) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("initiatives:initiative_statistics") + (f"?{query}" if query else "")


def test_page_shows_the_officers_commune_by_default(client, cast, registry):
    client.force_login(cast.alice)
    response = client.get(page())
    assert response.status_code == 200
    assert response.context["unit"] == cast.dong_xuan
    assert response.context["stats"].current.registered == 2
    html = response.content.decode()
    assert "Năm 2026" in html and "giảm 33,3%" in html and "12.500.000" in html


def test_alice_sees_her_commune_but_not_the_province(client, cast, registry):
    client.force_login(cast.alice)
    assert client.get(page(unit=cast.dong_xuan.pk, year=2025)).status_code == 200
    assert client.get(page(unit=cast.dak_lak.pk)).status_code == 404
    assert client.get(page(unit=999_999_999)).status_code == 404


def test_carol_sees_the_province_by_half_year_and_by_dates(client, cast, registry, django_assert_max_num_queries):
    client.force_login(cast.carol)
    with django_assert_max_num_queries(12):
        response = client.get(page(unit=cast.dak_lak.pk, year=2026, half=1))
    assert response.status_code == 200 and response.context["stats"].current.registered == 3
    response = client.get(page(unit=cast.dak_lak.pk, start="01/03/2026", end="31/03/2026"))
    assert response.context["stats"].current.registered == 1
    response = client.get(page(unit=cast.dak_lak.pk, start="01/03/2026"))
    assert response.context["stats"] is None and "Hãy nhập cả ngày bắt đầu" in response.content.decode()


def test_page_needs_a_login(client, cast):
    assert client.get(page()).status_code == 302


# --- API ------------------------------------------------------------------------------------------------------------


def test_api_returns_current_previous_and_change(client, cast, registry):
    client.force_login(cast.alice)
    response = client.get(API, {"unit": cast.dong_xuan.pk, "year": 2026})
    assert response.status_code == 200
    body = response.json()
    assert body["unit"]["code"] == "22081"
    assert body["period"] == {"start": "2026-01-01", "end": "2026-12-31", "label": "Năm 2026"}
    assert body["previous_period"]["start"] == "2025-01-01"
    assert body["current"]["registered"] == 2 and body["previous"]["registered"] == 3
    assert body["current"]["commended_collectives"] == 1 and body["current"]["funds_total"] == 12_500_000
    assert body["change"]["registered"] == -33.3 and body["change"]["replicated"] is None
    assert [row["key"] for row in body["breakdowns"]["level"]] == ["commune", "village"]


def test_api_by_half_year_and_by_dates(client, cast, registry):
    client.force_login(cast.carol)
    half = client.get(API, {"unit": cast.dak_lak.pk, "year": 2026, "half": 2}).json()
    assert half["period"]["label"] == "6 tháng cuối năm 2026" and half["current"]["registered"] == 0
    assert half["previous"]["registered"] == 3
    dates = client.get(API, {"unit": cast.dak_lak.pk, "start": "2026-03-01", "end": "2026-03-31"}).json()
    assert dates["current"]["registered"] == 1


def test_api_hides_units_outside_the_scope(client, cast, registry):
    client.force_login(cast.alice)
    response = client.get(API, {"unit": cast.dak_lak.pk, "year": 2026})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found" and response.json()["message"]
    client.force_login(cast.frank)
    assert client.get(API, {"unit": cast.dong_xuan.pk}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"year": "abc"}, {"year": 2026, "half": 3}, {"start": "2026-01-01"}, {"start": "2026-13-01", "end": "2026-12-31"}],
)
def test_api_refuses_bad_input(client, cast, params):
    client.force_login(cast.carol)
    response = client.get(API, {"unit": cast.dak_lak.pk, **params})
    assert response.status_code == 422
    assert set(response.json()) >= {"code", "message"}


def test_api_needs_authentication(client, cast):
    assert client.get(API, {"unit": cast.dak_lak.pk}).status_code == 401


def test_api_query_count(client, cast, registry, django_assert_max_num_queries):
    client.force_login(cast.carol)
    with django_assert_max_num_queries(10):
        assert client.get(API, {"unit": cast.dak_lak.pk, "year": 2026}).status_code == 200
    assert timezone.localdate() == dt.date(2026, 11, 20)
