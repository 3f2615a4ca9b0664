"""Template filters for Vietnamese formats (registered as builtins)."""

from __future__ import annotations

from django import template

from danvan.core.formatting import format_date, format_number, format_percent
from danvan.core.phones import format_phone

register = template.Library()

register.filter("vn_number", format_number)
register.filter("vn_percent", format_percent)
register.filter("vn_date", format_date)
register.filter("vn_phone", format_phone)
