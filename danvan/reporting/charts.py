"""A bar chart as a PNG drawn with Pillow (no other dependency): one bar per unit, its value written beside it.
Used in the DOCX reports (python-docx takes PNG; server-side SVG would need a converter)."""

from __future__ import annotations

import io
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

from danvan.core.formatting import format_number

FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)
WIDTH, ROW, PAD, LABEL_WIDTH = 1200, 44, 20, 420


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def bar_chart_png(title: str, rows: list[tuple[str, Decimal | int]]) -> bytes:
    """Horizontal bars, largest first is up to the caller; values must be non-negative."""
    height = PAD * 3 + 40 + ROW * max(len(rows), 1)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((PAD, PAD), title, fill="black", font=_font(26))
    largest = max((float(value) for _, value in rows), default=0) or 1
    span = WIDTH - LABEL_WIDTH - PAD * 2 - 120
    label_font, value_font = _font(20), _font(20)
    for index, (label, value) in enumerate(rows):
        top = PAD * 2 + 40 + index * ROW
        draw.text((PAD, top + 8), label[:34], fill="black", font=label_font)
        length = int(span * float(value) / largest)
        draw.rectangle((LABEL_WIDTH, top + 6, LABEL_WIDTH + max(length, 1), top + ROW - 6), fill="#1f5fa8")
        shown = format_number(value, 0 if Decimal(str(value)) == Decimal(str(value)).to_integral() else 1)
        draw.text((LABEL_WIDTH + length + 8, top + 8), shown, fill="black", font=value_font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
