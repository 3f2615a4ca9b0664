"""The statistics of grassroots democracy over every registered figure group: the meetings group and a fake group
registered here for the parts not on this branch; records of a legacy commune count for its successor; another
commune's do not; the period before and its change text; the page, its XLSX and the API agree."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from danvan.core.models import AdministrativeUnit, UnitKind, UnitSuccession, UnitTree
from danvan.core.periods import Period, period_from
from danvan.core.services import village_create
from danvan.democracy import figures
from danvan.democracy.figures import FigureGroup, Place
from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus, Recommendation
from danvan.democracy.statistics import change_text, democracy_statistics


@pytest.fixture
def la_hai(cast):
    """Thị trấn La Hai (legacy, until 30/6/2025), merged into Xã Đồng Xuân."""
    legacy = AdministrativeUnit.objects.get(tree=UnitTree.LEGACY, level=3, name__endswith="La Hai", province_code="54")
    assert UnitSuccession.objects.filter(predecessor=legacy, successor=cast.dong_xuan, is_primary=True).exists()
    return legacy


def held_meeting(unit, held_on, *, kind=MeetingKind.YEAR_END, participants=50, sent=False):
    return CommunityMeeting.objects.create(
        unit=unit,
        kind=kind,
        year=held_on.year,
        title=f"Hội nghị {unit.name}",
        held_on=held_on,
        status=MeetingStatus.HELD,
        participants=participants,
        minutes="Biên bản.",
        sent_to_committee_on=held_on if sent else None,
        sent_to_front_on=held_on if sent else None,
    )


def raise_item(meeting, *, kind="recommendation", due_on=None, answered_on=None):
    return Recommendation.objects.create(
        unit=meeting.unit,
        event_type=ContentType.objects.get_for_model(meeting),
        event_id=meeting.pk,
        source="year_end_meeting" if meeting.kind == MeetingKind.YEAR_END else "dialogue",
        kind=kind,
        raised_by="Cử tri",
        raised_on=meeting.held_on,
        content="Kiến nghị.",
        addressee="peoples_committee",
        due_on=due_on,
        answered_on=answered_on,
        answer="Đã trả lời." if answered_on else "",
    )


@pytest.fixture
def fake_group(monkeypatch):
    """A group standing for a part not on this branch: it counts what the place and the period give it."""
    seen: list[tuple[Place, Period]] = []

    def compute(place: Place, period: Period) -> dict[str, int]:
        seen.append((place, period))
        return {"planted": 7 if period.start.month == 10 else 4}

    group = FigureGroup(code="fake", label="Nhóm thử", figures=(("planted", "Số thử"),), compute=compute, order=1)
    monkeypatch.setitem(figures._GROUPS, "fake", group)
    return seen


@pytest.fixture
def planted(cast, la_hai):
    village = village_create(actor=None, commune=cast.dong_xuan, name="Thôn Đông", kind=UnitKind.VILLAGE, households=9)
    october = held_meeting(village, dt.date(2026, 10, 5), participants=120, sent=True)
    raise_item(october, kind="question", due_on=dt.date(2026, 10, 20), answered_on=dt.date(2026, 10, 15))
    raise_item(october, due_on=dt.date(2026, 11, 1))  # never answered: overdue by the end of the quarter
    held_meeting(cast.dong_xuan, dt.date(2026, 12, 1), kind=MeetingKind.DIALOGUE, participants=200)
    held_meeting(village, dt.date(2026, 8, 1), participants=60)  # the quarter before
    CommunityMeeting.objects.filter(pk=held_meeting(village, dt.date(2026, 11, 2)).pk).update(
        status=MeetingStatus.CANCELLED
    )
    held_meeting(la_hai, dt.date(2025, 3, 1), participants=30)  # the legacy town, before the merger
    held_meeting(la_hai, dt.date(2024, 3, 1), participants=30)
    held_meeting(cast.buon_ma_thuot, dt.date(2026, 10, 6), kind=MeetingKind.DIALOGUE)  # another commune
    return village


def figure(stats, group, code):
    return next(row for g in stats.groups if g.code == group for row in g.rows if row.code == code)


def test_every_registered_group_for_a_quarter_beside_the_one_before(cast, planted, fake_group):
    stats = democracy_statistics(unit=cast.dong_xuan, period=period_from(year=2026, period="q4"))
    assert [g.code for g in stats.groups][:1] == ["fake"]  # ordered by the group's order
    assert stats.previous_period == Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert (
        figure(stats, "meetings", "year_end_held").current,
        figure(stats, "meetings", "year_end_held").previous,
    ) == (
        1,
        1,
    )
    assert figure(stats, "meetings", "dialogues_held").current == 1  # not Buôn Ma Thuột's
    participants = figure(stats, "meetings", "participants")
    assert (participants.current, participants.previous) == (320, 60)
    assert participants.change_text == "tăng 433,3%"
    assert figure(stats, "meetings", "results_sent").current == 1
    assert figure(stats, "meetings", "items_raised").current == 2
    assert figure(stats, "meetings", "items_raised.question").current == 1
    assert figure(stats, "meetings", "items_answered").current == 1
    assert figure(stats, "meetings", "items_open").current == 1
    assert figure(stats, "meetings", "items_overdue").current == 1
    fake = figure(stats, "fake", "planted")
    assert (fake.current, fake.previous, fake.change_text) == (7, 4, "tăng 75,0%")
    place, _period = fake_group[0]
    assert cast.dong_xuan.path in place.paths and cast.dong_xuan.province_code in place.provinces


def test_records_of_a_legacy_commune_count_for_its_successor(cast, la_hai, planted):
    stats = democracy_statistics(unit=cast.dong_xuan, period=period_from(year=2025))
    held = figure(stats, "meetings", "year_end_held")
    assert (held.current, held.previous, held.change_text) == (1, 1, "không đổi")
    assert la_hai.path in stats.unit_paths
    other = democracy_statistics(unit=cast.buon_ma_thuot, period=period_from(year=2025))
    assert figure(other, "meetings", "year_end_held").current == 0


def test_change_text():
    assert change_text(9, 8) == "tăng 12,5%"
    assert change_text(6, 8) == "giảm 25,0%"
    assert change_text(3, 3) == "không đổi"
    assert change_text(3, 0) == ""


def test_the_page_the_xlsx_and_the_api_show_the_same_figures(client, cast, planted, fake_group):
    client.force_login(cast.alice)
    query = {"unit": cast.dong_xuan.pk, "year": 2026, "period": "q4"}
    page = client.get(reverse("democracy:statistics"), query)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-figure="meetings:participants">320<' in html and "tăng 433,3%" in html and "Nhóm thử" in html
    download = client.get(reverse("democracy:statistics_xlsx"), query)
    assert download.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(download.streaming_content) if download.streaming else download.content)
    ).active
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert any(row[1] == "Lượt người dự" and row[2:5] == (320, 60, "tăng 433,3%") for row in rows)
    api = client.get("/api/v1/democracy/statistics", query)
    assert api.status_code == 200
    groups = {g["code"]: {f["code"]: f for f in g["figures"]} for g in api.json()["groups"]}
    assert groups["meetings"]["participants"]["current"] == 320
    assert groups["meetings"]["participants"]["change"] == pytest.approx(433.3)
    assert groups["fake"]["planted"]["change_text"] == "tăng 75,0%"
    custom = client.get(
        "/api/v1/democracy/statistics", {"unit": cast.dong_xuan.pk, "start": "2026-10-01", "end": "2026-10-31"}
    )
    assert custom.status_code == 200 and custom.json()["previous_period"]["start"] == "2026-09-01"


def test_a_bad_period_is_a_422_with_the_field_named(client, cast):
    client.force_login(cast.alice)
    api = client.get("/api/v1/democracy/statistics", {"unit": cast.dong_xuan.pk, "year": 2026, "period": "q9"})
    assert api.status_code == 422 and api.json()["code"] == "invalid_period"
    page = client.get(reverse("democracy:statistics"), {"unit": cast.dong_xuan.pk, "start": "01/10/2026"})
    assert page.status_code == 422 and page.context["form"].errors


def test_the_statistics_read_a_bounded_number_of_queries(cast, planted, django_assert_max_num_queries):
    # The unit's paths once, then each registered group's declared number of aggregate queries (one per table it
    # reads) for this period and the one before: the cost grows with the parts of the app, never with the records.
    from danvan.democracy.figures import groups

    assert all(group.queries <= 4 for group in groups())
    with django_assert_max_num_queries(1 + 2 * sum(group.queries for group in groups())):
        democracy_statistics(unit=cast.dak_lak, period=period_from(year=2026))
