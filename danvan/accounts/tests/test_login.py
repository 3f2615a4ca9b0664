"""Signing in with a password: the message on failure, the lockout, Argon2 and signing out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

import conftest
from danvan.accounts import services
from danvan.accounts.models import Officer

LOGIN_URL = reverse("accounts:login")
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def post_login(client, username: str, password: str = conftest.PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra})


def test_login_page_has_labelled_fields(client, db):
    page = client.get(LOGIN_URL).content.decode()
    assert '<label for="id_username">Tên đăng nhập</label>' in page
    assert '<label for="id_password">Mật khẩu</label>' in page
    assert "autofocus" in page


def test_officer_logs_in_and_lands_on_the_dashboard(client, cast):
    response = post_login(client, "alice")
    assert response.status_code == 302
    assert response["Location"] == reverse("office:dashboard")
    assert client.get(reverse("office:dashboard")).status_code == 200


def test_login_follows_a_local_next_but_not_a_foreign_one(client, cast):
    assert post_login(client, "alice", next="/accounts/security/")["Location"] == "/accounts/security/"
    client.logout()
    assert post_login(client, "alice", next="https://evil.example/")["Location"] == reverse("office:dashboard")


def test_username_is_not_case_sensitive(client, cast):
    assert post_login(client, " Alice ").status_code == 302


@pytest.mark.parametrize("username, password", [("alice", "sai-mat-khau"), ("nobody", conftest.PASSWORD)])
def test_wrong_credentials_get_one_message_that_does_not_say_which(client, cast, username, password):
    response = post_login(client, username, password)
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_disabled_officer_gets_the_same_message(client, cast):
    services.officer_set_active(actor=cast.dave, officer=cast.alice, is_active=False)
    response = post_login(client, "alice")
    assert response.status_code == 200
    assert WRONG in response.content.decode()


def test_five_failures_lock_even_the_right_password_until_the_cool_off(client, cast, time_machine):
    for _ in range(4):
        assert post_login(client, "alice", "sai-mat-khau").status_code == 200
    locked = post_login(client, "alice", "sai-mat-khau")
    assert locked.status_code == 429
    assert "accounts/locked.html" in [t.name for t in locked.templates]
    page = locked.content.decode()
    assert "tạm khóa" in page
    assert "Hãy thử lại sau 15 phút." in page

    right_password = post_login(client, "alice")
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session

    # The lock is on this username from this address: another officer still gets in.
    assert post_login(client, "bob").status_code == 302
    client.logout()

    time_machine.move_to(timezone.now() + dt.timedelta(minutes=16))
    assert post_login(client, "alice").status_code == 302


def test_success_resets_the_failure_count(client, cast):
    for _ in range(4):
        post_login(client, "alice", "sai-mat-khau")
    assert post_login(client, "alice").status_code == 302
    client.logout()
    for _ in range(4):
        assert post_login(client, "alice", "sai-mat-khau").status_code == 200


@pytest.mark.argon2
def test_passwords_are_stored_with_argon2(client, cast):
    assert Officer.objects.get(pk=cast.alice.pk).password.startswith("argon2$")


def test_logout_needs_post(client, cast):
    client.force_login(cast.alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("portal:home")
    assert "_auth_user_id" not in client.session


@pytest.mark.argon2
def test_officer_changes_password(client, cast):
    client.force_login(cast.alice)
    url = reverse("accounts:password")
    new_password = "Mot-mat-khau-moi-2026"
    wrong_old = client.post(url, {"old_password": "x", "new_password1": new_password, "new_password2": new_password})
    assert "Mật khẩu hiện tại không đúng." in wrong_old.content.decode()
    too_short = client.post(url, {"old_password": conftest.PASSWORD, "new_password1": "abc", "new_password2": "abc"})
    assert too_short.status_code == 200
    assert Officer.objects.get(pk=cast.alice.pk).check_password(conftest.PASSWORD)

    response = client.post(
        url, {"old_password": conftest.PASSWORD, "new_password1": new_password, "new_password2": new_password}
    )
    assert response["Location"] == reverse("accounts:security")
    assert client.get(reverse("accounts:security")).status_code == 200  # still signed in
    officer = Officer.objects.get(pk=cast.alice.pk)
    assert officer.check_password(new_password)
    assert officer.password.startswith("argon2$")
