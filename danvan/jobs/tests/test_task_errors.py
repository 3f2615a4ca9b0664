"""An unhandled error in a background task reaches the error-reporting hook, with the task's name and an id that its
log lines carry too (``danvan.core.tasks.task``, the decorator of every task)."""

from __future__ import annotations

import logging

import pytest
from django_tasks_db.models import DBTaskResult

from danvan.core.logs import current_request_id
from danvan.core.tasks import task
from danvan.jobs.worker import run_pending

pytestmark = pytest.mark.django_db

HEARD: list[tuple[BaseException, dict]] = []
SEEN_IDS: list[str | None] = []
logger = logging.getLogger(__name__)


def record_error(exception, context):
    HEARD.append((exception, dict(context)))


@task()
def fail_on_purpose(text: str) -> None:
    SEEN_IDS.append(current_request_id.get())
    logger.warning("about to fail: %s", text)
    raise ValueError(text)


@task()
def succeed() -> int:
    SEEN_IDS.append(current_request_id.get())
    return 1


@pytest.fixture
def heard(settings):
    settings.ERROR_HOOK = f"{__name__}.record_error"
    HEARD.clear()
    SEEN_IDS.clear()
    yield HEARD
    HEARD.clear()
    SEEN_IDS.clear()


def test_a_failing_task_reaches_the_hook_and_still_fails(heard, caplog):
    result = fail_on_purpose.enqueue("máy chủ thư từ chối")
    with caplog.at_level(logging.WARNING, logger=__name__):
        assert run_pending() == 1
    assert DBTaskResult.objects.get(pk=result.id).status == "FAILED"
    [(exception, context)] = heard
    assert isinstance(exception, ValueError) and str(exception) == "máy chủ thư từ chối"
    assert context["kind"] == "task" and context["task"] == f"{__name__}.fail_on_purpose"
    # The task ran under its own id, the one the hook was given; outside it there is none.
    [task_id] = SEEN_IDS
    assert task_id is not None and task_id.startswith("task-") and context["request_id"] == task_id
    assert current_request_id.get() is None
    [record] = [r for r in caplog.records if r.getMessage() == "about to fail: máy chủ thư từ chối"]
    assert _request_id_of(record) == task_id


def test_a_task_that_succeeds_tells_the_hook_nothing_and_each_run_has_its_own_id(heard):
    succeed.enqueue()
    succeed.enqueue()
    assert run_pending() == 2
    assert heard == []
    assert len(set(SEEN_IDS)) == 2 and all(value and value.startswith("task-") for value in SEEN_IDS)


def _request_id_of(record: logging.LogRecord) -> str:
    from danvan.core.logs import RequestIdFilter

    RequestIdFilter().filter(record)  # as the handlers of LOGGING do
    return str(getattr(record, "request_id", ""))
