"""The PostgreSQL connection settings of decisions 0031 and 0032: statements bound and prepared by the server, JIT
off — checked on the connection the app really opens."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's settings")
def test_the_connection_has_jit_off_and_server_side_binding():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
    assert connection.settings_dict["OPTIONS"].get("server_side_binding") is True
