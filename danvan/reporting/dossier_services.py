"""Administrative-procedure dossiers: import of a province's one-stop-shop export (XLSX or CSV), its column
mapping remembered per province, and the procedure figures units enter.

The import is all-or-nothing: every row is read and checked first (each problem named by row and column), then all
dossiers are written in one transaction in batches (``bulk_create``), or none. A dossier already imported (same
number in the province) is updated: a later export carries the dossiers resolved since. Columns are found by the
province's :class:`ImportMapping` (headings of its export) — mapped once by an officer of the province, remembered
for the next import; a heading the mapping names but the file lacks is refused by name, nothing stored. The month
cube (``sources_dossiers.CUBE``) follows in the same transaction: the dossiers' old counts taken away before each
batch, their new ones added after, and those rows merged with their keys' at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

import openpyxl
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.text import fold, matches_all_terms, single_line
from danvan.reporting.models import (
    Dossier,
    DossierChannel,
    DossierStatus,
    ImportMapping,
    ProcedureFigure,
    ProcedureLevel,
)
from danvan.reporting.models.dossiers import dossier_search_text
from danvan.reporting.sources_dossiers import CUBE

MAX_ROWS = 2_000_000
BATCH = 2_000
MAX_ERRORS = 200
Progress = Callable[[int, int], None]
_DATE_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class Field(NamedTuple):
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("number", "Mã hồ sơ", True, ("Số hồ sơ", "Mã số hồ sơ", "Ma ho so")),
    Field("unit", "Đơn vị tiếp nhận", True, ("Cơ quan tiếp nhận", "Đơn vị", "Mã đơn vị", "Xã, phường")),
    Field("procedure_code", "Mã thủ tục", False, ("Mã TTHC", "Mã thủ tục hành chính")),
    Field("procedure_name", "Tên thủ tục", True, ("Tên TTHC", "Tên thủ tục hành chính", "Thủ tục")),
    Field("level", "Cấp thực hiện", False, ("Cấp",)),
    Field("received_on", "Ngày tiếp nhận", True, ("Ngày nhận", "Ngày nhận hồ sơ", "Ngày nộp")),
    Field("channel", "Hình thức nộp", True, ("Kênh nộp", "Hình thức tiếp nhận", "Hình thức")),
    Field("due_on", "Hạn giải quyết", False, ("Ngày hẹn trả", "Ngày hẹn trả kết quả", "Hạn xử lý")),
    Field("finished_on", "Ngày giải quyết", False, ("Ngày có kết quả", "Ngày hoàn thành", "Ngày kết thúc")),
    Field("status", "Tình trạng", True, ("Trạng thái", "Kết quả")),
)
LABEL_OF = {f.key: f.label for f in FIELDS}
REQUIRED = tuple(f.key for f in FIELDS if f.required)

# The usual words of one-stop-shop exports; a province's mapping adds its own (folded word → value).
DEFAULT_CHANNELS = {
    "truc tuyen": DossierChannel.ONLINE,
    "online": DossierChannel.ONLINE,
    "dich vu cong truc tuyen": DossierChannel.ONLINE,
    "truc tiep": DossierChannel.IN_PERSON,
    "tai bo phan mot cua": DossierChannel.IN_PERSON,
    "buu chinh": DossierChannel.POST,
    "dich vu buu chinh": DossierChannel.POST,
    "buu chinh cong ich": DossierChannel.POST,
}
RESOLVED = "resolved"  # "Đã giải quyết": early, on time or late by the dates
DEFAULT_STATUSES = {
    "da giai quyet": RESOLVED,
    "da tra ket qua": RESOLVED,
    "hoan thanh": RESOLVED,
    "truoc han": DossierStatus.EARLY,
    "giai quyet truoc han": DossierStatus.EARLY,
    "dung han": DossierStatus.ON_TIME,
    "giai quyet dung han": DossierStatus.ON_TIME,
    "qua han": DossierStatus.LATE,
    "giai quyet qua han": DossierStatus.LATE,
    "dang giai quyet": DossierStatus.IN_PROGRESS,
    "dang xu ly": DossierStatus.IN_PROGRESS,
    "rut ho so": DossierStatus.WITHDRAWN,
    "da rut": DossierStatus.WITHDRAWN,
    "cong dan rut ho so": DossierStatus.WITHDRAWN,
    "tra lai": DossierStatus.RETURNED,
    "tra lai ho so": DossierStatus.RETURNED,
    "khong giai quyet": DossierStatus.RETURNED,
}
LEVELS = {"cap tinh": ProcedureLevel.PROVINCE, "tinh": ProcedureLevel.PROVINCE, "cap xa": ProcedureLevel.COMMUNE}


@dataclass(frozen=True)
class RowError:
    """``row`` as the spreadsheet numbers it (the heading is row 1), ``column`` by the file's heading."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


class InvalidImport(DomainError):
    """The file was refused; ``errors`` lists the problems found (nothing was written)."""

    status = 422

    def __init__(self, message: str, errors: Sequence[RowError] = (), code: str = "import_invalid") -> None:
        super().__init__(code, message)
        self.errors = list(errors)


# --- Reading the file -------------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return single_line(str(value)).strip()


def read_table(file: IO[bytes] | Any, name: str = "") -> tuple[list[str], Iterator[list[Any]]]:
    """The heading row and an iterator of the data rows of an XLSX (first sheet) or CSV (UTF-8, comma or
    semicolon) file; ``InvalidImport`` when it is neither."""
    head = file.read(4)
    file.seek(0)
    if head[:2] == b"PK":
        try:
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, InvalidFileException) as error:
            raise InvalidImport(_("Không đọc được tệp Excel."), code="import_unreadable") from error
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InvalidImport(_("Tệp không có dòng tiêu đề."), code="import_empty")

        def xlsx_rows() -> Iterator[list[Any]]:
            try:
                for row in rows:
                    yield list(row)
            finally:
                workbook.close()

        return [_cell_text(h) for h in header], xlsx_rows()
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidImport(_("Tệp CSV phải mã hóa UTF-8."), code="import_unreadable") from error
    if "\x00" in text:
        raise InvalidImport(_("Không đọc được tệp: không phải Excel hay CSV."), code="import_unreadable")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header_row = next(reader, None)
    if not header_row:
        raise InvalidImport(_("Tệp không có dòng tiêu đề."), code="import_empty")
    return [_cell_text(h) for h in header_row], (list(r) for r in reader)


def estimate_rows(file: IO[bytes] | Any) -> int:
    """The data rows the file declares (XLSX: the sheet's dimension; CSV: its lines), for the progress bar."""
    try:
        head = file.read(4)
        file.seek(0)
        if head[:2] == b"PK":
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
            try:
                return max((workbook.worksheets[0].max_row or 1) - 1, 0)
            finally:
                workbook.close()
        return max(file.read().count(b"\n") - 1, 0)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, InvalidFileException):
        return 0
    finally:
        file.seek(0)


def read_headings(file: IO[bytes] | Any, name: str = "") -> list[str]:
    headings, rows = read_table(file, name)
    if hasattr(rows, "close"):
        rows.close()
    file.seek(0)
    return headings


def guess_columns(headings: Sequence[str], saved: dict[str, str] | None = None) -> dict[str, str]:
    """For each field, the file's heading: the province's saved mapping when the file has that heading, else the
    field's label or a usual alias (compared folded)."""
    by_fold = {fold(h): h for h in headings if h}
    guessed: dict[str, str] = {}
    for f in FIELDS:
        if saved and saved.get(f.key) and fold(saved[f.key]) in by_fold:
            guessed[f.key] = by_fold[fold(saved[f.key])]
            continue
        for candidate in (f.label, *f.aliases):
            if fold(candidate) in by_fold:
                guessed[f.key] = by_fold[fold(candidate)]
                break
    return guessed


def check_columns(headings: Sequence[str], columns: dict[str, str]) -> None:
    """Refuse (naming each) a required field without a column, or a mapped heading the file does not have."""
    by_fold = {fold(h) for h in headings if h}
    errors: list[RowError] = []
    for f in FIELDS:
        heading = (columns.get(f.key) or "").strip()
        if not heading:
            if f.required:
                errors.append(RowError(1, f.label, _("Chưa chọn cột cho «%(field)s».") % {"field": f.label}))
        elif fold(heading) not in by_fold:
            errors.append(
                RowError(
                    1,
                    heading,
                    _("Tệp không có cột «%(heading)s» (dùng cho «%(field)s»).")
                    % {"heading": heading, "field": f.label},
                )
            )
    if errors:
        raise InvalidImport(
            _("Các cột của tệp không khớp với cách đọc đã chọn: %(names)s. Không hồ sơ nào được nhập.")
            % {"names": ", ".join(f"«{e.column}»" for e in errors)},
            errors,
            code="import_columns",
        )


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    match = _DATE_DMY.match(text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        match = _DATE_ISO.match(text)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass  # digits of no real day ("31/02/2026"): not a date, said as such below
    raise ValueError(text)


class _Units:
    """The province's units (both trees) found by code or by name, folded."""

    def __init__(self, province: AdministrativeUnit) -> None:
        units = AdministrativeUnit.objects.filter(
            province_code=province.province_code, level__in=[UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE]
        ).only("id", "code", "name", "short_name", "path", "province_code", "tree")
        self.by_key: dict[str, AdministrativeUnit] = {}
        ambiguous: set[str] = set()
        # Current units last, so that a name both trees hold finds the current unit.
        for unit in sorted(units, key=lambda u: u.tree == "current"):
            self.by_key[fold(unit.code)] = unit
            for name in {fold(unit.name), fold(unit.short_name)} - {""}:
                existing = self.by_key.get(name)
                if existing is not None and existing.tree == unit.tree and existing.pk != unit.pk:
                    ambiguous.add(name)
                self.by_key[name] = unit
        for name in ambiguous:
            self.by_key.pop(name, None)

    def find(self, text: str) -> AdministrativeUnit | None:
        return self.by_key.get(fold(text))


def _words(saved: dict[str, str] | None, defaults: Mapping[str, str]) -> dict[str, str]:
    words: dict[str, str] = dict(defaults)
    words.update({fold(k): v for k, v in (saved or {}).items()})
    return words


def parse_rows(
    *,
    province: AdministrativeUnit,
    file: IO[bytes] | Any,
    mapping: ImportMapping,
    name: str = "",
    progress: Progress | None = None,
    total: int = 0,
) -> list[Dossier]:
    """Every row of the file as an unsaved :class:`Dossier`, or ``InvalidImport`` with every problem found."""
    headings, rows = read_table(file, name)
    check_columns(headings, mapping.columns)
    index_of = {fold(h): i for i, h in enumerate(headings)}
    position = {key: index_of[fold(heading)] for key, heading in mapping.columns.items() if heading}
    channels = _words(mapping.channel_values, DEFAULT_CHANNELS)
    statuses = _words(mapping.status_values, DEFAULT_STATUSES)
    units = _Units(province)
    # The same few words and units repeat on every row: fold each once.
    find_unit = functools.lru_cache(maxsize=4096)(units.find)
    channel_of = functools.lru_cache(maxsize=256)(lambda text: channels.get(fold(text)))
    status_of = functools.lru_cache(maxsize=256)(lambda text: statuses.get(fold(text)))
    fold_name = functools.lru_cache(maxsize=4096)(fold)
    level_of = functools.lru_cache(maxsize=64)(lambda text: LEVELS.get(fold(text), ProcedureLevel.COMMUNE))
    errors: list[RowError] = []
    dossiers: list[Dossier] = []
    seen: dict[str, int] = {}

    def error(row: int, key: str, message: str) -> None:
        if len(errors) < MAX_ERRORS:
            errors.append(RowError(row, mapping.columns.get(key) or LABEL_OF[key], message))

    row_number = 1
    for values in rows:
        row_number += 1
        if row_number - 1 > MAX_ROWS:
            raise InvalidImport(_("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS}, code="import_too_large")

        def get(key: str, values: list[Any] = values) -> Any:
            i = position.get(key)
            return values[i] if i is not None and i < len(values) else None

        if all(_cell_text(v) == "" for v in values):
            continue
        row_errors = len(errors)
        number = _cell_text(get("number"))
        if not number:
            error(row_number, "number", _("Thiếu mã hồ sơ."))
        elif number in seen:
            error(row_number, "number", _("Mã hồ sơ trùng với dòng %(row)s.") % {"row": seen[number]})
        else:
            seen[number] = row_number
        unit_text = _cell_text(get("unit"))
        unit = find_unit(unit_text) if unit_text else None
        if unit is None:
            error(
                row_number,
                "unit",
                _("Không tìm thấy đơn vị «%(unit)s» trong tỉnh.") % {"unit": unit_text}
                if unit_text
                else _("Thiếu đơn vị tiếp nhận."),
            )
        procedure_name = _cell_text(get("procedure_name"))
        if not procedure_name:
            error(row_number, "procedure_name", _("Thiếu tên thủ tục."))
        dates: dict[str, dt.date | None] = {}
        invalid: set[str] = set()
        for key in ("received_on", "due_on", "finished_on"):
            try:
                dates[key] = _date(get(key))
            except ValueError:
                dates[key] = None
                invalid.add(key)
                error(row_number, key, _("Ngày «%(value)s» không hợp lệ (dd/mm/yyyy).") % {"value": get(key)})
        received_on, due_on, finished_on = dates["received_on"], dates["due_on"], dates["finished_on"]
        if received_on is None and "received_on" not in invalid:
            error(row_number, "received_on", _("Thiếu ngày tiếp nhận."))
        channel_text = _cell_text(get("channel"))
        channel = channel_of(channel_text)
        if channel is None:
            error(row_number, "channel", _("Hình thức nộp «%(value)s» không rõ.") % {"value": channel_text})
        status_text = _cell_text(get("status"))
        status = status_of(status_text)
        if status is None:
            error(row_number, "status", _("Tình trạng «%(value)s» không rõ.") % {"value": status_text})
        elif status != DossierStatus.IN_PROGRESS and finished_on is None and "finished_on" not in invalid:
            error(row_number, "finished_on", _("Hồ sơ đã kết thúc nhưng thiếu ngày giải quyết."))
        elif status == DossierStatus.IN_PROGRESS:
            finished_on = None
        if received_on and finished_on and finished_on < received_on:
            error(row_number, "finished_on", _("Ngày giải quyết trước ngày tiếp nhận."))
        if received_on and due_on and due_on < received_on:
            error(row_number, "due_on", _("Hạn giải quyết trước ngày tiếp nhận."))
        level = level_of(_cell_text(get("level")))
        if unit is not None and unit.level == UnitLevel.PROVINCE and not _cell_text(get("level")):
            level = ProcedureLevel.PROVINCE
        if (
            len(errors) == row_errors
            and unit is not None
            and received_on is not None
            and channel is not None
            and status is not None
        ):
            if status == RESOLVED:
                assert finished_on is not None
                status = (
                    DossierStatus.ON_TIME
                    if due_on is None or finished_on == due_on
                    else DossierStatus.EARLY
                    if finished_on < due_on
                    else DossierStatus.LATE
                )
            procedure_code = _cell_text(get("procedure_code"))[:60]
            dossiers.append(
                Dossier(
                    search_text=dossier_search_text(number[:60], procedure_code, fold_name(procedure_name[:500])),
                    unit=unit,
                    unit_path=unit.path,
                    province_code=unit.province_code,
                    number=number[:60],
                    procedure_code=procedure_code,
                    procedure_name=procedure_name[:500],
                    level=level,
                    received_on=received_on,
                    channel=channel,
                    due_on=due_on,
                    finished_on=finished_on,
                    status=status,
                )
            )
        if progress is not None and row_number % 5000 == 0:
            expected = max(total, row_number)
            progress(row_number - 1, 2 * expected)
    if errors:
        raise InvalidImport(
            _("Tệp có lỗi (%(n)s lỗi đầu tiên liệt kê dưới đây); không hồ sơ nào được nhập.") % {"n": len(errors)},
            errors,
        )
    if not dossiers:
        raise InvalidImport(_("Tệp không có hồ sơ nào."), code="import_empty")
    return dossiers


def dossiers_import(
    *,
    actor: Any,
    province: AdministrativeUnit,
    file: IO[bytes] | Any,
    name: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Check the whole file, then write every dossier in one transaction (batches of ``BATCH``), or none."""
    mapping = mapping_for(province)
    if not mapping.columns:
        raise DomainError("mapping_missing", _("Tỉnh chưa chọn cách đọc các cột của tệp."), status=422)
    expected = estimate_rows(file) if progress is not None else 0
    dossiers = parse_rows(province=province, file=file, mapping=mapping, name=name, progress=progress, total=expected)
    total = len(dossiers)
    numbers = [d.number for d in dossiers]
    with transaction.atomic():
        # One import of a province at a time: the month cube's rows of its units change below.
        if mapping.pk is not None:
            ImportMapping.objects.select_for_update(of=("self",)).filter(pk=mapping.pk).first()
        existing = 0
        for start in range(0, total, BATCH):
            chunk = numbers[start : start + BATCH]
            existing += Dossier.objects.filter(province_code=province.province_code, number__in=chunk).count()
        since = CUBE.mark()
        now = timezone.now()
        for start in range(0, total, BATCH):
            batch = dossiers[start : start + BATCH]
            chunk_numbers = numbers[start : start + BATCH]
            for dossier in batch:
                dossier.imported_at = now
            # The month cube: these dossiers' old counts taken away, their new ones added after the write.
            CUBE.count_in(sign=-1, provinces=[province.province_code], field="number", values=chunk_numbers)
            Dossier.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["province_code", "number"],
                update_fields=[
                    "unit",
                    "unit_path",
                    "procedure_code",
                    "procedure_name",
                    "level",
                    "received_on",
                    "channel",
                    "due_on",
                    "finished_on",
                    "status",
                    "search_text",
                    "imported_at",
                ],
            )
            CUBE.count_in(sign=1, provinces=[province.province_code], field="number", values=chunk_numbers)
            if progress is not None:
                progress(total + start + len(batch), 2 * total)
        CUBE.compact(since)  # the rows added above merged with their keys' rows: one per key
        audit_log(
            actor=actor,
            action="reporting.dossiers.imported",
            instance=province,
            changes={"rows": total, "updated": existing, "file": name[:100]},
        )
    return ImportResult(created=total - existing, updated=existing)


# --- The mapping ------------------------------------------------------------------------------------------------


def mapping_for(province: AdministrativeUnit) -> ImportMapping:
    """The province's saved mapping (unsaved and empty when it has none)."""
    return ImportMapping.objects.filter(province=province).first() or ImportMapping(province=province)


def mapping_save(
    *,
    actor: Any,
    province: AdministrativeUnit,
    columns: dict[str, str],
    channel_values: dict[str, str] | None = None,
    status_values: dict[str, str] | None = None,
    version: int | None = None,
) -> ImportMapping:
    """Remember how the province's export is laid out. ``version``: the one read (409 ``stale`` if changed)."""
    known = {f.key for f in FIELDS}
    columns = {k: single_line(v).strip()[:200] for k, v in columns.items() if k in known and v and v.strip()}
    missing = [LABEL_OF[k] for k in REQUIRED if k not in columns]
    if missing:
        raise DomainError(
            "mapping_incomplete",
            _("Chưa chọn cột cho: %(fields)s.") % {"fields": ", ".join(missing)},
            status=422,
            fields={k: [_("Bắt buộc chọn cột.")] for k in REQUIRED if k not in columns},
        )
    valid_channels = set(DossierChannel.values)
    valid_statuses = set(DossierStatus.values) | {RESOLVED}
    for words, valid in ((channel_values or {}, valid_channels), (status_values or {}, valid_statuses)):
        bad = [v for v in words.values() if v not in valid]
        if bad:
            raise DomainError("mapping_value", _("Giá trị không hợp lệ: %(v)s.") % {"v": ", ".join(bad)}, status=422)
    with transaction.atomic():
        mapping = ImportMapping.objects.select_for_update(of=("self",)).filter(province=province).first()
        if mapping is None:
            mapping = ImportMapping(province=province)
        elif version is not None and version != mapping.version:
            raise ConflictError("stale", _("Cách đọc tệp vừa được người khác sửa; hãy tải lại trang."))
        else:
            mapping.version += 1
        mapping.columns = columns
        if channel_values is not None:
            mapping.channel_values = {fold(k): v for k, v in channel_values.items()}
        if status_values is not None:
            mapping.status_values = {fold(k): v for k, v in status_values.items()}
        mapping.updated_by = actor
        mapping.save()
        audit_log(actor=actor, action="reporting.dossier_mapping.saved", instance=mapping, changes={"columns": columns})
    return mapping


# --- Procedure figures ------------------------------------------------------------------------------------------

FIGURE_FIELDS = ("published", "time_cut", "days_cut", "online_partial", "online_full", "note")


def procedure_figure_save(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    period_start: dt.date,
    period_end: dt.date,
    values: dict[str, Any],
    version: int | None = None,
) -> ProcedureFigure:
    """Enter (or correct) the unit's procedure figures for a period; ``version`` guards a concurrent edit."""
    if period_end < period_start:
        raise DomainError(
            "period_invalid", _("Kỳ kết thúc trước khi bắt đầu."), status=422, fields={"period_end": [_("Sai kỳ.")]}
        )
    numbers = {k: values.get(k) or 0 for k in FIGURE_FIELDS if k != "note"}
    field_errors: dict[str, list[str]] = {}
    for key, value in numbers.items():
        if not isinstance(value, int) or value < 0:
            field_errors[key] = [_("Phải là số nguyên không âm.")]
    if not field_errors:
        for key in ("online_partial", "online_full", "time_cut"):
            if numbers[key] > numbers["published"]:
                field_errors[key] = [_("Không được lớn hơn số thủ tục được công bố.")]
    if field_errors:
        raise DomainError("figure_invalid", _("Số liệu chưa hợp lệ."), status=422, fields=field_errors)
    with transaction.atomic():
        figure = (
            ProcedureFigure.objects.select_for_update(of=("self",))
            .filter(unit=unit, period_start=period_start, period_end=period_end)
            .first()
        )
        if figure is None:
            figure = ProcedureFigure(unit=unit, period_start=period_start, period_end=period_end)
        elif version is not None and version != figure.version:
            raise ConflictError("stale", _("Số liệu vừa được người khác sửa; hãy tải lại trang."))
        else:
            figure.version += 1
        for key, value in numbers.items():
            setattr(figure, key, value)
        figure.note = single_line(str(values.get("note") or ""))[:500]
        figure.entered_by = actor
        figure.save()
        audit_log(actor=actor, action="reporting.procedure_figure.saved", instance=figure, changes=numbers)
    return figure


# --- Lists ------------------------------------------------------------------------------------------------------


def dossier_list(
    base: Any,
    *,
    status: str = "",
    channel: str = "",
    q: str = "",
) -> Any:
    """The dossiers of ``base`` (a queryset already limited to a place and period) narrowed by the list's filters:
    a status, a channel, and a dossier number (exact) or words of the procedure name."""
    if status:
        base = base.filter(status=status)
    if channel:
        base = base.filter(channel=channel)
    q = single_line(q)
    if q:
        base = base.filter(Q(number=q) | matches_all_terms(q))
    return base.select_related("unit").order_by("-received_on", "-id")
