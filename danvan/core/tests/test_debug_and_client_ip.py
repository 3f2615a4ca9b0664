"""DEBUG is off unless a developer turns it on, no 404 lists the URLconf (even with DEBUG on), and the client's
address is the real one behind trusted proxies and REMOTE_ADDR otherwise — for the audit log and the lockout."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import RequestFactory

from danvan.core.middleware import client_ip


def test_debug_is_off_unless_turned_on(tmp_path):
    env = {name: value for name, value in os.environ.items() if not name.startswith("DANVAN_")}
    env.update(
        DANVAN_SECRET_KEY="x" * 40,
        DANVAN_ALLOWED_HOSTS="example.org",
        DANVAN_VAULT_KEYS="x5nEcjbPfs4H7GlA9hbfWJOQ7wLPl0Np3cYQ0XGQ1Eo=",
        DANVAN_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="danvan.settings",
    )
    show = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    off = subprocess.run([sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True)
    assert off.stdout.strip() == "False"
    on = subprocess.run(
        [sys.executable, "-c", show], env={**env, "DANVAN_DEBUG": "1"}, capture_output=True, text=True, check=True
    )
    assert on.stdout.strip() == "True"
    bare = {name: value for name, value in env.items() if name != "DANVAN_SECRET_KEY"}
    refused = subprocess.run([sys.executable, "-c", show], env=bare, capture_output=True, text=True)
    assert refused.returncode != 0 and "DANVAN_SECRET_KEY" in refused.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("path", ["/khong-co-trang-nay/", "/backoffice/cases/999999999/", "/backoffice/khong-co/"])
def test_no_404_lists_the_urlconf(client, cast, settings, debug, path):
    settings.DEBUG = debug
    client.force_login(cast.alice)
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert "URLconf" not in page and "api/v1/" not in page and "backoffice/" not in page.replace(path, "")
    assert "Không tìm thấy trang" in page


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_api_address_answers_json(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/api/v1/khong-co")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy."}


@pytest.mark.django_db
def test_a_wrong_api_method_answers_json(client):
    response = client.delete("/api/v1/org-kinds")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed" and "DELETE" in response.json()["message"]


def request_from(remote: str, forwarded: str | None = None):
    request = RequestFactory().get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_trusted_proxies_a_forged_header_changes_nothing(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_real_client_counts(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    # nginx appends the address it saw; what the client wrote to the left is not believed.
    assert client_ip(request_from("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    assert client_ip(request_from("127.0.0.1", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    # Two layers of trusted proxies.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.7")) == "203.0.113.9"
    # A connection not from a trusted proxy: its header is ignored.
    assert client_ip(request_from("198.51.100.7", "1.2.3.4")) == "198.51.100.7"
    # A trusted proxy that sent no header.
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"


@pytest.mark.django_db
def test_the_lockout_and_the_audit_log_count_the_real_client(client, cast, settings):
    from axes.helpers import get_client_ip_address

    from danvan.core.models import AuditEntry

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    request = request_from("127.0.0.1", "6.6.6.6, 203.0.113.9")
    assert get_client_ip_address(request) == "203.0.113.9"
    client.force_login(cast.alice)
    response = client.post(
        f"/api/v1/units/{cast.dong_xuan.pk}/villages",
        {"name": "Thôn Địa Chỉ"},
        content_type="application/json",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )
    assert response.status_code == 201, response.content
    assert AuditEntry.objects.latest("pk").ip_address == "203.0.113.9"
