"""Import and export of the registry as the XLSX list officers already keep.

One sheet, one row per model or exemplar, the columns of :data:`COLUMNS` (an export has the same columns plus
"Trạng thái", so it can be imported again). An import is all or nothing: every row is checked first and every
problem is reported with its row and column in Vietnamese; only a clean file is written, in one transaction.
Each row's natural key (unit code, name, year, kind) is hashed into ``Initiative.import_key``, so importing
the same file twice, or an export of existing records, creates nothing new.

Writes go through a bulk path (a few queries to resolve units, organizations and fields, then ``bulk_create``)
so that a 10,000-row file imports well within 30 seconds; the checks are those of
``services.initiative_register`` (content, funds, organization at the unit or above, the model's own field
constraints), done per cell so each error names its column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

import openpyxl
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.core.params import digits_int
from danvan.core.periods import MIN_YEAR, latest_year, year_in_range
from danvan.core.text import fold
from danvan.core.xlsx import xlsx_bytes, xlsx_cell, xlsx_row, xlsx_set, xlsx_workbook
from danvan.initiatives import access
from danvan.initiatives.models import (
    Field,
    Funding,
    HonoreeType,
    Initiative,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
    Transition,
)
from danvan.initiatives.services import FundingLine, set_search_texts

MAX_ROWS = 20_000
# Query parameters per ``IN (…)``: under SQLite's historical limit of 999.
CHUNK = 900


class Column(NamedTuple):
    header: str
    key: str
    required: bool


# Headers stay Vietnamese whatever the interface language: they are the officers' own list.
COLUMNS: list[Column] = [
    Column("STT", "number", False),
    Column("Mã đơn vị", "unit_code", True),
    Column("Tên đơn vị", "unit_name", False),
    Column("Tổ chức đăng ký", "organization", True),
    Column("Loại", "kind", True),
    Column("Tên mô hình, điển hình", "name", True),
    Column("Tập thể/cá nhân", "honoree_type", False),
    Column("Tên tập thể, cá nhân", "honoree_name", False),
    Column("Lĩnh vực", "field", True),
    Column("Cấp", "level", False),
    Column("Năm", "year", True),
    Column("Ngày đăng ký", "registered_on", False),
    Column("Kinh phí (đồng)", "funds", False),
    Column("Nguồn kinh phí", "funding_source", False),
    Column("Mục tiêu", "goals", False),
    Column("Nội dung, cách làm", "content_method", False),
    Column("Kết quả", "outputs", False),
    Column("Ghi chú", "note", False),
]
STATUS_HEADER = "Trạng thái"
HEADER_OF = {column.key: column.header for column in COLUMNS}
WIDTHS = {
    "number": 6,
    "unit_code": 12,
    "unit_name": 24,
    "organization": 30,
    "kind": 12,
    "name": 40,
    "honoree_type": 14,
    "honoree_name": 28,
    "field": 30,
    "level": 8,
    "year": 8,
    "registered_on": 14,
    "funds": 16,
    "funding_source": 28,
    "goals": 36,
    "content_method": 40,
    "outputs": 36,
    "note": 24,
}

KIND_LABELS = {InitiativeKind.MODEL: "Mô hình", InitiativeKind.EXEMPLAR: "Điển hình"}
HONOREE_LABELS = {HonoreeType.COLLECTIVE: "Tập thể", HonoreeType.INDIVIDUAL: "Cá nhân"}
LEVEL_LABELS = {
    InitiativeLevel.PROVINCE: "Tỉnh",
    InitiativeLevel.COMMUNE: "Xã",
    InitiativeLevel.VILLAGE: "Thôn",
    InitiativeLevel.DISTRICT: "Huyện",
}
# Accepted spellings, compared on :func:`_key` (no diacritics, case or punctuation).
KIND_VALUES = {
    "mo hinh": InitiativeKind.MODEL,
    "model": InitiativeKind.MODEL,
    "dien hinh": InitiativeKind.EXEMPLAR,
    "exemplar": InitiativeKind.EXEMPLAR,
}
HONOREE_VALUES = {"tap the": HonoreeType.COLLECTIVE, "ca nhan": HonoreeType.INDIVIDUAL}
LEVEL_VALUES = {
    "tinh": InitiativeLevel.PROVINCE,
    "thanh pho": InitiativeLevel.PROVINCE,
    "xa": InitiativeLevel.COMMUNE,
    "phuong": InitiativeLevel.COMMUNE,
    "dac khu": InitiativeLevel.COMMUNE,
    "thon": InitiativeLevel.VILLAGE,
    "to dan pho": InitiativeLevel.VILLAGE,
    "thon to dan pho": InitiativeLevel.VILLAGE,
    "huyen": InitiativeLevel.DISTRICT,
}
# The initiative level that goes with a unit level (the district level is legacy: any unit may carry it).
LEVEL_OF_UNIT: dict[int, str] = {
    UnitLevel.PROVINCE: InitiativeLevel.PROVINCE,
    UnitLevel.COMMUNE: InitiativeLevel.COMMUNE,
    UnitLevel.VILLAGE: InitiativeLevel.VILLAGE,
}
CONTENT_KEYS = ("goals", "content_method", "outputs")
EXPORT_DATE_FORMAT = "dd/mm/yyyy"
EXPORT_FUNDS_FORMAT = "#,##0"

_WORD = re.compile(r"\w+")
_GROUPED_INT = re.compile(r"\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*")
_DATE_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd)\s*$", re.IGNORECASE)


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


def _key(text: Any) -> str:
    """Comparison form of a label: folded, words only ("Văn hoá - xã hội" == "văn hóa – xã hội")."""
    return " ".join(_WORD.findall(fold(str(text)))) if text is not None else ""


def import_key(unit_code: str, name: str, year: int, kind: str) -> str:
    """The natural key of a row: the same model of the same unit, year and kind is the same record."""
    return hashlib.sha256(fold(f"{unit_code}|{name}|{year}|{kind}").encode()).hexdigest()


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# --- The template -------------------------------------------------------------------------------------------


def _lists_sheet(workbook: openpyxl.Workbook) -> dict[str, str]:
    """A sheet of the allowed values; data validations point at its ranges (no 255-character limit)."""
    sheet = workbook.create_sheet("Danh mục")
    lists = {
        "kind": list(KIND_LABELS.values()),
        "honoree_type": list(HONOREE_LABELS.values()),
        "level": ["Tỉnh", "Xã", "Thôn", "Huyện"],
        "field": list(Field.objects.active().values_list("name", flat=True)),
    }
    ranges: dict[str, str] = {}
    for index, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        xlsx_set(sheet.cell(row=1, column=index), HEADER_OF[key]).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            xlsx_set(sheet.cell(row=row, column=index), value)
        sheet.column_dimensions[letter].width = 36
        ranges[key] = f"'Danh mục'!${letter}$2:${letter}${max(len(values), 1) + 1}"
    return ranges


def _instructions_sheet(workbook: openpyxl.Workbook) -> None:
    sheet = workbook.create_sheet("Hướng dẫn")
    notes = {
        "number": "Số thứ tự; không bắt buộc, không dùng khi nhập.",
        "unit_code": "Mã đơn vị hành chính hiện hành (từ 01/7/2025): 2 chữ số cho tỉnh (66), 5 chữ số cho xã, "
        "phường, đặc khu (22081), hoặc mã thôn, tổ dân phố (22081.001). Nên gõ như văn bản để giữ số 0 ở đầu.",
        "unit_name": "Tên đơn vị, để đối chiếu với mã (không phân biệt dấu, hoa thường), ví dụ: Xã Đồng Xuân.",
        "organization": "Tên tổ chức đăng ký tại đơn vị hoặc cấp trên, hoặc tên viết tắt của loại tổ chức: "
        "UBND, MTTQ, HLHPN, HND, ĐTN, CCB, ĐU, BDV…",
        "kind": "Mô hình hoặc Điển hình.",
        "name": "Tên mô hình, điển hình.",
        "honoree_type": "Với điển hình: Tập thể hoặc Cá nhân.",
        "honoree_name": "Với điển hình: bắt buộc ghi tên tập thể hoặc cá nhân.",
        "field": "Một lĩnh vực trong danh mục (xem trang “Danh mục”).",
        "level": "Tỉnh, Xã hoặc Thôn (Huyện chỉ cho hồ sơ trước 01/7/2025); để trống thì lấy theo cấp của đơn vị.",
        "year": "Năm đăng ký, ví dụ 2026.",
        "registered_on": "Ngày đăng ký dạng dd/mm/yyyy (ví dụ 15/02/2026) hoặc ô kiểu ngày. Có ngày: hồ sơ ở "
        "trạng thái “Đã đăng ký”; để trống: “Dự thảo”.",
        "funds": "Tổng kinh phí, số nguyên không âm, đơn vị đồng (ví dụ 7.000.000).",
        "funding_source": "Nguồn kinh phí; bắt buộc khi có kinh phí (ví dụ: Ban CHQS xã hỗ trợ).",
        "goals": "Mục tiêu, tiêu chí đo được.",
        "content_method": "Nội dung, cách làm.",
        "outputs": "Kết quả, sản phẩm kiểm chứng được.",
        "note": "Ghi chú; được lưu vào lịch sử hồ sơ.",
    }
    sheet.append(xlsx_row(sheet, ["HƯỚNG DẪN NHẬP DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”"]))
    sheet["A1"].font = Font(bold=True, size=13)
    for line in (
        "Ghi mỗi mô hình, điển hình trên một dòng của trang “Danh sách”; không đổi tên, thứ tự các cột.",
        "Hệ thống kiểm tra toàn bộ tệp trước khi nhập: chỉ cần một dòng sai là không nhập dòng nào, "
        "và mọi lỗi được liệt kê theo dòng, cột để sửa.",
        "Nhập lại cùng một tệp không tạo bản ghi trùng: dòng cùng đơn vị, tên, năm và loại đã có sẽ được bỏ qua.",
        "Tệp xuất từ hệ thống có cùng các cột (thêm cột “Trạng thái”, không dùng khi nhập).",
    ):
        sheet.append(xlsx_row(sheet, [line]))
    sheet.append([])
    sheet.append(xlsx_row(sheet, ["Cột", "Bắt buộc", "Cách ghi"]))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        sheet.append(xlsx_row(sheet, [column.header, "Có" if column.required else "", notes[column.key]]))
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 110
    for row in sheet.iter_rows(min_row=8):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")


def build_template() -> bytes:
    """An empty list to fill in: the header row (bold, frozen), drop-down lists, and a sheet of instructions."""
    with xlsx_workbook(write_only=False) as workbook:
        return xlsx_bytes(_template(workbook))


def _template(workbook: Any) -> Any:
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(xlsx_row(sheet, [column.header for column in COLUMNS]))
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS[column.key]
        if column.key == "unit_code":
            # Text, so that 01 and 22081.010 keep their zeros.
            sheet.column_dimensions[letter].number_format = "@"
        elif column.key == "registered_on":
            sheet.column_dimensions[letter].number_format = EXPORT_DATE_FORMAT
        elif column.key == "funds":
            sheet.column_dimensions[letter].number_format = EXPORT_FUNDS_FORMAT
    ranges = _lists_sheet(workbook)
    position = {column.key: get_column_letter(index) for index, column in enumerate(COLUMNS, start=1)}
    for key, source in ranges.items():
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không hợp lệ",
            error=f"Hãy chọn “{HEADER_OF[key]}” trong danh sách.",
        )
        validation.add(f"{position[key]}2:{position[key]}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    _instructions_sheet(workbook)
    return workbook


def rows_to_xlsx(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """A file to import made from dicts keyed by column key (for scripts, benchmarks and tests)."""
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet("Danh sách")
        sheet.append(xlsx_row(sheet, [column.header for column in COLUMNS]))
        for number, row in enumerate(rows, start=1):
            sheet.append(
                xlsx_row(sheet, [row.get(column.key, number if column.key == "number" else None) for column in COLUMNS])
            )
        return xlsx_bytes(workbook)


# --- Reading and checking cells -----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _unit_code(value: Any) -> str:
    """Codes as officers type them, also when Excel made them numbers (1 → "01", 22081.01 → "22081.010")."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        digits = str(int(value))
        return digits.zfill(2) if len(digits) <= 2 else digits.zfill(5)
    if isinstance(value, float):
        whole, _dot, fraction = f"{value:.3f}".partition(".")
        return f"{whole.zfill(5)}.{fraction}"
    return _text(value).replace(" ", "")


def _parse_int(value: Any) -> int | None:
    """An integer from a cell: 7000000, 7000000.0, "7.000.000", "7,000,000", "7 000 000 đồng"; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _CURRENCY.sub("", _text(value))
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("-").strip()
    if (number := digits_int(text)) is not None:
        return sign * number
    if _GROUPED_INT.fullmatch(text):
        return sign * int(re.sub(r"[.,\s]", "", text))
    return None


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # An Excel serial in a cell without a date format (1 = 01/01/1900).
        if 36526 <= value <= 73051:  # 2000-01-01 … 2099-12-31
            converted = from_excel(value)
            return converted.date() if isinstance(converted, dt.datetime) else None
        return None
    text = _text(value)
    match = _DATE_DMY.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _DATE_ISO.fullmatch(text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)

    def text(self, key: str) -> str:
        return _text(self.values.get(key))

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.number, HEADER_OF[key], message))


def _unbroken(lines: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet, parsed as they are read: malformed or hostile XML met on the way (a
    DOCTYPE with entities, broken markup) refuses the file instead of escaping as a server error."""
    try:
        yield from lines
    except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise InvalidImport(_("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")) from error


def _read(file: Any) -> tuple[list[RowError], list[_Row]]:
    """Header problems (if any) and the non-empty data rows of the first sheet."""
    # openpyxl parses with defusedxml (a runtime requirement): a DOCTYPE with entities (an external file, a
    # "billion laughs" expansion) raises EntitiesForbidden, a ValueError; without it, expat's ParseError.
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
        header_errors = _check_header(header)
        if header_errors:
            return header_errors, []
        rows: list[_Row] = []
        width = len(COLUMNS)
        for number, line in enumerate(lines, start=2):
            cells = list(line[:width]) + [None] * (width - len(line[:width]))
            if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells[1:]):
                continue  # an empty line, or only its STT
            if len(rows) >= MAX_ROWS:
                raise InvalidImport(_("Tệp có quá %(max)s dòng; hãy chia thành nhiều tệp.") % {"max": MAX_ROWS})
            rows.append(_Row(number, {column.key: cell for column, cell in zip(COLUMNS, cells, strict=True)}))
        return [], rows
    finally:
        workbook.close()


def _check_header(header: Sequence[Any]) -> list[RowError]:
    """The header must be :data:`COLUMNS` in order (an export's trailing "Trạng thái" is allowed)."""
    found = [_text(cell) for cell in header]
    while found and not found[-1]:
        found.pop()
    if len(found) == len(COLUMNS) + 1 and _key(found[-1]) == _key(STATUS_HEADER):
        found.pop()
    errors: list[RowError] = []
    for index, column in enumerate(COLUMNS):
        letter = get_column_letter(index + 1)
        if index >= len(found) or not found[index]:
            errors.append(
                RowError(
                    1,
                    column.header,
                    _("Thiếu cột “%(name)s” (cột %(letter)s).") % {"name": column.header, "letter": letter},
                )
            )
        elif _key(found[index]) != _key(column.header):
            errors.append(
                RowError(
                    1,
                    found[index],
                    _("Cột %(letter)s là “%(found)s”, không đúng mẫu: cần cột “%(name)s”.")
                    % {"letter": letter, "found": found[index], "name": column.header},
                )
            )
    for index in range(len(COLUMNS), len(found)):
        if found[index]:
            errors.append(
                RowError(
                    1,
                    found[index],
                    _("Cột “%(found)s” (cột %(letter)s) không có trong mẫu.")
                    % {"found": found[index], "letter": get_column_letter(index + 1)},
                )
            )
    return errors


class _Lookups:
    """Units, organizations and fields a file refers to, loaded with a few queries."""

    def __init__(self, rows: Sequence[_Row]) -> None:
        codes = {_unit_code(row.values.get("unit_code")) for row in rows} - {""}
        self.units: dict[str, AdministrativeUnit] = {}
        for chunk in _chunks(codes):
            for unit in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code__in=chunk):
                self.units[unit.code] = unit
        ancestor_codes = {code for unit in self.units.values() for code in self._chain_codes(unit)}
        ancestors: dict[str, AdministrativeUnit] = dict(self.units)
        for chunk in _chunks(ancestor_codes - set(self.units)):
            for unit in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code__in=chunk):
                ancestors[unit.code] = unit
        self.ancestors = ancestors
        by_id = {unit.pk: unit for unit in ancestors.values()}
        self.organizations: dict[int, list[Organization]] = {}
        for chunk in _chunks(by_id):
            for organization in Organization.objects.filter(unit_id__in=chunk, is_active=True).select_related("kind"):
                organization.unit = by_id[organization.unit_id]
                self.organizations.setdefault(organization.unit_id, []).append(organization)
        self.fields: dict[str, Field] = {}
        for item in Field.objects.active():
            self.fields[_key(item.name)] = item
            self.fields.setdefault(_key(item.code), item)

    @staticmethod
    def _chain_codes(unit: AdministrativeUnit) -> list[str]:
        """Codes from the unit up to its province, nearest first ("C/66/22081/" → 22081, 66)."""
        return list(reversed(unit.path.split("/", 1)[1].strip("/").split("/")))

    def organization(self, unit: AdministrativeUnit, value: str) -> tuple[Organization | None, str]:
        """The registering body named ``value`` at the unit or above: by its name, else by its kind."""
        wanted = _key(value)
        chain = [self.ancestors[code] for code in self._chain_codes(unit) if code in self.ancestors]
        for candidate_unit in chain:
            for organization in self.organizations.get(candidate_unit.pk, []):
                if _key(organization.name) == wanted:
                    return organization, ""
        for candidate_unit in chain:
            matches = [
                organization
                for organization in self.organizations.get(candidate_unit.pk, [])
                if wanted
                in {_key(organization.kind.abbreviation), _key(organization.kind.code), _key(organization.kind.name)}
                - {""}
            ]
            if len(matches) == 1:
                return matches[0], ""
            if matches:
                return None, _("Có nhiều tổ chức loại “%(value)s” tại %(unit)s; hãy ghi tên đầy đủ của tổ chức.") % {
                    "value": value,
                    "unit": candidate_unit.name,
                }
        return None, _("Không tìm thấy tổ chức “%(value)s” tại %(unit)s hoặc cấp trên.") % {
            "value": value,
            "unit": unit.name,
        }


@dataclass
class _Checked:
    row: _Row
    initiative: Initiative
    fundings: list[FundingLine]
    note: str


def _check_row(
    row: _Row, lookups: _Lookups, *, actor: Any, scope_unit: AdministrativeUnit | None, today: dt.date
) -> _Checked | None:
    for column in COLUMNS:
        if column.required and not row.text(column.key):
            row.error(column.key, _("Thiếu “%(name)s” (bắt buộc).") % {"name": column.header})

    unit: AdministrativeUnit | None = None
    code = _unit_code(row.values.get("unit_code"))
    if code:
        unit = lookups.units.get(code)
        if unit is None:
            row.error("unit_code", _("Không có đơn vị hành chính hiện hành mã “%(code)s”.") % {"code": code})
        elif scope_unit is not None and not unit.path.startswith(scope_unit.path):
            row.error(
                "unit_code",
                _("Đơn vị %(unit)s (mã %(code)s) không thuộc %(scope)s.")
                % {"unit": unit.name, "code": code, "scope": scope_unit.name},
            )
            unit = None
        elif not access.can_register_at(actor, unit):
            row.error(
                "unit_code",
                _("Bạn không có quyền cán bộ tại %(unit)s (mã %(code)s) nên không nhập được cho đơn vị này.")
                % {"unit": unit.name, "code": code},
            )
            unit = None
    unit_name = row.text("unit_name")
    if unit is not None and unit_name and _key(unit_name) not in {_key(unit.name), _key(unit.short_name)}:
        row.error(
            "unit_name",
            _("Tên đơn vị “%(name)s” không khớp với mã %(code)s (%(unit)s); hãy kiểm tra lại mã.")
            % {"name": unit_name, "code": code, "unit": unit.name},
        )

    organization: Organization | None = None
    if unit is not None and row.text("organization"):
        organization, message = lookups.organization(unit, row.text("organization"))
        if message:
            row.error("organization", message)

    kind = ""
    if row.text("kind"):
        kind = KIND_VALUES.get(_key(row.text("kind")), "")
        if not kind:
            row.error(
                "kind", _("Loại “%(value)s” không hợp lệ: ghi Mô hình hoặc Điển hình.") % {"value": row.text("kind")}
            )

    honoree_type = ""
    if row.text("honoree_type"):
        honoree_type = HONOREE_VALUES.get(_key(row.text("honoree_type")), "")
        if not honoree_type:
            row.error(
                "honoree_type",
                _("“%(value)s” không hợp lệ: ghi Tập thể hoặc Cá nhân.") % {"value": row.text("honoree_type")},
            )
    honoree_name = row.text("honoree_name")
    if kind == InitiativeKind.EXEMPLAR and not honoree_name:
        row.error("honoree_name", _("Điển hình phải ghi rõ tên tập thể hoặc cá nhân."))
    if kind != InitiativeKind.EXEMPLAR:
        honoree_type, honoree_name = "", ""

    field_value = row.text("field")
    initiative_field = lookups.fields.get(_key(field_value)) if field_value else None
    if field_value and initiative_field is None:
        row.error("field", _("Không có lĩnh vực “%(value)s” trong danh mục.") % {"value": field_value})

    level = ""
    if row.text("level"):
        level_text = _key(row.text("level"))
        level = LEVEL_VALUES.get(level_text.removeprefix("cap "), "")
        if not level:
            row.error(
                "level", _("Cấp “%(value)s” không hợp lệ: ghi Tỉnh, Xã hoặc Thôn.") % {"value": row.text("level")}
            )
        elif unit is not None and level != InitiativeLevel.DISTRICT and level != LEVEL_OF_UNIT.get(unit.level):
            row.error(
                "level",
                _("Cấp “%(value)s” không khớp với đơn vị %(unit)s.") % {"value": row.text("level"), "unit": unit.name},
            )
    elif unit is not None:
        level = LEVEL_OF_UNIT.get(unit.level, "")

    year: int | None = None
    if row.text("year"):
        year = _parse_int(row.values.get("year"))
        if not year_in_range(year, latest=latest_year(today)):
            row.error(
                "year",
                _("Năm “%(value)s” không hợp lệ: ghi năm từ %(first)s đến %(last)s.")
                % {"value": row.text("year"), "first": MIN_YEAR, "last": latest_year(today)},
            )
            year = None

    registered_on: dt.date | None = None
    if row.text("registered_on"):
        registered_on = _parse_date(row.values.get("registered_on"))
        if registered_on is None:
            row.error(
                "registered_on",
                _("Ngày “%(value)s” không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 15/02/2026.")
                % {"value": row.text("registered_on")},
            )
        elif registered_on > today:
            row.error("registered_on", _("Ngày đăng ký không được sau hôm nay."))
            registered_on = None

    fundings: list[FundingLine] = []
    if row.text("funds"):
        amount = _parse_int(row.values.get("funds"))
        if amount is None:
            row.error(
                "funds",
                _("Kinh phí “%(value)s” không phải số nguyên (đồng), ví dụ 7.000.000.") % {"value": row.text("funds")},
            )
        elif amount < 0:
            row.error("funds", _("Kinh phí không được âm."))
        elif row.text("funding_source"):
            fundings.append(FundingLine(source=row.text("funding_source"), amount=amount))
        elif amount > 0:
            row.error("funding_source", _("Có kinh phí thì phải ghi nguồn kinh phí."))
    elif row.text("funding_source"):
        fundings.append(FundingLine(source=row.text("funding_source"), amount=0))

    if row.errors or unit is None or organization is None or initiative_field is None or year is None:
        return None
    initiative = Initiative(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        organization=organization,
        kind=kind,
        honoree_type=honoree_type,
        honoree_name=honoree_name,
        name=row.text("name"),
        field=initiative_field,
        level=level,
        year=year,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        funds_total=sum(line.amount for line in fundings),
        status=InitiativeStatus.REGISTERED if registered_on else InitiativeStatus.DRAFT,
        registered_on=registered_on,
        import_key=import_key(unit.code, row.text("name"), year, kind),
        **{key: _cell_text(row.values.get(key)) for key in CONTENT_KEYS},
    )
    set_search_texts(initiative)
    try:
        # The model's own limits (lengths, choices); relations were resolved above.
        initiative.clean_fields(exclude=["unit", "organization", "field", "movement", "origin", "created_by"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            key = name if name in HEADER_OF else "name"
            row.error(key, " ".join(messages))
        return None
    return _Checked(row=row, initiative=initiative, fundings=fundings, note=_cell_text(row.values.get("note")))


def _cell_text(value: Any) -> str:
    """Long text keeps its line breaks."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _common_unit(units: Iterable[AdministrativeUnit]) -> AdministrativeUnit | None:
    """The deepest unit above (or equal to) all of ``units``, for the import's audit entry."""
    items = list(units)
    if not items:
        return None
    prefix = items[0].path
    for unit in items[1:]:
        while not unit.path.startswith(prefix):
            prefix = prefix[: prefix.rstrip("/").rfind("/") + 1]
    return AdministrativeUnit.objects.filter(path=prefix).first()


def import_initiatives(
    *,
    actor: Any,
    file: IO[bytes] | Any,
    scope_unit: AdministrativeUnit | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import the officers' XLSX list: check every row, then create all new rows in one transaction, or none.

    Raises :class:`InvalidImport` with every problem (row, column, Vietnamese message) when any row is wrong.
    Rows already imported (same unit, name, year and kind, by ``import_key`` or by an existing record)
    are skipped. Rows with a registration date are "registered" on that date, the others drafts; each gets a
    ``Transition(action="import")`` carrying the row's note, and the import one audit entry with its counts.
    """
    header_errors, rows = _read(file)
    if header_errors:
        raise InvalidImport(_("Dòng tiêu đề không đúng mẫu."), header_errors)
    if not rows:
        raise InvalidImport(_("Tệp không có dòng dữ liệu nào."))
    lookups = _Lookups(rows)
    today = timezone.localdate()
    checked: list[_Checked] = []
    first_row_of: dict[str, int] = {}
    for index, row in enumerate(rows, start=1):
        if progress is not None:
            progress(index, len(rows) + 1)  # the last step is the writing
        result = _check_row(row, lookups, actor=actor, scope_unit=scope_unit, today=today)
        if result is None:
            continue
        key = result.initiative.import_key or ""
        if key in first_row_of:
            row.error(
                "name",
                _("Trùng với dòng %(row)s (cùng đơn vị, tên, năm và loại).") % {"row": first_row_of[key]},
            )
            continue
        first_row_of[key] = row.number
        checked.append(result)
    errors = [error for row in rows for error in row.errors]
    if errors:
        raise InvalidImport(
            _("Tệp có %(count)s lỗi; chưa nhập dòng nào. Hãy sửa và nhập lại.") % {"count": len(errors)}, errors
        )
    try:
        with transaction.atomic():
            created = _write(actor=actor, checked=checked)
            common = _common_unit(item.initiative.unit for item in checked)
            audit_log(
                actor=actor,
                action="initiatives.import.completed",
                instance=common or checked[0].initiative.unit,
                unit=common,
                changes={
                    "rows": len(checked),
                    "created": len(created),
                    "skipped": len(checked) - len(created),
                    "initiatives": [initiative.pk for initiative in created],
                },
            )
    except IntegrityError as error:
        # Another import of the same rows committed between our check and our insert.
        raise ConflictError("import_conflict", _("Một lần nhập khác vừa ghi các dòng này; hãy nhập lại.")) from error
    return ImportResult(created=len(created), skipped=len(checked) - len(created))


def _existing_keys(checked: Sequence[_Checked]) -> set[str]:
    """Keys already in the registry: imported ones, and records entered by hand with the same natural key."""
    keys = {item.initiative.import_key for item in checked if item.initiative.import_key}
    existing: set[str] = set()
    for chunk in _chunks(keys):
        found = Initiative.objects.filter(import_key__in=chunk).values_list("import_key", flat=True)
        existing.update(key for key in found if key)
    unit_ids = {item.initiative.unit.pk for item in checked}
    years = {item.initiative.year for item in checked}
    for chunk in _chunks(unit_ids):
        for code, name, year, kind in Initiative.objects.filter(unit_id__in=chunk, year__in=years).values_list(
            "unit__code", "name", "year", "kind"
        ):
            existing.add(import_key(code, name, year, kind))
    return existing & keys


def _write(*, actor: Any, checked: Sequence[_Checked]) -> list[Initiative]:
    existing = _existing_keys(checked)
    new = [item for item in checked if item.initiative.import_key not in existing]
    initiatives = Initiative.objects.bulk_create([item.initiative for item in new], batch_size=500)
    Funding.objects.bulk_create(
        [
            Funding(initiative=initiative, source=line.source, amount=line.amount, note=line.note)
            for item, initiative in zip(new, initiatives, strict=True)
            for line in item.fundings
        ],
        batch_size=1000,
    )
    actor_or_none = actor if getattr(actor, "is_authenticated", False) else None
    Transition.objects.bulk_create(
        [
            Transition(
                initiative=initiative,
                action="import",
                from_status=InitiativeStatus.DRAFT,
                to_status=initiative.status,
                actor=actor_or_none,
                reason=item.note,
            )
            for item, initiative in zip(new, initiatives, strict=True)
        ],
        batch_size=1000,
    )
    return initiatives


# --- Export -------------------------------------------------------------------------------------------------


def export_initiatives(queryset: QuerySet[Initiative], progress: Callable[[int, int], None] | None = None) -> bytes:
    """The listed initiatives in the import's columns (plus "Trạng thái"): dates and funds as real numbers.

    ``progress(done, total)`` is called along the way (a background export's progress bar, ``jobs.py``)."""
    initiatives = queryset.select_related("unit", "organization", "field").prefetch_related(
        "fundings",
        Prefetch("transitions", queryset=Transition.objects.filter(action="import"), to_attr="import_steps"),
    )
    if not initiatives.ordered:
        initiatives = initiatives.order_by("-year", "name", "id")
    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet("Danh sách")
        sheet.freeze_panes = "A2"
        for index, column in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[column.key]
        sheet.column_dimensions[get_column_letter(len(COLUMNS) + 1)].width = 20
        bold = Font(bold=True)
        header = []
        for title in [*(column.header for column in COLUMNS), STATUS_HEADER]:
            header.append(xlsx_cell(sheet, title, font=bold))
        sheet.append(header)
        status_labels = dict(InitiativeStatus.choices)
        total = initiatives.count() if progress is not None else 0
        # A failure half-way (the database, a bad row) ends the workbook's streams (core.xlsx.xlsx_workbook).
        for number, initiative in enumerate(initiatives.iterator(chunk_size=2000), start=1):
            sheet.append(_export_row(sheet, number, initiative, status_labels))
            if progress is not None:
                progress(number, total)
        return xlsx_bytes(workbook)


def _export_row(sheet: Any, number: int, initiative: Initiative, status_labels: Mapping[str, Any]) -> list[Any]:
    """One line of the export: text cells as text (core.xlsx), the date and funds as real numbers."""
    registered = xlsx_cell(sheet, initiative.registered_on, number_format=EXPORT_DATE_FORMAT)
    funds = xlsx_cell(sheet, initiative.funds_total, number_format=EXPORT_FUNDS_FORMAT)
    fundings = list(initiative.fundings.all())
    steps = getattr(initiative, "import_steps", [])
    values: dict[str, Any] = {
        "number": number,
        "unit_code": initiative.unit.code,
        "unit_name": initiative.unit.name,
        "organization": initiative.organization.name,
        "kind": KIND_LABELS.get(InitiativeKind(initiative.kind), initiative.kind),
        "name": initiative.name,
        "honoree_type": HONOREE_LABELS.get(HonoreeType(initiative.honoree_type), "") if initiative.honoree_type else "",
        "honoree_name": initiative.honoree_name,
        "field": initiative.field.name,
        "level": LEVEL_LABELS.get(InitiativeLevel(initiative.level), initiative.level),
        "year": initiative.year,
        "registered_on": registered if initiative.registered_on else None,
        "funds": funds if fundings or initiative.funds_total else None,
        "funding_source": "; ".join(line.source for line in fundings),
        "goals": initiative.goals,
        "content_method": initiative.content_method,
        "outputs": initiative.outputs,
        "note": steps[0].reason if steps else "",
    }
    return xlsx_row(sheet, [values[column.key] for column in COLUMNS] + [str(status_labels.get(initiative.status, ""))])
