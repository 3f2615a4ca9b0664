"""Files chosen in a refused form are kept for the next try (``core.kept_uploads``): held in storage under a signed
token, offered again as ticked checkboxes, sent with any new ones, swept after their day."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils import timezone

from danvan.core import kept_uploads
from danvan.core.kept_uploads import KeptFile, KeptFileField, KeptFilesField

pytestmark = pytest.mark.django_db


class _Report(forms.Form):
    text = forms.CharField()
    photos = KeptFilesField(label="Ảnh")


class _Answer(forms.Form):
    text = forms.CharField()
    document = KeptFileField(label="Văn bản")


def _files(**files):
    data = QueryDict(mutable=True)
    for name, items in files.items():
        data.setlist(name, items)
    return data


def _post(**fields):
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def _tokens(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}-kept" value="([^"]+)"', html)


def test_a_refused_form_keeps_its_files_and_the_next_try_sends_them_with_new_ones():
    first = _Report(
        _post(text=""),
        _files(photos=[SimpleUploadedFile("a.jpg", b"aaa"), SimpleUploadedFile("b.jpg", b"bbbb")]),
    )
    assert not first.is_valid() and "text" in first.errors
    html = str(first["photos"])
    tokens = _tokens(html, "photos")
    assert len(tokens) == 2 and "a.jpg" in html and "b.jpg" in html and "checked" in html
    assert "được giữ lại" in html  # the hint says what the checkboxes mean
    assert str(first["photos"]) == html  # rendered twice, held once
    # The next try: one kept file unticked, one new file chosen.
    second = _Report(
        _post(text="Đường ngập", **{"photos-kept": tokens[1:]}), _files(photos=[SimpleUploadedFile("c.jpg", b"c")])
    )
    assert second.is_valid(), second.errors
    photos = second.cleaned_data["photos"]
    assert [p.name for p in photos] == ["b.jpg", "c.jpg"]
    assert isinstance(photos[0], KeptFile) and photos[0].size == 4 and photos[0].read() == b"bbbb"


def test_a_field_with_an_error_keeps_nothing_and_a_kept_file_answers_a_required_field():
    refused = _Answer(_post(text="x"), _files(document=[SimpleUploadedFile("empty.pdf", b"")]))
    assert not refused.is_valid() and "document" in refused.errors
    assert _tokens(str(refused["document"]), "document") == []  # the file is the problem: choose again
    other = _Answer(_post(text=""), _files(document=[SimpleUploadedFile("qd.pdf", b"%PDF-1.4")]))
    assert not other.is_valid()
    html = str(other["document"])
    [token] = _tokens(html, "document")
    assert " required" not in html.split('type="file"', 1)[1].split(">", 1)[0]  # the browser asks no new file
    again = _Answer(_post(text="Trả lời", **{"document-kept": token}), _files())
    assert again.is_valid() and again.cleaned_data["document"].name == "qd.pdf"
    replaced = _Answer(
        _post(text="Trả lời", **{"document-kept": token}), _files(document=[SimpleUploadedFile("moi.pdf", b"%PDF")])
    )
    assert replaced.is_valid() and replaced.cleaned_data["document"].name == "moi.pdf"  # a new file wins


def test_forged_stale_and_swept_tokens_are_ignored():
    kept = kept_uploads.hold(SimpleUploadedFile("a.jpg", b"aaa"))
    assert kept_uploads.take(kept.token) is not None
    assert kept_uploads.take(kept.token + "x") is None
    assert kept_uploads.take("") is None
    elsewhere = signing.dumps({"p": "attachments/secret.pdf", "n": "x", "s": 1}, salt="danvan.core.kept_uploads")
    assert kept_uploads.take(elsewhere) is None  # a signed path outside held/ is still refused
    later = timezone.now() + kept_uploads.KEPT_MAX_AGE + dt.timedelta(minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        assert kept_uploads.take(kept.token) is None
    default_storage.delete(kept.path)
    assert kept_uploads.take(kept.token) is None
    form = _Report(_post(text="x", **{"photos-kept": [kept.token, "forged"]}), _files())
    assert form.is_valid() and form.cleaned_data["photos"] == []


def test_the_sweep_deletes_the_days_past_and_keeps_today():
    old = kept_uploads.hold(SimpleUploadedFile("cu.jpg", b"old"))
    today = kept_uploads.hold(SimpleUploadedFile("moi.jpg", b"new"))
    assert default_storage.exists(old.path) and default_storage.exists(today.path)
    assert kept_uploads.sweep(timezone.now()) == 0
    assert kept_uploads.sweep(timezone.now() + dt.timedelta(days=2)) >= 2
    assert not default_storage.exists(old.path) and not default_storage.exists(today.path)
    assert kept_uploads.sweep(timezone.now() + dt.timedelta(days=2)) == 0


def test_the_platform_sweeps_kept_files_on_its_schedule():
    from danvan.jobs import schedule

    schedule.register_platform()
    assert "core.kept_uploads" in schedule.PERIODIC
