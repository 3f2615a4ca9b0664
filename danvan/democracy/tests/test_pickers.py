"""The unit and body choices of the democracy pages are searched, not listed: the system administrator's new
disclosure and new consultation (every current commune of the country), a province officer's new dialogue with
staff, new supervision programme and a recommendation's transfer (every body of the province). Each page stays
small, a search without diacritics finds the record, a chosen record is saved, and a record outside the officer's
units is refused beside its field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import organization
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.democracy.models import Recommendation, StaffDialogue
from danvan.democracy.recommendation_services import recommendation_raise


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC), tick=False)
    return dt.date(2026, 6, 15)


def radios(text: str) -> int:
    return text.count('type="radio"')


@pytest.mark.parametrize("name", ["democracy:disclosure_create", "democracy:consultation_create"])
def test_the_administrators_commune_choice_is_a_search(client, cast, name, django_assert_max_num_queries):
    communes = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE)
    assert communes.count() > 3000
    client.force_login(cast.root)
    url = reverse(name)
    with django_assert_max_num_queries(15):
        page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and 'name="unit_q"' in text
    assert text.count("<option") < 100 and radios(text) == 0 and len(page.content) < 40_000
    found = client.get(url, {"picker": "unit", "unit_q": "dong xuan"}).content.decode()
    assert f'value="{cast.dong_xuan.pk}"' in found and radios(found) <= 20


def test_a_commune_officers_only_commune_is_chosen_already(client, cast):
    client.force_login(cast.alice)
    text = client.get(reverse("democracy:disclosure_create")).content.decode()
    assert f'value="{cast.dong_xuan.pk}" checked' in text


def test_a_province_officers_dialogue_body_is_searched_and_saved(client, cast, today):
    client.force_login(cast.carol)
    url = reverse("democracy:staff_dialogue_create")
    page = client.get(url).content.decode()
    assert page.count("<option") < 20 and radios(page) == 0
    committee = organization("22081")
    found = client.get(url, {"picker": "organization", "organization_q": "ubnd dong xuan"}).content.decode()
    assert f'value="{committee.pk}"' in found
    form = {
        "organization": str(committee.pk),
        "held_on": "10/06/2026",
        "chaired_by": "Chủ tịch UBND xã",
        "participants": "40",
        "submission_key": "dlg-1",
    }
    assert client.post(url, form).status_code == 302
    assert StaffDialogue.objects.get().organization == committee


def test_a_body_outside_the_officers_units_is_refused_beside_its_field(client, cast, today):
    client.force_login(cast.alice)
    url = reverse("democracy:staff_dialogue_create")
    form = {
        "organization": str(organization("00004").pk),  # Ba Đình, Hà Nội
        "held_on": "10/06/2026",
        "chaired_by": "Chủ tịch UBND xã",
        "participants": "40",
        "submission_key": "dlg-2",
    }
    refused = client.post(url, form)
    text = refused.content.decode()
    assert refused.status_code == 422 and not StaffDialogue.objects.exists()
    assert 'id="id_organization-error"' in text and "không thuộc phạm vi của bạn" in text
    assert 'value="Chủ tịch UBND xã"' in text  # what was typed is kept
    searched = client.get(url, {"picker": "organization", "organization_q": "ba dinh"}).content.decode()
    assert radios(searched) == 0


def test_a_province_officers_programme_organization_is_searched(client, cast):
    client.force_login(cast.carol)
    url = reverse("democracy:supervision_programme_create")
    page = client.get(url).content.decode()
    assert radios(page) <= 1  # at most the organization offered first
    front = organization("22081", "fatherland_front")
    found = client.get(url, {"picker": "organization", "organization_q": "mttq dong xuan"}).content.decode()
    assert f'value="{front.pk}"' in found


def test_a_recommendation_is_transferred_to_a_searched_body(client, cast, today):
    ubnd, hdnd = organization("22081"), organization("22081", "peoples_council")
    item = recommendation_raise(
        actor=cast.alice,
        event=cast.dong_xuan,
        source="voter_contact",
        unit=cast.dong_xuan,
        raised_on=dt.date(2026, 6, 10),
        kind="recommendation",
        raised_by="Ông Nguyễn Văn Tư",
        content="Đề nghị sửa chữa đường liên thôn.",
        addressee="other",
        addressee_org=ubnd,
    )
    detail = reverse("democracy:recommendation_detail", args=[item.pk])
    client.force_login(cast.alice)
    page = client.get(detail).content.decode()
    assert page.count("<option") < 20 and f'hx-get="{detail}?picker=to_org"' in page
    found = client.get(detail, {"picker": "to_org", "to_org_q": "hoi dong nhan dan dong xuan"}).content.decode()
    assert f'value="{hdnd.pk}"' in found
    sent = client.post(
        reverse("democracy:recommendation_transfer", args=[item.pk]),
        {"version": item.version, "to_org": hdnd.pk, "reason": "Thuộc thẩm quyền HĐND."},
    )
    assert sent.status_code == 302
    assert Recommendation.objects.get(pk=item.pk).addressee_org == hdnd
    client.force_login(cast.bob)  # another commune's officer: no search of this item's bodies
    assert client.get(detail, {"picker": "to_org", "to_org_q": "dong xuan"}).status_code == 404


@pytest.mark.parametrize("name", ["democracy:meeting_create", "democracy:board_project_create"])
def test_a_province_officers_commune_or_village_is_searched(client, cast, name):
    client.force_login(cast.carol)
    url = reverse(name)
    page = client.get(url).content.decode()
    assert radios(page) <= 1 and 'name="unit_q"' in page
    found = client.get(url, {"picker": "unit", "unit_q": "Dong Xuan"}).content.decode()
    assert f'value="{cast.dong_xuan.pk}"' in found
    assert f'value="{cast.ba_dinh.pk}"' not in client.get(url, {"picker": "unit", "unit_q": "ba dinh"}).content.decode()
