"""Every row lock takes the rows of its own table only (``select_for_update(of=("self",))``).

Without ``of``, PostgreSQL's ``FOR UPDATE`` also locks the row of every joined table (``select_related`` or a filter
across a relation): two officers moving two cases of one field and unit each locked the shared field's and unit's
rows besides their own case, in the order the rows came, and deadlocked (a 500 in
``tests/processes/test_lose_nothing.py``). A read of a related row never needs its lock here."""

from __future__ import annotations

import re
from pathlib import Path

import danvan

LOCK = re.compile(r"select_for_update\((?!of=\(\"self\",\)\))")


def test_every_row_lock_is_of_its_own_table():
    root = Path(danvan.__file__).parent
    unscoped = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if LOCK.search(line):
                unscoped.append(f"{path.relative_to(root.parent)}:{number}: {line.strip()}")
    assert not unscoped, 'select_for_update without of=("self",):\n' + "\n".join(unscoped)
