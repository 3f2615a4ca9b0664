"""The browser tests' demo: a var directory made the way `make run` makes it (migrate, load_units, demo).

Prepared once per `make test` beside the lint step (``python -m tests.browser.demo``, scripts/test.sh), into
``DANVAN_TEST_DB_TEMPLATES``/browser-demo, or else once per browser session (``demo_var_dir`` in conftest.py). It
starts from the SQLite test database saved migrated and with the unit tree (tests/dbtemplates.py) when there is
one: migrate then finds nothing to do and load_units nothing to change (decision 0028).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.dbtemplates import SQLITE_WITH_UNITS, template_path

ROOT = Path(__file__).resolve().parents[2]
PREPARED = "browser-demo"  # in DANVAN_TEST_DB_TEMPLATES


def server_env(var_dir: str) -> dict[str, str]:
    """The environment of a danvan process on ``var_dir``'s SQLite database."""
    env = {**os.environ, "DANVAN_VAR_DIR": var_dir, "DANVAN_DEBUG": "1", "DANVAN_TESTING": "1"}
    env.pop("DANVAN_DATABASE_URL", None)
    return env


def prepared() -> str | None:
    """The demo prepared for this `make test`, if there is one."""
    folder = template_path(PREPARED)
    return folder if folder and os.path.isdir(folder) else None


def prepare(var_dir: str) -> None:
    with_units = template_path(SQLITE_WITH_UNITS)
    if with_units and os.path.exists(with_units):
        shutil.copyfile(with_units, os.path.join(var_dir, "danvan.sqlite3"))
    danvan = [sys.executable, "-m", "danvan.cli"]
    for args in (["migrate", "--no-input", "-v", "0"], ["load_units"], ["demo", "--quiet"]):
        subprocess.run([*danvan, *args], env=server_env(var_dir), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    """Prepare the demo into DANVAN_TEST_DB_TEMPLATES/browser-demo (whole or not at all)."""
    folder = template_path(PREPARED)
    if folder is None:
        raise SystemExit("DANVAN_TEST_DB_TEMPLATES is not set")
    partial = tempfile.mkdtemp(prefix=f"{PREPARED}-", dir=os.path.dirname(folder))
    prepare(partial)
    os.rename(partial, folder)


if __name__ == "__main__":
    main()
