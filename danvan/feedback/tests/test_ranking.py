"""The public ranking: communes of a province or provinces of the country, by on-time rate then satisfaction,
ties sharing a rank in Vietnamese alphabetical order, a threshold from the rules, one grouped query."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit, LegalRule, UnitLevel, UnitTree
from danvan.core.periods import Period, period_of_year
from danvan.demo.feedback import at, report_with_outcome
from danvan.feedback.models import Report, ReportState
from danvan.feedback.ranking import UnitRank, feedback_ranking, rank_units
from danvan.feedback.statistics import Figures

Q2 = period_of_year(2026, "q2")
TODAY = dt.date(2026, 7, 15)
DAY = dt.date(2026, 5, 4)


def _answered(unit, on_time, late=0, ratings=(), overdue=0):
    for index in range(on_time + late):
        rating = ratings[index] if index < len(ratings) else None
        report_with_outcome(unit, at(DAY), answer_hours=10, late=index >= on_time, rating=rating)
    for _index in range(overdue):
        report_with_outcome(unit, at(DAY), state=ReportState.ACCEPTED, due_on=dt.date(2026, 5, 20))


@pytest.fixture
def planted(cast):
    """Đồng Xuân: 4 on time of 5 judged (80%), ratings 5, 4; Buôn Ma Thuột: 4 on time + 1 late (80%), ratings 3;
    a third commune of Đắk Lắk with 2 reports only (below the threshold of 5)."""
    _answered(cast.dong_xuan, 4, overdue=1, ratings=(5, 4))
    _answered(cast.buon_ma_thuot, 4, late=1, ratings=(3,))
    third = (
        AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE, province_code="66")
        .exclude(pk__in=[cast.dong_xuan.pk, cast.buon_ma_thuot.pk])
        .first()
    )
    _answered(third, 2)
    _answered(cast.ba_dinh, 5)  # Hà Nội: 100%
    report_with_outcome(cast.dong_xuan, at(dt.date(2026, 3, 31)), answer_hours=10, late=True)  # Q1: not counted
    cast.third = third
    return cast


def test_the_communes_of_a_province(planted, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the grouped figures with the communes' names and the threshold rule
        ranking = feedback_ranking(province=planted.dak_lak, period=Q2, today=TODAY)
    assert ranking.min_reports == 5
    ranked = [(unit.rank, unit.code, unit.figures.on_time_rate, unit.figures.mean_rating) for unit in ranking.ranked]
    # Equal on-time rates (80%): Đồng Xuân's ratings (4,50) beat Buôn Ma Thuột's (3,00).
    assert ranked == [
        (1, "22081", Decimal("80.0"), Decimal("4.50")),
        (2, "24133", Decimal("80.0"), Decimal("3.00")),
    ]
    assert [unit.code for unit in ranking.unranked] == [planted.third.code]
    assert ranking.unranked[0].figures.received == 2


def test_the_provinces_of_the_country(planted):
    ranking = feedback_ranking(province=None, period=Q2, today=TODAY)
    assert [(unit.rank, unit.code, unit.figures.received) for unit in ranking.units] == [(1, "01", 5), (2, "66", 12)]
    assert ranking.units[1].figures.on_time_rate == Decimal("83.3")  # 10 on time of 11 answered + 1 overdue


def test_the_threshold_is_a_rule(planted):
    LegalRule.objects.filter(code="feedback.ranking_min_reports").update(value=2)
    ranking = feedback_ranking(province=planted.dak_lak, period=Q2, today=TODAY)
    assert ranking.units[0].code == planted.third.code and ranking.units[0].rank == 1  # 2 of 2 on time
    assert [unit.rank for unit in ranking.units] == [1, 2, 3]


def test_the_threshold_without_reports_and_without_a_rule(planted, django_assert_num_queries):
    """The rule comes with the grouped rows; with no row it is read on its own, and a missing rule still raises."""
    empty = Period(dt.date(2020, 1, 1), dt.date(2020, 3, 31))
    with django_assert_num_queries(2):
        ranking = feedback_ranking(province=planted.dak_lak, period=empty, today=TODAY)
    assert (ranking.units, ranking.min_reports) == ([], 5)
    LegalRule.objects.filter(code="feedback.ranking_min_reports").delete()
    for period in (Q2, empty):
        with pytest.raises(DomainError) as raised:
            feedback_ranking(province=planted.dak_lak, period=period, today=TODAY)
        assert raised.value.code == "rule_missing"


def _unit(name, on_time, judged_late, rating_sum=0, rated=0):
    figures = Figures(received=on_time + judged_late, answered=on_time + judged_late, on_time=on_time,
                      late=judged_late, rated=rated, rating_sum=rating_sum)  # fmt: skip
    return UnitRank(unit_id=len(name), code=name, name=name, figures=figures)


def test_ties_share_a_rank_in_vietnamese_order():
    units = [_unit("Xã Ea Ô", 5, 5), _unit("Phường Đông", 9, 1), _unit("Phường Dương", 9, 1), _unit("Xã Ân", 5, 5),
             _unit("Xã Mới", 1, 2), _unit("Xã Bé", 1, 0)]  # fmt: skip
    ranked = rank_units(units, 2)
    assert [(unit.name, unit.rank) for unit in ranked] == [
        ("Phường Dương", 1),
        ("Phường Đông", 1),  # đ after d
        ("Xã Ân", 3),
        ("Xã Ea Ô", 3),
        ("Xã Mới", 5),
        ("Xã Bé", None),  # 1 report of known outcome, under the threshold
    ]


def test_the_public_page_and_api(client, planted):
    page = client.get(reverse("feedback_ranking:ranking"), {"province": "66", "year": 2026, "period": "q2"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index('data-unit="22081"') < html.index('data-unit="24133"') and "80,0%" in html and "4,50" in html
    assert "chưa xếp hạng" in html
    country = client.get(reverse("feedback_ranking:ranking"))
    assert country.status_code == 200 and country.context["ranking"].province is None
    api = client.get("/api/v1/feedback/ranking", {"province": "66", "year": 2026, "period": "q2"})
    assert api.status_code == 200
    data = api.json()
    assert [(unit["rank"], unit["code"]) for unit in data["units"]][:2] == [(1, "22081"), (2, "24133")]
    assert data["units"][0]["figures"]["on_time_rate"] == 80.0 and data["min_reports"] == 5


def test_bad_input_on_the_public_ranking(client, cast):
    page = client.get(reverse("feedback_ranking:ranking"), {"province": "99", "year": 2026})
    assert page.status_code == 422 and page.context["form"].errors["province"]
    assert client.get(reverse("feedback_ranking:ranking"), {"province": "<script>"}).status_code == 422
    api = client.get("/api/v1/feedback/ranking", {"province": "99"})
    assert api.status_code == 422 and api.json()["code"] == "unknown_unit"
    api = client.get("/api/v1/feedback/ranking", {"year": 2026, "period": "q7"})
    assert api.status_code == 422 and api.json()["code"] == "invalid_period"


def test_the_public_ranking_is_cached_until_a_report_is_saved(
    client, planted, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    query = {"province": "66", "year": 2026, "period": "q2"}
    first = client.get("/api/v1/feedback/ranking", query).json()
    Report.objects.filter(unit=planted.buon_ma_thuot).update(timeliness="late")
    with django_assert_max_num_queries(3):  # the province; the generation and the ranking come from the cache
        assert client.get("/api/v1/feedback/ranking", query).json() == first
    with django_capture_on_commit_callbacks(execute=True):  # the generation moves when the save commits
        report_with_outcome(planted.buon_ma_thuot, at(DAY), state=ReportState.NEW)
    again = client.get("/api/v1/feedback/ranking", query).json()
    rates = {unit["code"]: unit["figures"]["on_time_rate"] for unit in again["units"]}
    assert rates["24133"] == 0.0 and rates["22081"] == 80.0  # Buôn Ma Thuột: every answer now late
