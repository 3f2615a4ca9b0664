"""Answering one recommendation twice at the same moment (issue 12: "answering twice concurrently (one wins,
409)") as a real race on PostgreSQL: two threads, each with its own connection and transaction, both read the open
item before either writes; the row lock (``select_for_update``) makes the second wait for the first's commit and
then refuse. ``test_recommendations`` covers the same rule one answer after the other, on every database."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction

from conftest import organization
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry
from danvan.democracy.models import Recommendation, RecommendationStatus
from danvan.democracy.recommendation_services import recommendation_answer, recommendation_raise

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: SQLite locks the whole database, it has no race to lose"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TODAY = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC)


def blocking_another_backend() -> bool:
    """Whether another session is waiting for a lock this one holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid)))"
        )
        return bool(cursor.fetchone()[0])


def test_two_officers_answering_at_the_same_moment_one_wins_the_other_gets_409(
    committed_audit_cleanup,
    cast,
    time_machine,
):
    time_machine.move_to(TODAY, tick=False)
    ubnd = organization("22081")
    item = recommendation_raise(
        actor=cast.alice,
        event=cast.dong_xuan,
        source="voter_contact",
        unit=cast.dong_xuan,
        raised_on=dt.date(2026, 12, 15),
        kind="recommendation",
        raised_by="Ông Nguyễn Văn Tư, thôn Phú Xuân",
        content="Đề nghị sửa chữa đường liên thôn Phú Xuân đoạn qua cầu Đá bị xuống cấp.",
        addressee="other",
        addressee_org=ubnd,
    )
    both_read = threading.Barrier(2, timeout=20)
    outcomes: dict[str, dict[str, Any]] = {"alice": {}, "dave": {}}

    def other(officer: Any) -> str:
        return "dave" if officer.username == "alice" else "alice"

    def finished(name: str) -> bool:
        return bool(outcomes[name].keys() & {"answered", "refused", "error"})

    def answer(officer: Any) -> None:
        outcome = outcomes[officer.username]
        try:
            with transaction.atomic():
                seen = Recommendation.objects.get(pk=item.pk)  # the page the officer opened
                outcome["read"] = (seen.status, seen.version)
                both_read.wait()
                try:
                    recommendation_answer(
                        actor=officer,
                        item=seen,
                        expected_version=seen.version,
                        answered_on=TODAY.date(),
                        answer=f"Trả lời của {officer.username}.",
                        by_org=ubnd,
                    )
                except DomainError as error:
                    outcome["refused"] = (error.status, error.code)
                    return
                # Hold the answer uncommitted until the other answer waits on the row lock: the race is then
                # certain, not a matter of which thread the scheduler ran first. (Without the lock the other one
                # answers too, and waits here only until this one is done.)
                deadline = time.monotonic() + 20
                while not (blocked := blocking_another_backend()) and not finished(other(officer)):
                    assert time.monotonic() < deadline, "the other answer neither waited nor finished"
                    time.sleep(0.01)
                outcome["held_the_other_back"] = blocked
                outcome["answered"] = True
        except BaseException as error:  # reported to the test below, not lost in the thread
            outcome["error"] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(officer,)) for officer in (cast.alice, cast.dave)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)

    assert all("error" not in outcome for outcome in outcomes.values()), outcomes
    # Both read the open item at version 1 before either wrote.
    assert [outcome["read"] for outcome in outcomes.values()] == [(RecommendationStatus.OPEN, 1)] * 2, outcomes
    winners = [name for name, outcome in outcomes.items() if outcome.get("answered")]
    losers = [outcome["refused"] for outcome in outcomes.values() if "refused" in outcome]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert outcomes[winners[0]]["held_the_other_back"], outcomes  # the loser waited for the winner's row lock
    status, code = losers[0]
    assert status == 409 and code in {"already_answered", "stale"}, outcomes

    item.refresh_from_db()
    assert item.status == RecommendationStatus.ANSWERED and item.version == 2
    assert item.answer == f"Trả lời của {winners[0]}."
    answered = AuditEntry.objects.filter(action="democracy.recommendation.answered", object_id=str(item.pk))
    assert list(answered.values_list("actor__username", flat=True)) == winners
