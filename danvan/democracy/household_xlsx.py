"""The household register of a commune from the officers' XLSX list: every row is checked first, then all new
households are written in one transaction, or none (the same contract as the initiatives' import). Each problem
is reported with its row, column and a Vietnamese message. A row whose household is already in the register in
the same village is skipped (importing the same file twice adds nothing); a household already living in another
village is refused — a household belongs to one village at a time."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

import openpyxl
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AdministrativeUnit, UnitLevel
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.phones import normalize_phone
from danvan.core.text import fold, single_line
from danvan.core.xlsx import xlsx_bytes, xlsx_row, xlsx_workbook
from danvan.democracy.household_services import MAX_CODE, household_search_text, sync_village_counts
from danvan.democracy.models import Household, Residence

MAX_ROWS = 50_000
BATCH = 900
_DATE_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class Column(NamedTuple):
    key: str
    header: str
    required: bool
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("number", "STT", False, 6),
    Column("code", "Mã hộ", True, 14),
    Column("representative_name", "Chủ hộ / đại diện hộ", True, 28),
    Column("village", "Thôn, tổ dân phố", True, 24),
    Column("representative_phone", "Số điện thoại", False, 14),
    Column("address", "Địa chỉ", False, 30),
    Column("moved_in_on", "Ở từ ngày (dd/mm/yyyy)", False, 16),
)
HEADER_OF = {column.key: column.header for column in COLUMNS}


@dataclass(frozen=True)
class RowError:
    """A problem in the file: ``row`` as Excel numbers it (the header is row 1), ``column`` by its header."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int


class InvalidImport(DomainError):
    """The file was refused; ``errors`` lists every problem found (nothing was written)."""

    status = 422

    def __init__(self, message: str, errors: Sequence[RowError] = ()) -> None:
        super().__init__("import_invalid", message)
        self.errors = list(errors)


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return single_line(str(value))

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.number, HEADER_OF[key], message))


def build_template() -> bytes:
    """An empty list to fill in: the header row (bold, frozen) and a sheet of instructions."""
    with xlsx_workbook(write_only=False) as workbook:
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "Sổ hộ gia đình"
        sheet.append(xlsx_row(sheet, [column.header for column in COLUMNS]))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.freeze_panes = "A2"
        for index, column in enumerate(COLUMNS, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            if column.key in {"code", "representative_phone"}:
                sheet.column_dimensions[letter].number_format = "@"  # keep leading zeros
        guide = workbook.create_sheet("Hướng dẫn")
        for line in (
            "Mỗi hộ một dòng. Cột có dấu * trong trang nhập là bắt buộc: Mã hộ, Chủ hộ / đại diện hộ, Thôn, tổ dân phố.",
            "Mã hộ là duy nhất trong xã. Một hộ chỉ thuộc một thôn, tổ dân phố tại một thời điểm.",
            "Thôn, tổ dân phố: ghi đúng tên hoặc mã như trong danh mục đơn vị (không phân biệt dấu, hoa thường).",
            "Ở từ ngày: để trống là ngày nhập; ghi dd/mm/yyyy.",
            "Nếu tệp có lỗi, không dòng nào được nhập; sửa theo bảng lỗi rồi nhập lại. Dòng đã có trong sổ (cùng mã, "
            "cùng thôn) được bỏ qua.",
        ):
            guide.append(xlsx_row(guide, [line]))
        guide.column_dimensions["A"].width = 120
        return xlsx_bytes(workbook)


def rows_to_xlsx(rows: Sequence[Sequence[Any]]) -> bytes:
    """A filled list (header + ``rows`` in column order): for tests, the demo and the benchmark."""
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet("Sổ hộ gia đình")
        sheet.append(xlsx_row(sheet, [column.header for column in COLUMNS]))
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
        return xlsx_bytes(workbook)


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 36526 <= value <= 73051:  # an Excel serial without a date format, 2000-01-01 … 2099-12-31
            converted = from_excel(value)
            return converted.date() if isinstance(converted, dt.datetime) else None
        return None
    text = single_line(str(value))
    match = _DATE_DMY.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _DATE_ISO.fullmatch(text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _unbroken(lines: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    try:
        yield from lines
    except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise InvalidImport(_("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")) from error


def _read(file: Any) -> list[_Row]:
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError) as error:
        raise InvalidImport(_("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")) from error
    try:
        sheet = workbook.worksheets[0]
        lines = _unbroken(sheet.iter_rows(values_only=True))
        header = next(lines, None)
        if header is None:
            raise InvalidImport(_("Tệp trống: không có dòng tiêu đề."))
        expected = [fold(column.header) for column in COLUMNS]
        found = [fold(str(cell or "")).strip() for cell in list(header)[: len(COLUMNS)]]
        if found != expected:
            errors = [
                RowError(1, column.header, _("Cột %(n)s phải là “%(header)s”.") % {"n": i, "header": column.header})
                for i, (column, got) in enumerate(zip(COLUMNS, found + [""] * len(COLUMNS), strict=False), start=1)
                if got != fold(column.header)
            ]
            raise InvalidImport(_("Dòng tiêu đề không đúng mẫu."), errors)
        rows: list[_Row] = []
        width = len(COLUMNS)
        for number, line in enumerate(lines, start=2):
            cells = list(line[:width]) + [None] * (width - len(line[:width]))
            if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells[1:]):
                continue
            if len(rows) >= MAX_ROWS:
                raise InvalidImport(_("Tệp có quá %(max)s dòng; hãy chia thành nhiều tệp.") % {"max": MAX_ROWS})
            rows.append(_Row(number, {column.key: cell for column, cell in zip(COLUMNS, cells, strict=True)}))
        return rows
    finally:
        workbook.close()


@dataclass
class _Checked:
    row: int
    code: str
    name: str
    village: AdministrativeUnit
    phone: str
    address: str
    moved_in_on: dt.date


def _phone(row: _Row) -> str:
    """The row's phone as stored (``core.phones``); a number cell lost its leading 0 in Excel and gets it back."""
    text = row.text("representative_phone")
    if isinstance(row.values.get("representative_phone"), (int, float)) and len(text) in (9, 10):
        text = "0" + text
    try:
        return normalize_phone(text)
    except ValueError as error:
        row.error("representative_phone", str(error))
        return ""


def _villages_by_key(commune: AdministrativeUnit) -> dict[str, AdministrativeUnit]:
    villages: dict[str, AdministrativeUnit] = {}
    for village in AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE):
        villages[fold(village.name)] = village
        if village.code:
            villages[fold(village.code)] = village
    return villages


def import_households(*, actor: Any, commune: AdministrativeUnit, file: IO[bytes] | Any) -> ImportResult:
    """Import the commune's household list: all new rows in one transaction, or none.

    Raises :class:`InvalidImport` with every problem (row, column, message). Refused rows: a missing code, name
    or village; a village not of this commune; a code twice in the file; a household already in the register in
    another village (one village at a time); a date that does not parse or lies in the future.
    """
    rows = _read(file)
    if not rows:
        raise InvalidImport(_("Tệp không có dòng dữ liệu nào."))
    villages = _villages_by_key(commune)
    today = timezone.localdate()
    existing: dict[str, int] = {}
    codes = {row.text("code") for row in rows}
    for start in range(0, len(codes), BATCH):
        chunk = list(codes)[start : start + BATCH]
        for code, village_id in Residence.objects.filter(
            household__unit=commune, household__code__in=chunk, valid_to__isnull=True
        ).values_list("household__code", "village_id"):
            existing[code] = village_id
        for code in Household.objects.filter(unit=commune, code__in=chunk, dissolved_on__isnull=False).values_list(
            "code", flat=True
        ):
            existing.setdefault(code, 0)
    names_by_id = {village.pk: village.name for village in villages.values()}
    checked: list[_Checked] = []
    skipped = 0
    first_row_of: dict[str, int] = {}
    for row in rows:
        code, name, village_text = row.text("code"), row.text("representative_name"), row.text("village")
        if not code:
            row.error("code", _("Thiếu mã hộ."))
        elif len(code) > MAX_CODE:
            row.error("code", _("Mã hộ dài quá 40 ký tự."))
        elif code in first_row_of:
            row.error("code", _("Trùng mã hộ với dòng %(row)s.") % {"row": first_row_of[code]})
        if not name:
            row.error("representative_name", _("Thiếu tên chủ hộ / đại diện hộ."))
        elif len(name) > 200:
            row.error("representative_name", _("Tên dài quá 200 ký tự."))
        village = villages.get(fold(village_text)) if village_text else None
        if not village_text:
            row.error("village", _("Thiếu thôn, tổ dân phố."))
        elif village is None:
            row.error("village", _("“%(name)s” không phải thôn, tổ dân phố của xã này.") % {"name": village_text})
        raw_date = row.values.get("moved_in_on")
        moved_in_on = today
        if raw_date not in (None, ""):
            parsed = _parse_date(raw_date)
            if parsed is None:
                row.error("moved_in_on", _("Ngày không hợp lệ (ghi dd/mm/yyyy)."))
            elif parsed > today:
                row.error("moved_in_on", _("Ngày không được sau hôm nay."))
            else:
                moved_in_on = parsed
        phone, address = _phone(row), row.text("address")
        if len(address) > 300:
            row.error("address", _("Địa chỉ dài quá 300 ký tự."))
        if code and code not in first_row_of:
            first_row_of[code] = row.number
        if row.errors or village is None:
            continue
        if code in existing:
            where = existing[code]
            if where == village.pk:
                skipped += 1
                continue
            row.error(
                "code",
                _("Hộ mã %(code)s đã có trong sổ (%(where)s): một hộ chỉ thuộc một thôn, tổ dân phố.")
                % {"code": code, "where": names_by_id.get(where, _("đã chuyển khỏi xã"))},
            )
            continue
        checked.append(_Checked(row.number, code, name, village, phone, address, moved_in_on))
    errors = [error for row in rows for error in row.errors]
    if errors:
        raise InvalidImport(
            _("Tệp có %(count)s lỗi; chưa nhập dòng nào. Hãy sửa và nhập lại.") % {"count": len(errors)}, errors
        )
    try:
        with transaction.atomic():
            _write(commune, checked)
            audit_log(
                actor=actor,
                action="democracy.household.imported",
                instance=commune,
                unit=commune,
                changes={"rows": len(checked) + skipped, "created": len(checked), "skipped": skipped},
            )
            sync_village_counts(actor=actor, villages=[item.village for item in checked])
    except IntegrityError as error:
        raise ConflictError("import_conflict", _("Một lần nhập khác vừa ghi các hộ này; hãy nhập lại.")) from error
    return ImportResult(created=len(checked), skipped=skipped)


def _write(commune: AdministrativeUnit, checked: Sequence[_Checked]) -> None:
    for start in range(0, len(checked), BATCH):
        chunk = checked[start : start + BATCH]
        households = []
        for item in chunk:
            household = Household(
                unit=commune,
                unit_path=commune.path,
                province_code=commune.province_code,
                code=item.code,
                representative_name=item.name,
                representative_phone=item.phone,
                address=item.address,
            )
            household.search_text = household_search_text(household)
            households.append(household)
        Household.objects.bulk_create(households)
        if all(household.pk for household in households):  # the ids came back (RETURNING: PostgreSQL, SQLite)
            ids = {household.code: household.pk for household in households}
        else:
            ids = dict(
                Household.objects.filter(unit=commune, code__in=[item.code for item in chunk]).values_list("code", "pk")
            )
        Residence.objects.bulk_create(
            Residence(household_id=ids[item.code], village=item.village, valid_from=item.moved_in_on) for item in chunk
        )
