"""The two official document formats: the state's (NĐ 30/2020/NĐ-CP, Phụ lục I) and the Party's (QĐ 399-QĐ/TW,
HD 05-HD/VPTW of 2026). Pure rules, no Django: templates, their build scripts and the code filling them ask here.

What differs (DOMAIN.md §8):

- state: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" top right; "Số: 12/KH-UBND" (with a
  colon, number then symbol after a slash); numbered parts "I.", "1."; signing for a collective body "TM.";
- Party: "ĐẢNG CỘNG SẢN VIỆT NAM" top right; the body's name top left with a "*" below; "Số 05-NQ/ĐU" (no colon,
  number and kind joined by a hyphen); parts "I-", "1-"; signing for a collective body "T/M"; numbering runs per
  committee term rather than per calendar year.

Both: A4, Times New Roman, dates "ngày 05 tháng 02 năm 2026" (day below 10 and months 1–2 with a leading zero),
numbers below 10 with a leading zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from danvan.core.params import digits_int

_NUMERALS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
             (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def roman(number: int) -> str:
    """``number`` (from 1) in Roman numerals, as the parts of a document are numbered: 4 → "IV", 14 → "XIV"."""
    if number < 1:
        raise ValueError(number)
    digits = []
    for value, numeral in _NUMERALS:
        count, number = divmod(number, value)
        digits.append(numeral * count)
    return "".join(digits)


@dataclass(frozen=True)
class DocumentFormat:
    """A format's page set-up (millimetres, points) and wording rules."""

    code: str
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    motto: tuple[str, ...]
    number_prefix: str  # "Số: " or "Số "
    number_joiner: str  # between number and symbol: "/" or "-"
    part_suffix: str  # after a part's numeral: "." or "-"
    on_behalf: str  # a collective body's signature: "TM." or "T/M"
    body_mark: str  # under the issuing body's name: "" or "*"
    font: str = "Times New Roman"
    body_pt: float = 14
    header_pt: float = 13

    def text_width_mm(self, *, landscape: bool = False) -> float:
        return (297 if landscape else 210) - self.left_mm - self.right_mm

    def number_line(self, number: str, symbol: str) -> str:
        """ "Số: 05/QĐ-UBND" (state) or "Số 05-NQ/ĐU" (Party)."""
        return f"{self.number_prefix}{document_number(number)}{self.number_joiner}{symbol}"

    def part_heading(self, index: int, title: str) -> str:
        """The heading of part ``index`` (from 1): "I. KẾT QUẢ" (state) or "I- KẾT QUẢ" (Party)."""
        return f"{roman(index)}{self.part_suffix} {title}"

    def signed_for(self, body: str) -> str:
        """The line above a collective signature: "TM. ỦY BAN NHÂN DÂN" or "T/M BAN THƯỜNG VỤ"."""
        return f"{self.on_behalf} {body.upper()}"


STATE = DocumentFormat(
    code="state",
    top_mm=20,
    bottom_mm=20,
    left_mm=30,
    right_mm=15,
    motto=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
    number_prefix="Số: ",
    number_joiner="/",
    part_suffix=".",
    on_behalf="TM.",
    body_mark="",
)
PARTY = DocumentFormat(
    code="party",
    top_mm=20,
    bottom_mm=20,
    left_mm=30,
    right_mm=15,
    motto=("ĐẢNG CỘNG SẢN VIỆT NAM",),
    number_prefix="Số ",
    number_joiner="-",
    part_suffix="-",
    on_behalf="T/M",
    body_mark="*",
)
FORMATS = {STATE.code: STATE, PARTY.code: PARTY}


def document_number(number: str) -> str:
    """Numbers below 10 take a leading zero ("5" → "05"); anything else is kept as written."""
    stripped = number.strip()
    small = digits_int(stripped, most=9)
    return f"{small:02d}" if small is not None and len(stripped) == 1 else stripped


def dated_parts(on: dt.date) -> dict[str, str]:
    """The parts of "Đắk Lắk, ngày 05 tháng 02 năm 2026" (days below 10 and months 1 and 2 with a leading zero)."""
    return {
        "day": f"{on.day:02d}",
        "month": f"{on.month:02d}" if on.month < 3 else str(on.month),
        "year": str(on.year),
    }


def dated_line(place: str, on: dt.date) -> str:
    """ "Đắk Lắk, ngày 05 tháng 02 năm 2026"."""
    parts = dated_parts(on)
    return f"{place}, ngày {parts['day']} tháng {parts['month']} năm {parts['year']}"
