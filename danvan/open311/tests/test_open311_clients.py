"""Independent Open311 clients from PyPI drive the server: ``civicbot`` (its GeoReport v2 client reads in JSON and
files requests) and ``georeport`` (reads in JSON and XML). Their own code builds every URL, parameter and form and
parses every answer; only the socket is replaced by Django's test client (each library's transport seam: civicbot's
``HttpTransport``, a ``requests`` adapter for georeport), so the test needs no server process and no flushed
database."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from civicbot.http import HttpError
from civicbot.open311 import CONFIRM_TOKEN
from georeport import GeoReport
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from danvan.feedback.models import Report, ReportChannel
from danvan.open311.tests.conftest import ROOT, assert_valid, path_of


class DjangoAdapter(BaseAdapter):
    """A ``requests`` adapter answering from Django's test client (georeport calls ``requests.get``)."""

    def __init__(self, client: Any) -> None:
        super().__init__()
        self.client = client

    def send(self, request: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        body = request.body or b""
        answer = self.client.generic(
            request.method,
            path_of(request.url),
            body.encode() if isinstance(body, str) else body,
            content_type=request.headers.get("Content-Type", ""),
            HTTP_ACCEPT=request.headers.get("Accept", "*/*"),
        )
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers = CaseInsensitiveDict(answer.headers)
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        pass  # the Django test client holds no connection to close


@pytest.fixture
def via_requests(client, monkeypatch):
    adapter = DjangoAdapter(client)
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: adapter)


def test_civicbot_files_a_request_and_reads_it_back(cast, issued, civicbot):
    unit = cast.dong_xuan
    services = civicbot.list_services()
    assert_valid("services", services)
    assert "flooding" in {service["service_code"] for service in services}
    definition = civicbot.get_service_definition("flooding")
    assert_valid("service-definition", definition)
    sent = civicbot.create_request(
        "flooding",
        dry_run=False,
        confirm=CONFIRM_TOKEN,
        api_key=issued.secret,
        validate_remote=True,
        lat=float(unit.latitude),
        lng=float(unit.longitude),
        address_string="Cầu Đồng Xuân",
        description="Nước ngập qua cầu, xe máy không qua được",
        first_name="Bình",
        last_name="Trần",
        phone="0987654321",
    )
    assert_valid("request-response", sent.response)
    code = sent.response[0]["service_request_id"]
    report = Report.objects.get(code=code)
    assert report.channel == ReportChannel.OPEN311 and report.unit_id == unit.pk
    assert report.citizen_name == "Trần Bình" and report.client_name == issued.key.name
    row = civicbot.get_request(code)
    assert row["description"] == "Nước ngập qua cầu, xe máy không qua được" and row["status"] == "open"
    assert "0987654321" not in str(row)
    assert civicbot.get_token(code) == [{"service_request_id": code, "token": code}]
    listed = civicbot.list_requests(service_code="flooding", status="open")
    assert_valid("requests", listed)
    assert [r["service_request_id"] for r in listed] == [code]
    assert civicbot.list_requests(service_request_ids=[code, "PA-NOTHERE"])[0]["service_request_id"] == code


def test_civicbot_sees_open311_errors(cast, issued, civicbot):
    with pytest.raises(HttpError) as refused:
        civicbot.create_request(
            "flooding",
            dry_run=False,
            confirm=CONFIRM_TOKEN,
            api_key="not-a-key",
            address_id="22081",
            description="Ngập",
        )
    assert refused.value.status == 403
    import json

    errors = json.loads(refused.value.body)
    assert_valid("errors", errors)
    assert "api_key" in errors[0]["description"]
    with pytest.raises(HttpError) as outside:
        civicbot.create_request(
            "flooding",
            dry_run=False,
            confirm=CONFIRM_TOKEN,
            api_key=issued.secret,
            lat=48.85,
            lng=2.35,
            description="Ngập ở Paris",
        )
    assert outside.value.status == 400 and "Việt Nam" in json.loads(outside.value.body)[0]["description"]
    assert not Report.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_reads_services_and_requests(cast, issued, civicbot, via_requests, fmt):
    unit = cast.dong_xuan
    for text in ("Rác chất đống ở chợ", "Rác tràn ra đường"):
        civicbot.create_request(
            "waste",
            dry_run=False,
            confirm=CONFIRM_TOKEN,
            api_key=issued.secret,
            address_id=unit.code,
            description=text,
        )
    client = GeoReport(ROOT, jurisdiction="danvan", output_format=fmt)
    services = client.get_service_list()
    assert {"waste", "flooding"} <= {service["service_code"] for service in services}
    definition = client.get_service_definition("waste")
    assert definition["service_code"] == "waste"
    listed = client.get_service_requests(service_code="waste", status="open")
    assert sorted(row["description"] for row in listed) == ["Rác chất đống ở chợ", "Rác tràn ra đường"]
    code = listed[0]["service_request_id"]
    one = client.get_service_request(code)
    assert one["service_request_id"] == code and one["address_id"] == unit.code
    assert one["requested_datetime"].endswith("+07:00")
