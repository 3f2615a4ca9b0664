"""The recommendations figure group and the ranking of bodies by on-time answers: raised / answered on time / late /
unanswered by addressed body, satisfaction, the period before, a legacy commune's items and bodies counted under its
successor, another commune's not; the ranking page, its XLSX (formula-safe) and the API agree; an officer of another
province gets 404; a bad period is a 422 naming the field."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from danvan.core.models import AdministrativeUnit, Organization, OrgKind, UnitSuccession, UnitTree
from danvan.core.periods import period_from
from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus, Recommendation
from danvan.democracy.recommendation_ranking import recommendation_ranking
from danvan.democracy.statistics import democracy_statistics

TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def la_hai(cast):
    legacy = AdministrativeUnit.objects.get(tree=UnitTree.LEGACY, level=3, name__endswith="La Hai", province_code="54")
    assert UnitSuccession.objects.filter(predecessor=legacy, successor=cast.dong_xuan, is_primary=True).exists()
    return legacy


def body(unit, kind="peoples_committee"):
    return Organization.objects.get(unit=unit, kind__code=kind)


def item(unit, org, raised_on, *, due_on, answered_on=None, addressee="peoples_committee", assessment="", **extra):
    meeting = CommunityMeeting.objects.create(
        unit=unit, kind=MeetingKind.DIALOGUE, year=raised_on.year, title="Đối thoại", held_on=raised_on,
        status=MeetingStatus.HELD, participants=10, minutes="Biên bản.",
    )  # fmt: skip
    return Recommendation.objects.create(
        unit=unit, event_type=ContentType.objects.get_for_model(meeting), event_id=meeting.pk, source="dialogue",
        kind="recommendation", raised_by="Cử tri", raised_on=raised_on, content="Sửa đường liên thôn.",
        addressee=addressee, addressee_org=org, addressee_path=org.unit.path if org else "", due_on=due_on,
        answered_on=answered_on, answer="Đã trả lời." if answered_on else "", assessment=assessment, **extra,
    )  # fmt: skip


@pytest.fixture
def planted(cast, la_hai):
    """Q3 2026 at Đồng Xuân: UBND 2 on time (one satisfied), 1 late (unsatisfied), 1 overdue, 1 not yet due;
    the Front 1 on time; La Hai's UBND (legacy body) 1 on time; Q2: 1 on time; Buôn Ma Thuột 1 late."""
    ubnd, front = body(cast.dong_xuan), body(cast.dong_xuan, "fatherland_front")
    kind = OrgKind.objects.get(code="peoples_committee")
    legacy_ubnd = Organization.objects.create(unit=la_hai, kind=kind, name="UBND thị trấn La Hai", is_active=False)
    jul, aug = dt.date(2026, 7, 10), dt.date(2026, 8, 20)
    item(cast.dong_xuan, ubnd, jul, due_on=dt.date(2026, 8, 9), answered_on=dt.date(2026, 8, 1), assessment="satisfied")
    item(cast.dong_xuan, ubnd, jul, due_on=dt.date(2026, 8, 9), answered_on=dt.date(2026, 8, 9))
    item(
        cast.dong_xuan,
        ubnd,
        jul,
        due_on=dt.date(2026, 8, 9),
        answered_on=dt.date(2026, 8, 30),
        assessment="unsatisfied",
    )
    item(cast.dong_xuan, ubnd, aug, due_on=dt.date(2026, 9, 19))  # overdue today
    item(cast.dong_xuan, ubnd, dt.date(2026, 9, 30), due_on=dt.date(2026, 12, 31))  # not yet due
    item(cast.dong_xuan, front, aug, due_on=dt.date(2026, 9, 19), answered_on=aug, addressee="fatherland_front")
    item(la_hai, legacy_ubnd, aug, due_on=dt.date(2026, 9, 19), answered_on=aug)
    item(cast.dong_xuan, ubnd, dt.date(2026, 5, 5), due_on=dt.date(2026, 6, 4), answered_on=dt.date(2026, 6, 1))
    item(cast.buon_ma_thuot, body(cast.buon_ma_thuot), jul, due_on=dt.date(2026, 8, 9), answered_on=dt.date(2026, 9, 9))
    return ubnd, front, legacy_ubnd


def figures_of(stats):
    return {
        row.code: (row.current, row.previous) for g in stats.groups if g.code == "recommendations" for row in g.rows
    }


def test_raised_on_time_late_unanswered_by_body_with_the_period_before(cast, planted, monkeypatch):
    monkeypatch.setattr("danvan.democracy.recommendation_figures.timezone.localdate", lambda: TODAY)
    stats = democracy_statistics(unit=cast.dong_xuan, period=period_from(year=2026, period="q3"))
    got = figures_of(stats)
    assert got["raised"] == (7, 1)  # La Hai's item counts for Đồng Xuân; Buôn Ma Thuột's does not
    assert got["raised.on_time"] == (4, 1)
    assert got["raised.late"] == (1, 0)
    assert got["raised.unanswered"] == (2, 0)
    assert got["raised.overdue"] == (1, 0)
    assert got["assessed_satisfied"] == (1, 0) and got["assessed_unsatisfied"] == (1, 0)
    assert got["by_addressee.peoples_committee"] == (6, 1)
    assert got["by_addressee.peoples_committee.late"] == (1, 0)
    assert got["by_addressee.fatherland_front"] == (1, 0)
    assert got["by_addressee.fatherland_front.on_time"] == (1, 0)
    assert got["by_addressee.peoples_council"] == (0, 0)
    province = figures_of(democracy_statistics(unit=cast.dak_lak, period=period_from(year=2026, period="q3")))
    assert province["raised"] == (8, 1)  # the province (Đồng Xuân is in Đắk Lắk since 2025): Buôn Ma Thuột's too


def test_the_ranking_by_share_on_time_folds_a_legacy_body_into_its_successor(cast, planted):
    ubnd, front, legacy_ubnd = planted
    ranking = recommendation_ranking(unit=cast.dong_xuan, period=period_from(year=2026, period="q3"), today=TODAY)
    assert [b.organization_id for b in ranking.bodies] == [front.pk, ubnd.pk]  # 100% before 60%
    top, second = ranking.bodies
    assert (top.rank, top.raised, top.on_time, top.share) == (1, 1, 1, 100)
    # UBND: its 5 + La Hai's 1 = 6 raised; 3 on time, 1 late, 1 overdue, 1 not yet due → 3/5 = 60%
    assert (second.rank, second.raised, second.on_time, second.late, second.overdue, second.pending) == (
        2,
        6,
        3,
        1,
        1,
        1,
    )
    assert second.share_text == "60,0%"
    assert legacy_ubnd.pk not in [b.organization_id for b in ranking.bodies]
    other = recommendation_ranking(unit=cast.buon_ma_thuot, period=period_from(year=2026, period="q3"), today=TODAY)
    assert [(b.name, b.share) for b in other.bodies] == [(body(cast.buon_ma_thuot).name, 0)]


def test_a_province_sees_its_communes_bodies_and_ties_share_a_rank(cast, planted):
    province_ubnd = body(cast.dak_lak)
    item(
        cast.buon_ma_thuot,
        province_ubnd,
        dt.date(2026, 7, 1),
        due_on=dt.date(2026, 7, 31),
        answered_on=dt.date(2026, 7, 2),
    )
    item(
        cast.buon_ma_thuot,
        province_ubnd,
        dt.date(2026, 7, 1),
        due_on=dt.date(2026, 7, 31),
        answered_on=dt.date(2026, 8, 2),
    )
    bmt = body(cast.buon_ma_thuot)
    item(cast.buon_ma_thuot, bmt, dt.date(2026, 7, 1), due_on=dt.date(2026, 7, 31), answered_on=dt.date(2026, 7, 2))
    ranking = recommendation_ranking(unit=cast.dak_lak, period=period_from(year=2026, period="q3"), today=TODAY)
    names = {b.organization_id: b for b in ranking.bodies}
    ubnd, front, _legacy = planted
    assert set(names) == {province_ubnd.pk, bmt.pk, ubnd.pk, front.pk}  # its own body and its communes'
    assert names[province_ubnd.pk].share == names[bmt.pk].share == 50
    assert names[province_ubnd.pk].rank == names[bmt.pk].rank == 3  # after the Front (100%) and UBND (60%)
    assert [b.rank for b in ranking.bodies] == [1, 2, 3, 3]


def test_the_page_the_xlsx_and_the_api_agree_and_are_formula_safe(client, cast, planted):
    ubnd, _front, _legacy = planted
    ubnd.name = '=HYPERLINK("http://x")'
    Organization.objects.filter(pk=ubnd.pk).update(name=ubnd.name)
    client.force_login(cast.alice)
    query = {"unit": cast.dong_xuan.pk, "year": 2026, "period": "q3"}
    page = client.get(reverse("democracy:statistics_ranking"), query)
    assert page.status_code == 200
    assert f'data-share="{ubnd.pk}">' in page.content.decode()
    download = client.get(reverse("democracy:statistics_ranking_xlsx"), query)
    assert download.status_code == 200
    content = b"".join(download.streaming_content) if download.streaming else download.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [row for row in sheet.iter_rows() if row[1].value == ubnd.name]
    assert len(cells) == 1 and cells[0][1].data_type == "s"  # a string, not a formula
    assert [c.value for c in cells[0][3:]] == [6, 3, 1, 1, 1, 60.0]
    api = client.get("/api/v1/democracy/statistics/ranking", query)
    assert api.status_code == 200
    items = api.json()["items"]
    assert [i["organization_id"] for i in items][:2] == [b["organization_id"] for b in items[:2]]
    assert items[-1]["share_on_time"] == pytest.approx(60.0) and items[-1]["pending"] == 1


def test_another_provinces_officer_gets_404_and_a_bad_period_422(client, cast, planted):
    client.force_login(cast.frank)
    query = {"unit": cast.dong_xuan.pk, "year": 2026}
    assert client.get(reverse("democracy:statistics_ranking"), query).status_code == 404
    assert client.get(reverse("democracy:statistics_ranking_xlsx"), query).status_code == 404
    assert client.get("/api/v1/democracy/statistics/ranking", query).status_code == 404
    client.force_login(cast.alice)
    bad = client.get("/api/v1/democracy/statistics/ranking", {"unit": cast.dong_xuan.pk, "year": 2026, "period": "q9"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_period"
    page = client.get(
        reverse("democracy:statistics_ranking"), {"unit": cast.dong_xuan.pk, "start": "31/12/2026", "end": "01/01/2026"}
    )
    assert page.status_code == 422 and page.context["form"].errors
