"""TOTP two-factor: set up with a real code, the code step at the next login, enforcement for administrators."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

import conftest
from danvan.accounts.access import active_memberships
from danvan.accounts.middleware import second_factor_missing
from danvan.accounts.models import Officer
from danvan.core.models import AuditEntry

SETUP_URL = reverse("accounts:twofactor_setup")
VERIFY_URL = reverse("accounts:twofactor_verify")
DASHBOARD_URL = reverse("office:dashboard")


def code_for(device: TOTPDevice) -> str:
    """The code the officer's phone shows right now."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def next_time_step(time_machine) -> None:
    # A code is accepted once; the next one belongs to a later 30-second step.
    time_machine.move_to(timezone.now() + dt.timedelta(seconds=31))


def confirmed_device(officer: Officer) -> TOTPDevice:
    return TOTPDevice.objects.create(user=officer, name="TOTP", confirmed=True)


def login_verified(client, officer: Officer, device: TOTPDevice) -> None:
    """Signed in and verified with ``device``, as after the password and code steps."""
    client.force_login(officer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def password_login(client, username: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": conftest.PASSWORD})


def test_officer_sets_up_two_factor_with_a_code_from_the_app(client, cast, time_machine):
    client.force_login(cast.alice)
    page = client.get(SETUP_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<img src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=cast.alice)
    assert not device.confirmed
    assert client.get(SETUP_URL).status_code == 200
    assert TOTPDevice.objects.filter(user=cast.alice).count() == 1, "reloading reuses the draft device"

    wrong = client.post(SETUP_URL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    next_time_step(time_machine)
    response = client.post(SETUP_URL, {"code": code_for(device)})
    assert response["Location"] == reverse("accounts:security")
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert AuditEntry.objects.filter(action="accounts.twofactor.enabled", object_id=str(cast.alice.pk)).exists()
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert "Đang bật" in client.get(reverse("accounts:security")).content.decode()


def test_setup_page_shows_the_secret_for_manual_entry(client, cast):
    import base64

    client.force_login(cast.alice)
    html = client.get(SETUP_URL).content.decode()
    secret = base64.b32encode(TOTPDevice.objects.get(user=cast.alice).bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html


def test_next_login_asks_for_the_code(client, cast, time_machine):
    device = confirmed_device(cast.alice)
    response = password_login(client, "alice")
    assert response["Location"] == VERIFY_URL
    assert "_auth_user_id" not in client.session, "not signed in before the code"
    assert client.get(DASHBOARD_URL)["Location"].startswith(reverse("accounts:login"))

    wrong = client.post(VERIFY_URL, {"code": "12345"})
    assert "6 chữ số" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post(VERIFY_URL, {"code": code_for(device)})
    assert response["Location"] == DASHBOARD_URL
    assert client.session["_auth_user_id"] == str(cast.alice.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(DASHBOARD_URL).status_code == 200


def test_the_code_step_expires(client, cast, time_machine):
    device = confirmed_device(cast.alice)
    password_login(client, "alice")
    time_machine.move_to(timezone.now() + dt.timedelta(minutes=6))
    response = client.post(VERIFY_URL, {"code": code_for(device)})
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_the_code_step_without_a_password_goes_back_to_login(client, cast):
    assert client.get(VERIFY_URL)["Location"] == reverse("accounts:login")


def test_guessing_codes_runs_into_the_lockout(client, cast):
    device = confirmed_device(cast.alice)
    password_login(client, "alice")
    wrong_code = "000000" if code_for(device) != "000000" else "111111"
    for _ in range(4):
        assert client.post(VERIFY_URL, {"code": wrong_code}).status_code == 200
    assert client.post(VERIFY_URL, {"code": wrong_code}).status_code == 429
    assert client.post(VERIFY_URL, {"code": code_for(device)})["Location"] == reverse("accounts:login")
    assert password_login(client, "alice").status_code == 429


@pytest.mark.parametrize("who", ["dave", "root"])
def test_administrator_without_a_device_is_sent_to_setup(client, cast, who, time_machine):
    password_login(client, who)
    response = client.get(DASHBOARD_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP_URL}?next=%2Fbackoffice%2F"
    assert client.get(reverse("officers:list"))["Location"].startswith(SETUP_URL)
    assert client.get(reverse("portal:home")).status_code == 200
    # Nor does the session open the API until the second factor is verified.
    assert client.get("/api/v1/me").status_code == 401

    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user__username=who)
    next_time_step(time_machine)
    response = client.post(SETUP_URL, {"code": code_for(device), "next": "/backoffice/"})
    assert response["Location"] == DASHBOARD_URL
    assert client.get(DASHBOARD_URL).status_code == 200
    assert client.get("/api/v1/me").status_code == 200


def test_administrator_with_an_unverified_session_is_sent_to_verify(client, cast):
    password_login(client, "dave")  # signed in before the device existed (or through another login form)
    device = confirmed_device(cast.dave)
    response = client.get(DASHBOARD_URL)
    assert response["Location"] == f"{VERIFY_URL}?next=%2Fbackoffice%2F"
    response = client.post(VERIFY_URL + "?next=%2Fbackoffice%2F", {"code": code_for(device), "next": "/backoffice/"})
    assert response["Location"] == DASHBOARD_URL
    assert client.get(DASHBOARD_URL).status_code == 200


def test_plain_officer_does_not_need_two_factor(client, cast):
    password_login(client, "alice")
    assert client.get(DASHBOARD_URL).status_code == 200
    assert client.get(reverse("accounts:security")).status_code == 200


def test_officer_turns_two_factor_off_with_a_current_code(client, cast, time_machine):
    device = confirmed_device(cast.alice)
    login_verified(client, cast.alice, device)
    wrong_code = "000000" if code_for(device) != "000000" else "111111"
    client.post(reverse("accounts:twofactor_disable"), {"code": wrong_code})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    next_time_step(time_machine)
    response = client.post(reverse("accounts:twofactor_disable"), {"code": code_for(device)})
    assert response["Location"] == reverse("accounts:security")
    assert not TOTPDevice.objects.filter(user=cast.alice).exists()
    assert AuditEntry.objects.filter(action="accounts.twofactor.disabled", object_id=str(cast.alice.pk)).exists()
    assert password_login(client, "alice")["Location"] == DASHBOARD_URL


def test_administrator_cannot_turn_two_factor_off(client, cast):
    device = confirmed_device(cast.dave)
    login_verified(client, cast.dave, device)
    assert "không thể tắt" in client.get(reverse("accounts:security")).content.decode()
    client.post(reverse("accounts:twofactor_disable"), {"code": code_for(device)})
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    assert not AuditEntry.objects.filter(action="accounts.twofactor.disabled").exists()


def test_the_check_costs_one_query_shared_with_the_page(cast, django_assert_num_queries):
    officer: Any = Officer.objects.get(pk=cast.alice.pk)
    officer.is_verified = lambda: False
    with django_assert_num_queries(1):
        assert not second_factor_missing(officer)
    with django_assert_num_queries(0):
        active_memberships(officer)
    superuser: Any = Officer.objects.get(pk=cast.root.pk)
    superuser.is_verified = lambda: False
    with django_assert_num_queries(0):
        assert second_factor_missing(superuser)
