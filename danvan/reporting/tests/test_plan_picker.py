"""The issuing body of a new plan is searched, not listed: the system administrator's page stays small and quick
with the real unit tree (tens of thousands of bodies), a search without diacritics finds the body, a chosen or
typed body creates the plan, and an officer cannot use a body outside their units (page and API alike)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.core.models import Organization
from danvan.reporting.models import Plan
from danvan.reporting.tests.plan_fixtures import org

API = "/api/v1/reporting"
URL = reverse("reporting:plan_create")


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    return dt.date(2026, 3, 2)


def plan_values(**given):
    return {
        "number": "394-KH/BDVTU",
        "issued_on": "15/01/2026",
        "period_start": "01/01/2026",
        "period_end": "31/12/2026",
        "title": "Thực hiện công tác dân vận năm 2026",
        "submission_key": "",
        **given,
    }


def test_the_administrators_page_lists_no_bodies_before_a_search(client, cast, django_assert_max_num_queries):
    assert Organization.objects.filter(is_active=True).count() > 10_000  # the real tree's bodies
    client.force_login(cast.root)
    with django_assert_max_num_queries(12):
        page = client.get(URL)
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("<option") < 10 and text.count('type="radio"') == 0
    assert len(page.content) < 30_000
    assert 'name="issuer_q"' in text and 'hx-get="?picker=issuer"' in text


def test_a_search_without_diacritics_finds_the_body(client, cast, django_assert_max_num_queries):
    client.force_login(cast.root)
    board = org(cast.dak_lak, "mobilization_board")
    with django_assert_max_num_queries(8):
        found = client.get(URL, {"picker": "issuer", "issuer_q": "ban tuyen giao dan van dak lak"})
    assert found.status_code == 200
    assert f'value="{board.pk}"' in found.content.decode()
    # đ folds to d: "dong xuan" finds the bodies of Xã Đồng Xuân, and no more than the picker's limit of rows
    commune = client.get(URL, {"picker": "issuer", "issuer_q": "ubnd dong xuan"}).content.decode()
    assert f'value="{org(cast.dong_xuan).pk}"' in commune and commune.count('type="radio"') <= 20
    assert "Không tìm thấy" in client.get(URL, {"picker": "issuer", "issuer_q": "zzzz qqqq"}).content.decode()


def test_a_commune_officers_bodies_are_listed_without_typing(client, cast):
    client.force_login(cast.alice)
    text = client.get(URL).content.decode()
    assert f'value="{org(cast.dong_xuan).pk}"' in text
    assert f'value="{org(cast.buon_ma_thuot).pk}"' not in text


def test_a_chosen_body_creates_the_plan_at_its_unit(client, cast, today):
    client.force_login(cast.root)
    board = org(cast.dak_lak, "mobilization_board")
    done = client.post(URL, plan_values(issuer=board.pk, issuer_q="dan van dak lak"))
    plan = Plan.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("reporting:plan_detail", args=[plan.pk])
    assert plan.issuer == board and plan.unit == cast.dak_lak


def test_without_javascript_the_typed_name_is_searched_when_the_form_is_sent(client, cast, today):
    client.force_login(cast.carol)
    several = client.post(URL, plan_values(issuer_q="dak lak"))
    text = several.content.decode()
    assert several.status_code == 422 and not Plan.objects.exists()
    assert 'id="id_issuer-error"' in text and "hãy chọn một tổ chức trong danh sách" in text
    assert 'value="dak lak"' in text and 'value="Thực hiện công tác dân vận năm 2026"' in text  # kept as typed
    board = org(cast.dak_lak, "mobilization_board")
    assert f'value="{board.pk}"' in text
    one = client.post(URL, plan_values(issuer_q="ban tuyen giao va dan van tinh uy dak lak"))
    assert one.status_code == 302 and Plan.objects.get().issuer == board


def test_an_officer_cannot_use_a_body_outside_their_units(client, cast, today):
    client.force_login(cast.alice)
    elsewhere = org(cast.ba_dinh)
    refused = client.post(URL, plan_values(issuer=elsewhere.pk))
    text = refused.content.decode()
    assert refused.status_code == 422 and not Plan.objects.exists()
    assert 'id="id_issuer-error"' in text and "không thuộc phạm vi của bạn" in text
    assert f'value="{elsewhere.pk}"' not in text
    searched = client.get(URL, {"picker": "issuer", "issuer_q": "ba dinh"}).content.decode()
    assert f'value="{elsewhere.pk}"' not in searched
    # the province's bodies are not the commune officer's either
    assert client.post(URL, plan_values(issuer=org(cast.dak_lak).pk)).status_code == 422


def test_the_api_takes_the_same_choice(client, cast, today):
    client.force_login(cast.alice)
    body = {
        "number": "12-KH/UBND",
        "issued_on": "2026-01-15",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "title": "Kế hoạch năm 2026",
    }
    outside = client.post(f"{API}/plans", {**body, "issuer_id": org(cast.ba_dinh).pk}, content_type="application/json")
    assert outside.status_code == 422 and outside.json()["code"] == "issuer_not_allowed"
    assert "không thuộc phạm vi của bạn" in outside.json()["message"]
    mismatch = {**body, "issuer_id": org(cast.dong_xuan).pk, "unit_id": cast.dak_lak.pk}
    assert client.post(f"{API}/plans", mismatch, content_type="application/json").status_code == 422
    created = client.post(
        f"{API}/plans", {**body, "issuer_id": org(cast.dong_xuan).pk}, content_type="application/json"
    )
    assert created.status_code == 201, created.json()
    assert Plan.objects.get().unit == cast.dong_xuan


def test_the_task_forms_body_is_searched_too(client, cast, today):
    from danvan.reporting.tests.plan_fixtures import province_plan

    plan = province_plan(cast, issue=False)
    client.force_login(cast.carol)
    detail = reverse("reporting:plan_detail", args=[plan.pk])
    page = client.get(detail).content.decode()
    assert page.count("<option") < 300  # the province's communes, not its thousand bodies
    committee = org(cast.dong_xuan, "party_committee")
    found = client.get(detail, {"picker": "organization", "organization_q": "dang uy dong xuan"}).content.decode()
    assert f'value="{committee.pk}"' in found
    client.force_login(cast.alice)  # reads the plan's rows, adds no tasks
    assert client.get(detail, {"picker": "organization", "organization_q": "dong xuan"}).status_code == 404
