"""Test databases migrated once per engine in one `make test` (decision 0028).

Migrating a fresh database costs about 25 s of CPU (Django renders the model states of 117 migrations), and one
`make test` used to migrate four: the SQLite suite's, the browser demo's, the PostgreSQL suite's and the streaming
replica's. ``DANVAN_TEST_DB_TEMPLATES`` (a folder, made by scripts/test.sh for one `make test` only) keeps one
migrated test database per engine, made the way pytest-django makes its test database (Django's
``create_test_db``: migrate, then ``createcachetable``):

- ``python -m tests.dbtemplates`` (scripts/test.sh, beside the lint step, once per engine) makes the engine's test
  database, saves it right after migrating, loads the unit tree and (SQLite) saves it again with the tree, for the
  browser demo (tests/browser/demo.py); then drops it.
- A pytest run (the root ``conftest.py``) whose engine has a template starts its test database as a copy of it;
  Django's migrate then finds every migration applied (a migration the copy lacks would still be applied). A run
  whose engine has none saves its own there right after migrating, for the next run.

SQLite's copy is a database file (the in-memory test database filled with the sqlite3 backup API); PostgreSQL's is
a pg_dump archive, restored with pg_restore into the new, empty test database. With the variable unset (pytest by
hand) every run migrates its own database, as before.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from typing import Any

TEMPLATES_VAR = "DANVAN_TEST_DB_TEMPLATES"
TEMPLATE_FILES = {"sqlite": "sqlite-migrated.sqlite3", "postgresql": "postgresql-migrated.dump"}
SQLITE_WITH_UNITS = "sqlite-units.sqlite3"  # the browser demo's start: migrated, with the unit tree

_kept_alive: list[sqlite3.Connection] = []  # connections holding in-memory test databases filled from a template


def template_path(name: str) -> str | None:
    """The path of template ``name`` in ``DANVAN_TEST_DB_TEMPLATES``, or None when the variable is unset."""
    folder = os.environ.get(TEMPLATES_VAR)
    return os.path.join(folder, name) if folder and name else None


def engine_template(vendor: str) -> str | None:
    return template_path(TEMPLATE_FILES.get(vendor, ""))


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for the client programs (pg_dump, pg_restore) on ``settings_dict``'s database."""
    env = {**os.environ, "PGDATABASE": str(settings_dict["NAME"])}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    return env


def _pg_program(name: str) -> str:
    folder = os.environ.get("DANVAN_TEST_PG_BIN")  # the server's own version (scripts/with-postgres*.sh)
    return os.path.join(folder, name) if folder else shutil.which(name) or name


def restore_template(connection: Any, test_database_name: str, template: str) -> None:
    """Fill the new, empty test database ``test_database_name`` of ``connection`` from ``template``."""
    if connection.vendor == "sqlite":
        target = sqlite3.connect(test_database_name, uri=True)
        source = sqlite3.connect(template)
        source.backup(target)
        source.close()
        _kept_alive.append(target)  # an in-memory database lives while a connection to it is open
    elif connection.vendor == "postgresql":
        restore = [_pg_program("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
        subprocess.run(
            [*restore, "-d", test_database_name, template],
            env=_pg_env({**connection.settings_dict, "NAME": test_database_name}),
            check=True,
        )


def release() -> None:
    """Close the connections that held in-memory databases while Django opened its own."""
    while _kept_alive:
        _kept_alive.pop().close()


def save_template(connection: Any, template: str) -> None:
    """Copy ``connection``'s database to ``template`` (whole or not at all)."""
    partial = f"{template}.partial"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        subprocess.run(
            [_pg_program("pg_dump"), "--format=custom", "--compress=1", "-f", partial],
            env=_pg_env(connection.settings_dict),
            check=True,
        )
    else:
        return
    os.replace(partial, template)


def prepare() -> None:
    """Make this engine's templates in ``DANVAN_TEST_DB_TEMPLATES`` as a pytest run would, without running a test."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from danvan.core.unit_loader import load_units

    setup_test_environment(debug=False)  # as under pytest
    template = engine_template(connection.vendor)
    if template is None:
        raise SystemExit(f"{TEMPLATES_VAR} is not set")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        save_template(connection, template)
        load_units()
        if connection.vendor == "sqlite":
            save_template(connection, str(template_path(SQLITE_WITH_UNITS)))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    prepare()
