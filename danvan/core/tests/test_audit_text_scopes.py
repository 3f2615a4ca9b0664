"""Apps' audit words do not change each other's sentences: shared labels may not clash, scoped ones stay scoped."""

from __future__ import annotations

import pytest

from danvan.core import audit_text
from danvan.core.models import AuditEntry


def test_a_shared_field_label_given_another_wording_is_refused():
    with pytest.raises(ValueError, match="due_on"):
        audit_text.register(fields={"due_on": "hạn một thứ khác"})


def test_scoped_words_apply_only_to_the_actions_under_their_prefix():
    audit_text.register(prefix="test.thing.", fields={"due_on": "hạn trả lời"}, values={"status": {"open": "Mở"}})
    scoped = AuditEntry(action="test.thing.changed", changes={"due_on": [None, "2026-12-03"], "status": "open"})
    other = AuditEntry(action="cases.case.accept", changes={"due_on": [None, "2026-12-03"]})
    assert audit_text.audit_details(scoped) == ["hạn trả lời: – → 03/12/2026", "trạng thái: Mở"]
    assert audit_text.audit_details(other) == ["hạn giải quyết: – → 03/12/2026"]
