"""The two runs of `make test` walk every role once between them, and a run by hand walks all."""

from __future__ import annotations

import pytest

from tests.walkshare import my_examples, my_part

ROLES = ("leader", "system_admin", "officer", "unit_admin", "viewer", "anonymous")


def test_alone_a_run_walks_everything(monkeypatch):
    monkeypatch.delenv("DANVAN_WALK_SHARE", raising=False)
    assert my_part(ROLES) == list(ROLES) and my_examples(30) == 30


def test_two_shares_walk_every_role_once(monkeypatch):
    parts = []
    for share in ("1/2", "2/2"):
        monkeypatch.setenv("DANVAN_WALK_SHARE", share)
        parts.append(my_part(ROLES))
        assert my_examples(30) == 15 and my_examples(8) == 4
    assert parts[0] == ["leader", "officer", "viewer"]
    assert sorted(parts[0] + parts[1]) == sorted(ROLES)


@pytest.mark.parametrize("share", ["0/2", "3/2", "x", "1/0"])
def test_a_bad_share_is_refused(monkeypatch, share):
    monkeypatch.setenv("DANVAN_WALK_SHARE", share)
    with pytest.raises(ValueError):
        my_part(ROLES)
