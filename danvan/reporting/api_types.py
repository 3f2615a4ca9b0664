"""Types shared by the reporting API's schemas."""

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from danvan.core.text import CODE_MAX


def _short_number(value: Any) -> Any:
    """A figure sent as text is at most ``CODE_MAX`` characters (a number, never a document)."""
    if isinstance(value, str) and len(value) > CODE_MAX:
        raise ValueError(f"at most {CODE_MAX} characters")
    return value


# A figure or a target: a JSON number, or a string of digits (kept exact as a Decimal), never longer than CODE_MAX.
FigureValue = Annotated[
    Decimal,
    BeforeValidator(_short_number),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "maxLength": CODE_MAX}]}, mode="validation"),
]
