"""The indicators part's pages and API: the report figures with comparisons, the dashboard's SVG charts and its
drill-down to records, entered figures with the contradiction warning, the registry edited by an administrator,
bad periods, access (a unit outside the scope is 404)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from danvan.core.models import UnitSuccession
from danvan.reporting.models import EnteredFigure, Indicator
from danvan.reporting.tests import golden

pytestmark = pytest.mark.django_db
API = "/api/v1/reporting"
PAGES = "/backoffice/reporting"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def visits(cast):
    link = UnitSuccession.objects.filter(successor=cast.dong_xuan, is_primary=True).first()
    assert link is not None
    old = link.predecessor
    golden.make_visits([cast.dong_xuan, old], 2021, golden.VISITS_2021)
    golden.make_visits([cast.dong_xuan, old], 2022, golden.VISITS_2022)
    golden.make_visits([cast.buon_ma_thuot], 2022, 7)


def test_figures_api_with_comparisons(client, cast, visits):
    client.force_login(cast.alice)
    response = client.get(f"{API}/figures", {"unit": cast.dong_xuan.pk, "period": "2022", "codes": "reception.visits"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["period"] == {"code": "2022", "label": "Năm 2022", "start": "2022-01-01", "end": "2022-12-31"}
    assert body["previous_period"]["code"] == "2021"
    (figure,) = body["figures"]
    assert figure["value"] == 137 and figure["previous"] == 184
    assert figure["change_previous"] == golden.VISITS_SENTENCE
    assert figure["change_last_year"] == "giảm 25,5% so với cùng kỳ năm 2021"
    # Without the legacy commune the figure is smaller.
    response = client.get(
        f"{API}/figures", {"unit": cast.dong_xuan.pk, "period": "2022", "codes": "reception.visits", "legacy": "false"}
    )
    assert response.json()["figures"][0]["value"] < 137
    # A report type's cut-off (15/12 of the year before to 14/12), its comparisons cut off the same way.
    body = client.get(
        f"{API}/figures",
        {"unit": cast.dong_xuan.pk, "period": "2022", "codes": "reception.visits", "report_type": "state-year"},
    ).json()
    assert (body["period"]["start"], body["period"]["end"], body["period"]["label"]) == (
        "2021-12-15",
        "2022-12-14",
        "Năm 2022",
    )
    assert body["previous_period"]["start"] == "2020-12-15" and body["figures"][0]["value"] == 137
    bad = client.get(f"{API}/figures", {"unit": cast.dong_xuan.pk, "period": "2022", "report_type": "nope"})
    assert bad.status_code == 422


def test_figures_api_refusals(client, cast):
    client.force_login(cast.alice)
    response = client.get(f"{API}/figures", {"unit": cast.dong_xuan.pk, "period": "2026-12-31..2026-01-01"})
    assert response.status_code == 422 and response.json()["code"] == "invalid_period"
    assert client.get(f"{API}/figures", {"unit": cast.ba_dinh.pk, "period": "2026"}).status_code == 404
    assert client.get(f"{API}/figures", {"unit": cast.dak_lak.pk, "period": "2026"}).status_code == 404  # above alice


def test_report_page(client, cast, visits):
    client.force_login(cast.carol)  # a leader of the province
    response = client.get(f"{PAGES}/", {"unit": cast.dong_xuan.pk, "period": "2022"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "giảm 25,5% so với năm 2021" in page and 'data-figure="reception.visits">137 lượt' in page
    response = client.get(f"{PAGES}/", {"unit": cast.dong_xuan.pk, "period": "2022-13"})
    assert response.status_code == 422 and "Mã kỳ không hợp lệ" in response.content.decode()


def test_dashboard_bars_trend_and_drill_down(client, cast, visits):
    client.force_login(cast.carol)
    response = client.get(
        f"{PAGES}/dashboard/", {"unit": cast.dak_lak.pk, "period": "2022", "code": "reception.visits"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<svg") == 2 and 'viewBox="0 0 320' in page
    assert f"unit={cast.dong_xuan.pk}" in page  # a bar links one level down
    assert 'data-figure="reception.visits">144<' in page  # 137 + 7 at Buôn Ma Thuột
    # The API: children of the province and the trend (2018 … 2022).
    body = client.get(
        f"{API}/dashboard", {"unit": cast.dak_lak.pk, "period": "2022", "code": "reception.visits"}
    ).json()
    assert body["value"] == 144
    values = {child["unit"]["code"]: child["value"] for child in body["children"]}
    assert values["22081"] == 137 and values["24133"] == 7 and sum(v or 0 for v in values.values()) == 144
    assert [point["period"]["code"] for point in body["trend"]] == ["2018", "2019", "2020", "2021", "2022"]
    assert body["trend"][-2]["value"] == 184
    # Records behind the commune's figure.
    response = client.get(
        f"{PAGES}/records/", {"unit": cast.dong_xuan.pk, "period": "2022", "code": "reception.visits"}
    )
    assert response.status_code == 200 and response.content.decode().count("data-record=") == 137
    body = client.get(
        f"{API}/records", {"unit": cast.dong_xuan.pk, "period": "2022", "code": "reception.visits"}
    ).json()
    assert body["total"] == 137
    unknown = client.get(f"{API}/dashboard", {"unit": cast.dak_lak.pk, "period": "2022", "code": "nope"})
    assert unknown.status_code == 404


def test_entered_figure_contradiction(client, cast, visits):
    client.force_login(cast.alice)
    payload = {"unit": cast.dong_xuan.pk, "period": "2022", "code": "reception.visits_reported", "value": "150"}
    response = client.post(f"{API}/entered-figures", json.dumps(payload), content_type="application/json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "contradiction" and "137" in body["message"] and "150" in body["message"]
    assert not EnteredFigure.objects.exists()
    # Confirmed without a note: still refused; with a note: stored.
    payload["confirm"] = True
    assert (
        client.post(f"{API}/entered-figures", json.dumps(payload), content_type="application/json").status_code == 409
    )
    payload["note"] = "Sổ tiếp của thôn chưa nhập hết"
    response = client.post(f"{API}/entered-figures", json.dumps(payload), content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] == 1
    # Agreeing with the records: no warning; the same again is the same figure (version 2).
    agree = {**payload, "value": "137", "confirm": False, "note": ""}
    response = client.post(f"{API}/entered-figures", json.dumps(agree), content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = {**agree, "version": 1}
    response = client.post(f"{API}/entered-figures", json.dumps(stale), content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "stale"
    # An entered-only figure sums over the subtree in the report.
    other = {"unit": cast.dong_xuan.pk, "period": "2022", "code": "propaganda.sessions", "value": "12"}
    assert client.post(f"{API}/entered-figures", json.dumps(other), content_type="application/json").status_code == 200
    body = client.get(
        f"{API}/figures", {"unit": cast.dong_xuan.pk, "period": "2022", "codes": "propaganda.sessions"}
    ).json()
    assert body["figures"][0]["value"] == 12 and body["figures"][0]["text"] == "12 buổi"
    # Bad input: negative, unknown code, a viewer.
    bad = {**other, "value": "-1"}
    assert client.post(f"{API}/entered-figures", json.dumps(bad), content_type="application/json").status_code == 422
    bad = {**other, "code": "nope"}
    assert client.post(f"{API}/entered-figures", json.dumps(bad), content_type="application/json").status_code == 422
    client.force_login(cast.erin)
    assert client.post(f"{API}/entered-figures", json.dumps(other), content_type="application/json").status_code == 404


def test_entered_figure_form_keeps_input_and_explains(client, cast, visits):
    client.force_login(cast.alice)
    url = f"{PAGES}/figures/enter/?unit={cast.dong_xuan.pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"period": "2022", "code": "reception.visits_reported", "value": "150"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "khác số liệu tính từ hồ sơ" in page and 'value="150"' in page
    response = client.post(url, {"period": "2022", "code": "reception.visits_reported", "value": "1.234,5"})
    assert response.status_code == 409  # parsed the Vietnamese way, still contradicting
    response = client.post(url, {"period": "2022", "code": "reception.visits_reported", "value": "137"})
    assert response.status_code == 302
    assert EnteredFigure.objects.get().value == 137
    client.force_login(cast.erin)
    assert client.get(url).status_code == 404


def test_registry_edit(client, cast):
    client.force_login(cast.alice)
    assert client.get(f"{PAGES}/indicators/").status_code == 200
    assert client.get(f"{PAGES}/indicators/reception.visits/edit/").status_code == 404
    patch = {"version": 1, "label": "Lượt công dân được tiếp"}
    response = client.patch(f"{API}/indicators/reception.visits", json.dumps(patch), content_type="application/json")
    assert response.status_code == 404
    client.force_login(cast.root)
    response = client.patch(f"{API}/indicators/reception.visits", json.dumps(patch), content_type="application/json")
    assert response.status_code == 200 and response.json()["version"] == 2
    response = client.patch(f"{API}/indicators/reception.visits", json.dumps(patch), content_type="application/json")
    assert response.status_code == 409
    indicator = Indicator.objects.get(code="reception.visits")
    response = client.post(
        f"{PAGES}/indicators/reception.visits/edit/",
        {"version": indicator.version, "label": "", "sort_order": 1, "is_active": "on"},
    )
    assert response.status_code == 422
    response = client.post(
        f"{PAGES}/indicators/reception.visits/edit/",
        {
            "version": indicator.version,
            "label": "Lượt tiếp",
            "source": "Luật 42/2013/QH13",
            "sort_order": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.get(code="reception.visits").source == "Luật 42/2013/QH13"


def test_the_same_report_on_the_legacy_tree(client, cast, visits):
    """A legacy commune's own figures, and its legacy district's dashboard drilling down the legacy tree."""
    link = UnitSuccession.objects.filter(successor=cast.dong_xuan, is_primary=True).first()
    assert link is not None
    old = link.predecessor
    client.force_login(cast.carol)
    body = client.get(f"{API}/figures", {"unit": old.pk, "period": "2022", "codes": "reception.visits"}).json()
    assert body["unit"]["tree"] == "legacy"
    assert body["figures"][0]["value"] == golden.VISITS_2022 // 2  # make_visits alternates the two units
    district = old.parent
    assert district is not None
    body = client.get(f"{API}/dashboard", {"unit": district.pk, "period": "2022", "code": "reception.visits"}).json()
    children = {child["unit"]["id"]: child["value"] for child in body["children"]}
    assert children[old.pk] == golden.VISITS_2022 // 2
    assert all(child["unit"]["tree"] == "legacy" for child in body["children"])
