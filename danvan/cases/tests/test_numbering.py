"""Case numbers: one statement per number (UPDATE … RETURNING on the unit's counter), unique and gap-free — the
first filing of a year creates the counter, a rolled-back filing gives its number back, and concurrent filings on
PostgreSQL (row lock) each take the next number."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from danvan.cases.models import Case, CaseSequence, Channel
from danvan.cases.services import _next_code, case_receive_public

DAY = dt.date(2026, 11, 20)


def _file(unit, land, title="Đèn đường hỏng"):
    return case_receive_public(
        unit=unit, channel=Channel.API, field=land, title=title, summary=title + " cả đoạn", received_on=DAY
    )


@pytest.mark.django_db
def test_numbers_follow_each_other_and_a_rolled_back_filing_gives_its_number_back(cast, land):
    unit = cast.dong_xuan
    assert not CaseSequence.objects.filter(unit=unit, year=2026).exists()
    with transaction.atomic():
        first = _file(unit, land)
    assert first.code == "22081-2026-00001"
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        assert _next_code(unit, 2026) == "22081-2026-00002"
    numbering = [q["sql"] for q in queries.captured_queries if "cases_casesequence" in q["sql"]]
    assert len(numbering) == 1 and numbering[0].startswith("UPDATE"), numbering  # one statement per number
    with pytest.raises(RuntimeError), transaction.atomic():
        _file(unit, land)
        raise RuntimeError("the report could not be stored")
    with transaction.atomic():
        again = _file(unit, land)
    assert again.code == "22081-2026-00003"  # 00002 above was rolled back too
    assert CaseSequence.objects.get(unit=unit, year=2026).last == 3
    assert _next_code(cast.buon_ma_thuot, 2027) == "24133-2027-00001"  # another unit, another year: its own counter


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: SQLite's write lock serializes filings")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_filings_take_unique_consecutive_numbers(committed_audit_cleanup, cast, land):
    threads_count = 6
    start = threading.Barrier(threads_count, timeout=20)
    codes: list[str] = []
    errors: list[BaseException] = []

    def file(n: int) -> None:
        try:
            start.wait()
            with transaction.atomic():
                codes.append(_file(cast.dong_xuan, land, title=f"Phản ánh số {n}").code)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=file, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sorted(codes) == [f"22081-2026-{n:05d}" for n in range(1, threads_count + 1)]
    assert Case.objects.filter(unit=cast.dong_xuan).count() == threads_count
