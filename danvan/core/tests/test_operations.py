"""Operations: settings do no file-system work at import, log lines carry the request id (and can be JSON), the
error-reporting hook hears of unhandled errors in pages, the API and tasks without ever breaking them, and reports
read from the primary when there is no replica."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import path

from danvan.core.db_router import REPLICA, ReplicaRouter, reading_from_replica, replica_alias, reporting_reads
from danvan.core.error_reporting import report_error, reporting_errors
from danvan.core.logs import JsonFormatter, RequestIdFilter, current_request_id, request_id_context

PRODUCTION = {
    "DANVAN_SECRET_KEY": "x" * 40,
    "DANVAN_ALLOWED_HOSTS": "a.vn",
    "DANVAN_VAULT_KEYS": "2bN4m1m8Xq0G4C6WmWcS8O9A1oJ6v3fQk3N0b2Yd8sU=",
}


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "danvan.settings", **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("debug", ["0", "1"])
def test_settings_import_creates_nothing(tmp_path, debug):
    var_dir = tmp_path / "nowhere" / "var"
    result = _python("import danvan.settings", DANVAN_DEBUG=debug, DANVAN_VAR_DIR=str(var_dir), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_production_start_creates_nothing_in_a_read_only_tree(tmp_path):
    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    try:
        result = _python(
            "import django; django.setup()", DANVAN_DEBUG="0", DANVAN_VAR_DIR=str(read_only / "var"), **PRODUCTION
        )
        assert result.returncode == 0, result.stderr
        assert list(read_only.iterdir()) == []
    finally:
        read_only.chmod(0o755)


def test_json_log_lines_carry_time_level_logger_message_request_id_and_traceback():
    record_filter, formatter = RequestIdFilter(), JsonFormatter()
    logger = logging.getLogger("danvan.test")
    with request_id_context("req-42"):
        try:
            raise ValueError("hỏng")
        except ValueError:
            record = logger.makeRecord("danvan.test", logging.ERROR, __file__, 1, "Lỗi %s", ("xử lý",), sys.exc_info())
        record_filter.filter(record)  # as the handler does, while the request (or task) runs
    line = formatter.format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "danvan.test" and entry["message"] == "Lỗi xử lý"
    assert entry["request_id"] == "req-42"
    assert entry["time"].endswith("+00:00")
    assert "ValueError: hỏng" in entry["exc_info"]


def test_json_format_is_chosen_by_the_environment(tmp_path):
    code = "import django, logging; django.setup(); logging.getLogger('danvan.x').warning('xin chào')"
    result = _python(code, DANVAN_LOG_FORMAT="json", DANVAN_VAR_DIR=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert (entry["message"], entry["logger"], entry["level"], entry["request_id"]) == (
        "xin chào",
        "danvan.x",
        "WARNING",
        "-",
    )
    refused = _python("import danvan.settings", DANVAN_LOG_FORMAT="xml", **PRODUCTION)
    assert refused.returncode != 0 and "DANVAN_LOG_FORMAT" in refused.stderr


@pytest.mark.django_db
def test_every_response_has_a_request_id_and_a_sane_incoming_one_is_kept(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32 and int(made, 16) >= 0
    assert client.get("/healthz")["X-Request-ID"] != made
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.91:2")["X-Request-ID"] == "lb-7f3a.91:2"
    for forged in ("a b", "x" * 200, "<script>", '"; drop'):
        answer = client.get("/healthz", HTTP_X_REQUEST_ID=forged)["X-Request-ID"]
        assert answer != forged and len(answer) == 32


# --- The error-reporting hook -------------------------------------------------------------------------------------

REPORTED: list[tuple[BaseException, dict]] = []


def record_error(exception, context):
    REPORTED.append((exception, dict(context)))


def failing_hook(exception, context):
    raise RuntimeError("the hook itself is down")


def boom(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError("trang hỏng")


urlpatterns = [path("boom/", boom)]


@pytest.fixture
def reported():
    REPORTED.clear()
    yield REPORTED
    REPORTED.clear()


@pytest.mark.django_db
def test_an_unhandled_page_error_reaches_the_hook_with_the_request(client, settings, reported):
    settings.ROOT_URLCONF = __name__
    settings.ERROR_HOOK = f"{__name__}.record_error"
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_X_REQUEST_ID="page-1")
    assert response.status_code == 500
    [(exception, context)] = reported
    assert isinstance(exception, ZeroDivisionError)
    assert context["kind"] == "request" and context["path"] == "/boom/" and context["request_id"] == "page-1"
    assert context["request"].path == "/boom/"


@pytest.mark.django_db
@pytest.mark.parametrize("hook", [f"{__name__}.failing_hook", "danvan.core.tests.no_such_module.hook"])
def test_a_failing_hook_never_breaks_the_request(client, settings, reported, caplog, hook):
    settings.ROOT_URLCONF = __name__
    settings.ERROR_HOOK = hook
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="danvan.errors"):
        assert client.get("/boom/").status_code == 500
    assert any("error-reporting hook" in message for message in caplog.messages)


def test_an_unhandled_api_error_reaches_the_hook(settings, reported):
    from danvan.api import on_unexpected

    settings.ERROR_HOOK = f"{__name__}.record_error"
    request = RequestFactory().get("/api/v1/cases")
    error = KeyError("missing")
    with request_id_context("api-9"):
        response = on_unexpected(request, error)
    assert response.status_code == 500
    assert reported == [
        (error, {"request_id": "api-9", "kind": "api", "request": request, "method": "GET", "path": "/api/v1/cases"})
    ]


def test_a_task_error_reaches_the_hook_and_still_fails_the_task(settings, reported):
    settings.ERROR_HOOK = f"{__name__}.record_error"
    with pytest.raises(ValueError), request_id_context("task-3"), reporting_errors("task", task="send_mail"):
        raise ValueError("SMTP từ chối")
    [(exception, context)] = reported
    assert str(exception) == "SMTP từ chối"
    assert context == {"request_id": "task-3", "kind": "task", "task": "send_mail"}


def test_without_a_hook_nothing_is_called(settings, reported):
    settings.ERROR_HOOK = ""
    report_error(ValueError("x"))
    assert reported == []
    assert current_request_id.get() is None


# --- Reports without a replica ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_without_a_replica_reports_read_from_the_primary(client):
    from danvan.cases.models import Case

    router = ReplicaRouter()
    assert replica_alias() == "default"
    with reporting_reads():
        assert not reading_from_replica()
        assert router.db_for_read(Case) == "default"
    assert router.db_for_write(Case) == "default"
    assert router.allow_migrate("default", "cases") is True
    assert router.allow_migrate(REPLICA, "cases") is False
    assert "replica" not in client.get("/healthz").json()


@pytest.mark.django_db
def test_a_log_line_written_during_a_request_carries_its_id(client, settings):
    """Django's own "Internal Server Error" line, as the JSON handler of DANVAN_LOG_FORMAT=json writes it."""
    import io

    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/boom/", HTTP_X_REQUEST_ID="page-2")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 500 and response["X-Request-ID"] == "page-2"
    [line] = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert (entry["level"], entry["logger"], entry["request_id"]) == ("ERROR", "django.request", "page-2")
    assert "ZeroDivisionError: trang hỏng" in entry["exc_info"]
