"""Files chosen in a form that was refused, kept for the next try.

A browser never fills a file input again: a citizen whose report was refused for a missing phone number had to find
and choose the five photos again, and an officer the signed scan, or they gave up. A form field of this module keeps
instead each file it read without fault when the form is shown again — the file is held in storage (``held/<day>/``)
and the form carries a signed token of it in a checkbox beside the file input, checked: the next submission sends
the kept files with any newly chosen ones, and unticking one drops it. (FixMyStreet keeps its photos the same way,
by an upload id in a hidden field.)

- :class:`KeptFileField` (one file) and :class:`KeptFilesField` (several in one input) are Django file fields whose
  bound field holds the valid fresh uploads when it renders a bound form — that is, when the form is shown again —
  so no view has to remember to; a field with an error keeps nothing (its files are the problem).
- A token is signed (``django.core.signing``, salt of this module) and lasts ``KEPT_MAX_AGE``: a forged or stale one
  is ignored, and a user never reaches another's held file without its token.
- :func:`sweep` deletes the days of held files older than ``KEPT_MAX_AGE`` (a periodic task of ``danvan.jobs``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core import signing
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

HELD_DIR = "held"
KEPT_MAX_AGE = dt.timedelta(days=1)
_SALT = "danvan.core.kept_uploads"
KEPT_SUFFIX = "-kept"  # the checkboxes of a field's kept files are named "<field>-kept"
MAX_KEPT = 20  # tokens read per field and request (a form keeps at most its own few files)


def _storage() -> Storage:
    return default_storage  # where attachments go (``Attachment.file``): a held file is stored once more from it


class KeptFile(File):
    """A held file, opened from storage, under the name and size it was chosen with."""

    def __init__(self, token: str, path: str, name: str, size: int) -> None:
        super().__init__(_storage().open(path, "rb"), name)
        self.token = token
        self.path = path
        self.size = size


def hold(upload: File) -> KeptFile:
    """Store ``upload`` as held and return it as a :class:`KeptFile` (its token for the form)."""
    day = timezone.now().strftime("%Y%m%d")
    upload.seek(0)
    path = _storage().save(f"{HELD_DIR}/{day}/{uuid.uuid4().hex}", upload)
    name = str(upload.name or "").rsplit("/", 1)[-1][:200]
    size = int(upload.size or 0)
    token = signing.dumps({"p": path, "n": name, "s": size}, salt=_SALT, compress=True)
    return KeptFile(token, path, name, size)


def take(token: str) -> KeptFile | None:
    """The held file of ``token``; None for a forged or stale token, or a file already swept."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=KEPT_MAX_AGE)
        path, name, size = str(data["p"]), str(data["n"]), int(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not path.startswith(f"{HELD_DIR}/"):
        return None
    try:
        return KeptFile(token, path, name, size)
    except OSError:  # swept, or the storage lost it
        return None


def sweep(now: dt.datetime | None = None) -> int:
    """Delete the held files of the days before ``KEPT_MAX_AGE`` ago; the number of files deleted."""
    storage = _storage()
    oldest_kept = ((now or timezone.now()) - KEPT_MAX_AGE).strftime("%Y%m%d")
    try:
        days, _files = storage.listdir(HELD_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    deleted = 0
    for day in days:
        if day >= oldest_kept:
            continue
        for name in storage.listdir(f"{HELD_DIR}/{day}")[1]:
            storage.delete(f"{HELD_DIR}/{day}/{name}")
            deleted += 1
        with contextlib.suppress(OSError):
            storage.delete(f"{HELD_DIR}/{day}")  # the local disk's empty folder; object stores have none
    return deleted


class KeptFilesInput(forms.FileInput):
    """A file input with, above it, a ticked checkbox per kept file (the field's ``-kept`` values)."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, multiple: bool = False) -> None:
        self.allow_multiple_selected = multiple
        super().__init__(attrs)
        self.kept: Sequence[KeptFile] = ()
        self._read: tuple[int, int, Any] | None = None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        # Read once per form: a token opens its file.
        if self._read is not None and self._read[:2] == (id(data), id(files)):
            return self._read[2]
        fresh = super().value_from_datadict(data, files, name)
        tokens = data.getlist(name + KEPT_SUFFIX) if hasattr(data, "getlist") else []
        kept = [file for file in (take(token) for token in list(dict.fromkeys(tokens))[:MAX_KEPT]) if file is not None]
        if self.allow_multiple_selected:
            chosen = fresh if isinstance(fresh, list | tuple) else [fresh] if fresh else []  # a plain dict's one file
            value: Any = [*kept, *chosen] or None
        else:
            value = fresh or (kept[0] if kept else None)
        self._read = (id(data), id(files), value)
        return value

    def use_required_attribute(self, initial: Any) -> bool:
        # A kept file answers a required field: the browser must not ask for a new one.
        return super().use_required_attribute(initial) and not self.kept

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return super().value_omitted_from_data(data, files, name) and name + KEPT_SUFFIX not in data

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        file_input = super().render(name, value, attrs, renderer)
        if not self.kept:
            return file_input
        context = {
            "input": file_input,
            "kept": self.kept,
            "kept_name": name + KEPT_SUFFIX,
            "multiple": self.allow_multiple_selected,
        }
        return mark_safe(render_to_string("core/_kept_files.html", context))  # noqa: S308 (a template's output)


class _KeptBoundField(forms.BoundField):
    """Holds the field's valid fresh uploads when a bound form renders it (the form is shown again)."""

    def kept_files(self) -> list[KeptFile]:
        if not self.form.is_bound or self.errors:
            return []
        cached: list[KeptFile] | None = getattr(self, "_kept", None)
        if cached is None:
            value = getattr(self.form, "cleaned_data", {}).get(self.name)
            files = value if isinstance(value, list | tuple) else [value] if value else []
            cached = [file if isinstance(file, KeptFile) else hold(file) for file in files if isinstance(file, File)]
            self._kept = cached
        return cached

    def as_widget(self, widget: Any = None, attrs: Any = None, only_initial: bool = False) -> Any:
        target = widget or self.field.widget
        if isinstance(target, KeptFilesInput):
            target.kept = self.kept_files()
        return super().as_widget(widget, attrs, only_initial)


class KeptFileField(forms.FileField):
    """One file, kept when the form is refused for another field."""

    widget = KeptFilesInput

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> forms.BoundField:
        return _KeptBoundField(form, self, field_name)


class KeptFilesField(KeptFileField):
    """Several files in one input (``multiple``), the kept ones counted with those newly chosen."""

    def __init__(self, *args: Any, attrs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", KeptFilesInput(attrs=attrs, multiple=True))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(KeptFilesField, self).clean(item, initial) for item in files if item]
