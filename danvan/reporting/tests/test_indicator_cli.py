"""``danvan report --format json``: the figures with comparisons; a bad period or unit is a clear error; other
formats need the submissions part's renderer."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from danvan.reporting.tests import golden

pytestmark = pytest.mark.django_db


def test_report_json(cast, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)
    golden.make_visits([cast.dong_xuan], 2021, golden.VISITS_2021)
    golden.make_visits([cast.dong_xuan], 2022, golden.VISITS_2022)
    out = io.StringIO()
    call_command("report", "--unit", "22081", "--period", "2022", "--format", "json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["unit"]["code"] == "22081" and body["period"]["label"] == "Năm 2022"
    visits = next(figure for figure in body["figures"] if figure["code"] == "reception.visits")
    assert visits["value"] == 137 and visits["change_previous"] == golden.VISITS_SENTENCE
    assert len(body["figures"]) > 100
    out = io.StringIO()
    call_command("report", "--unit", "66", "--period", "2022-H1", "--codes", "reception.visits", stdout=out)
    assert [f["code"] for f in json.loads(out.getvalue())["figures"]] == ["reception.visits"]


def test_report_errors(cast):
    with pytest.raises(CommandError, match="trước khi bắt đầu"):
        call_command("report", "--unit", "22081", "--period", "2026-05-01..2026-04-01")
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("report", "--unit", "99999", "--period", "2026")
    try:
        import danvan.reporting.documents  # noqa: F401
    except ImportError:
        with pytest.raises(CommandError, match=r"documents\.render"):
            call_command("report", "--unit", "22081", "--period", "2026", "--format", "docx")
