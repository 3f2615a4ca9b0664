"""An officer's phone goes through the one check (``core.phones``): on the page, beside the field and kept as typed;
through the service, refused with the field named; a good number stored as its digits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.accounts.models import Officer
from danvan.accounts.services import officer_create, officer_update
from danvan.core.errors import DomainError
from danvan.core.phones import phone_message

pytestmark = pytest.mark.django_db


def test_the_page_refuses_an_amount_typed_as_a_phone_beside_the_field(client, cast):
    client.force_login(cast.dave)
    data = {
        "username": "can.bo.moi",
        "full_name": "Hà Thị Mới",
        "phone": "15.000.000",
        "password": "mot-mat-khau-dai-2026",
        "organization": str(cast.dave.memberships.first().organization_id),
        "role": "officer",
    }
    refused = client.post(reverse("officers:create"), data)
    assert refused.status_code == 200 and not Officer.objects.filter(username="can.bo.moi").exists()
    assert refused.context["form"].errors["phone"] == [phone_message()]
    assert 'value="15.000.000"' in refused.content.decode()


def test_the_service_refuses_it_and_stores_a_good_number_as_digits(cast):
    with pytest.raises(DomainError) as caught:
        officer_create(actor=cast.root, username="x.y", full_name="X Y", password=None, phone="123")
    assert caught.value.fields == {"phone": [phone_message()]}
    officer = officer_create(actor=cast.root, username="x.y", full_name="X Y", password=None, phone="0912 345 678")
    assert officer.phone == "0912345678"
    with pytest.raises(DomainError):
        officer_update(actor=cast.root, officer=officer, phone="15.000.000")
    officer_update(actor=cast.root, officer=officer, phone="(024) 3825 1234")
    officer.refresh_from_db()
    assert officer.phone == "02438251234"
