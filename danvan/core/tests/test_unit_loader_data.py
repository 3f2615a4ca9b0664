"""The unit loader reads vietnamadminunits' data files only: the package is installed without its dependencies
(numpy, shapely, geopy…), its code is never imported, and the same units come out of it."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LEFT_OUT = ("numpy", "shapely", "geopy", "geographiclib", "tqdm", "unidecode")

READ_WITHOUT_IMPORT = """
import json, sys
import django
django.setup()
from danvan.core.unit_loader import package_data_dir, read_package_units
rows, edges = read_package_units(package_data_dir())
trees = {}
for row in rows:
    trees[row.tree] = trees.get(row.tree, 0) + 1
imported = sorted(m for m in sys.modules if m.split(".")[0] in ("vietnamadminunits", *%r))
print(json.dumps({"trees": trees, "edges": len(edges), "imported": imported}))
"""


def test_the_loader_reads_the_data_files_without_importing_the_package():
    result = subprocess.run(
        [sys.executable, "-c", READ_WITHOUT_IMPORT % (LEFT_OUT,)],
        env={"DJANGO_SETTINGS_MODULE": "danvan.settings", "DANVAN_DEBUG": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    read = json.loads(result.stdout.strip().splitlines()[-1])
    # The same units as before the change: 3,355 current, 10,794 legacy, 10,665 succession links (issue 10).
    assert read == {"trees": {"current": 3355, "legacy": 10794}, "edges": 10665, "imported": []}


def test_production_leaves_out_the_packages_only_the_data_package_s_code_needs():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower()
    pinned = {line.split("==")[0] for line in lock.splitlines() if "==" in line and not line.startswith("#")}
    assert not pinned & set(LEFT_OUT)
    assert "vietnamadminunits" not in pinned
    data = (ROOT / "requirements-data.txt").read_text(encoding="utf-8")
    assert "vietnamadminunits==1.0.4" in data.splitlines()
    for name in LEFT_OUT:
        assert importlib.util.find_spec(name) is None, f"{name} is installed: run `make venv`"
