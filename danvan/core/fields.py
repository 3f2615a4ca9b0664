"""Typed text for API schemas: the project's one set of length limits (``core.text``) and its cleaning rules.

``Title`` (titles and names: at least one visible character, one line, no NUL, at most ``TITLE_MAX``),
``Name`` and ``PersonName`` (the same, at most ``NAME_MAX`` / ``PERSON_NAME_MAX``), ``Line`` (one line of free text), ``Note`` and ``Text`` (bodies, no
NUL), ``Phone`` (a Vietnamese telephone number, stored as its digits: ``core.phones``). Each is an ``Annotated[str, …]`` used as a field type: ``title: Title``, ``note: Note = ""``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from danvan.core.phones import PHONE_INPUT_MAX, normalize_phone
from danvan.core.text import (
    CODE_MAX,
    NAME_MAX,
    NOTE_MAX,
    PERSON_NAME_MAX,
    QUERY_MAX,
    TEXT_MAX,
    TITLE_MAX,
    clean_text,
    clean_title,
)

Title = Annotated[str, StringConstraints(min_length=1, max_length=TITLE_MAX), AfterValidator(clean_title)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX), AfterValidator(clean_title)]
PersonName = Annotated[str, StringConstraints(min_length=1, max_length=PERSON_NAME_MAX), AfterValidator(clean_title)]
Line = Annotated[str, StringConstraints(max_length=TITLE_MAX), AfterValidator(clean_text)]
Note = Annotated[str, StringConstraints(max_length=NOTE_MAX), AfterValidator(clean_text)]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX), AfterValidator(clean_text)]
Code = Annotated[str, StringConstraints(max_length=CODE_MAX), AfterValidator(clean_text)]
Query = Annotated[str, StringConstraints(max_length=QUERY_MAX), AfterValidator(clean_text)]
Phone = Annotated[str, StringConstraints(max_length=PHONE_INPUT_MAX), AfterValidator(normalize_phone)]
