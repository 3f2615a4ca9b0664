"""The audit log page reads as sentences, with what changed in words, never Python dicts or codes alone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from danvan.cases.services import TransitionInput, case_transition
from danvan.core.audit_text import audit_details, audit_sentence
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_audit_page_reads_as_sentences(client, cast, grace, complaint):
    case_transition(
        actor=cast.alice,
        case=complaint,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True),
    )
    case_transition(actor=grace, case=complaint, action="accept", data=TransitionInput(document_no="12"))
    received = AuditEntry.objects.get(action="cases.case.received")
    assert audit_sentence(received) == "Nguyễn Thị An đã tiếp nhận đơn 22081-2026-00001 lúc 16:00 20/11/2026"
    accepted = AuditEntry.objects.get(action="cases.case.accept")
    assert audit_sentence(accepted) == "Võ Thị Giang đã thụ lý đơn 22081-2026-00001 lúc 16:00 20/11/2026"
    details = audit_details(accepted)
    assert "trạng thái: Đã phân loại → Đã thụ lý" in details
    assert any(re.fullmatch(r"hạn giải quyết: \d{2}/\d{2}/\d{4}( → \d{2}/\d{2}/\d{4})?", d) for d in details)

    client.force_login(cast.dave)  # the commune's unit administrator
    page = client.get(reverse("office:audit")).content.decode()
    assert "Nguyễn Thị An đã tiếp nhận đơn 22081-2026-00001 lúc 16:00 20/11/2026" in page
    assert "Võ Thị Giang đã thụ lý đơn 22081-2026-00001 lúc 16:00 20/11/2026" in page
    assert "trạng thái: Đã phân loại → Đã thụ lý" in page
    # No stored dict or list shows through.
    assert "{&#x27;" not in page and "[&#x27;" not in page and "&#x27;status&#x27;" not in page


def test_an_unregistered_action_still_reads_as_a_sentence(cast, complaint):
    entry = AuditEntry.objects.create(
        actor=cast.alice, action="somewhere.thing.created", object_type="x.y", object_id="1", object_repr="Vật A"
    )
    assert audit_sentence(entry).startswith("Nguyễn Thị An đã tạo Vật A lúc ")
    other = AuditEntry.objects.create(actor=None, action="x.odd", object_type="x.y", object_id="1", object_repr="B")
    assert audit_sentence(other).startswith("Hệ thống đã thực hiện “x.odd” với B lúc ")
