"""The denouncer canary (issue 9 §2): a unique identity — name, ID number, phone, address, e-mail — is planted on a
denunciation, and every page and API answer the resolver and the OpenAPI document list, every export (XLSX), every
document (DOCX), every e-mail sent and every log line is searched for it, for every role of the cast.

Only the handler and the leader who accepted the case may see it, and only on the vault view (the page
``cases:denouncer`` and ``GET /api/v1/cases/{id}/denouncer``) — and in the notices addressed to the denouncer
(thông báo thụ lý, kết quả …), which only they may download because the denouncer's name and address are the
notice's addressee (Luật Tố cáo Art. 29.2, 40)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import logging
import zipfile
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.cases.models import CaseKind, Channel
from danvan.cases.notices import NOTICE_KINDS
from danvan.cases.services import TransitionInput, case_receive, case_transition
from danvan.cases.vault import DenouncerIdentity, DenouncerPerson
from danvan.core.text import fold
from tests.security.test_route_matrix import API, PAGES, fill, resolver_routes
from tests.walkshare import my_part

pytestmark = pytest.mark.django_db

NAME, ID_NUMBER, PHONE = "Khúc Thị Hoạ Mi Canary", "079312345678", "0987654321"
ADDRESS, EMAIL = "Số 77 ngõ Chim Sẻ Canary", "canary-denouncer@example.vn"
CANARIES = (NAME, fold(NAME), NAME.upper(), ID_NUMBER, PHONE, ADDRESS, fold(ADDRESS), EMAIL)

VAULT_PAGES = {"cases:denouncer", "cases:denouncer_scan", "cases:denouncer_scan_add"}
VAULT_API = {("GET", "/api/v1/cases/{case_id}/denouncer")}
# The lists that search cases by free text: a search by the identity must not find the denunciation. (A search
# on any other page would only echo the query in its search box, so only these are searched.)
SEARCHED_LISTS = {"cases:list"}


def leaks(content: bytes, content_type: str = "") -> list[str]:
    """The canaries found in a response body; Office files are searched inside their XML parts."""
    texts = [content.decode("utf-8", "replace")]
    with contextlib.suppress(ValueError):  # JSON escapes non-ASCII letters: search the decoded document too
        texts.append(json.dumps(json.loads(content), ensure_ascii=False))
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            texts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    text = "\n".join(texts)
    folded = fold(text)
    return [canary for canary in CANARIES if canary in text or fold(canary) in folded]


def body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def denunciation(cast, land):
    grace = make_officer("grace", "Võ Thị Giang", "22081", Role.LEADER)
    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind=CaseKind.DENUNCIATION,
        channel=Channel.POST,
        field=land,
        title="Tố cáo cán bộ địa chính nhận tiền",
        summary="Tố cáo cán bộ địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm.",
        received_on=dt.date(2026, 11, 16),
        denouncer=DenouncerIdentity(people=(DenouncerPerson(NAME, ADDRESS, PHONE, EMAIL, ID_NUMBER),)),
        subject_party="Trần Văn Cường",
    )
    case = case_transition(
        actor=cast.alice, case=case, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=True)
    )
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="3/QĐ-UBND"))
    return case, grace


def roles(cast, grace) -> dict[str, Any]:
    ivan = make_officer("ivan", "Bùi Văn Ích", "22081", Role.OFFICER)
    return {
        "anonymous": None,
        "viewer": cast.erin,
        "handler": cast.alice,
        "accepting-leader": grace,
        "other-officer": ivan,
        "unit-admin": cast.dave,
        "province-leader": cast.carol,
        "system-admin": cast.root,
        "other-unit": cast.bob,
    }


def test_the_denouncer_appears_only_on_the_vault_view_of_its_two_readers(client, cast, denunciation, caplog):
    case, grace = denunciation
    caplog.set_level(logging.DEBUG)
    mail.outbox.clear()
    call_command("sweep_deadlines")  # the deadline e-mails
    records = {"case": case, "unit": case.unit}
    found: list[str] = []
    # Each run of a shared `make test` walks half the roles, each half with one of the two readers (tests/walkshare.py).
    for role, user in my_part(list(roles(cast, grace).items())):
        client.logout()
        if user is not None:
            client.force_login(user)
        readers = role in ("handler", "accepting-leader")
        for pattern, name in resolver_routes():
            need = PAGES.get(name)
            if need is None or need.get is None:
                continue  # the admin site and the API's own URLs (walked below); POST-only pages
            if name == "case_notices:download":
                for slug, kind in NOTICE_KINDS.items():
                    response = client.get(f"/backoffice/cases/notices/{case.pk}/{slug}.docx")
                    hits = leaks(body(response))
                    if hits and not (readers and kind.to_denouncer):
                        found.append(f"{role}: notice {slug}: {hits}")
                continue
            url = fill(pattern, {**records, "initiative": case, "visit": case, "session": case}, need)
            hits = leaks(body(client.get(url)))
            if hits:
                found.append(f"{role}: GET {url}: {hits}")
            if name not in SEARCHED_LISTS:
                continue
            for query in ({"q": NAME}, {"q": ID_NUMBER}):  # a search by the identity must not find the case either
                if case.code in body(client.get(url, query)).decode("utf-8", "replace"):
                    found.append(f"{role}: {url}?q=…identity finds {case.code}")
        for (method, path), need in API.items():
            if method != "GET":
                continue
            url = fill(path, records, need)
            if "{kind}" in path:
                for slug, kind in NOTICE_KINDS.items():
                    hits = leaks(body(client.get(f"/api/v1/cases/{case.pk}/notices/{slug}")))
                    if hits and not (readers and kind.to_denouncer):
                        found.append(f"{role}: API notice {slug}: {hits}")
                continue
            response = client.get(url)
            hits = leaks(body(response))
            if (method, path) in VAULT_API:
                if readers:
                    assert response.status_code == 200 and NAME in json.dumps(response.json(), ensure_ascii=False), role
                    continue
                assert response.status_code in (401, 404), (role, response.status_code)
            if hits:
                found.append(f"{role}: API {url}: {hits}")
        # The vault view itself: its two readers see the identity, nobody else.
        vault = client.post(f"/backoffice/cases/{case.pk}/denouncer/")
        if readers:
            assert NAME in vault.content.decode() and ID_NUMBER in vault.content.decode(), role
        else:
            assert vault.status_code in (302, 404), (role, vault.status_code)
            hits = leaks(vault.content)
            if hits:
                found.append(f"{role}: vault view: {hits}")
    for message in mail.outbox:
        hits = leaks(f"{message.subject}\n{message.body}\n{message.alternatives}".encode())
        if hits:
            found.append(f"e-mail to {message.to}: {hits}")
    log_hits = leaks(caplog.text.encode())
    if log_hits:
        found.append(f"log lines: {log_hits}")
    assert not found, "\n".join(found)
