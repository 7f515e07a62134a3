"""The wheel holds every package of the source tree, and a lower layer imports without the upper ones."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject() -> None:
    # setuptools maps bilateral.X to the folder X/ (package-dir); a subpackage not listed is left out
    # of the wheel, while an editable install still finds it: only a wheel user would see it missing.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    for name, folder in config["package-dir"].items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder)
            package = ".".join([name, *relative.parts])
            assert package in listed, f"{package} ({init.parent.relative_to(ROOT)}) is not in pyproject packages"


def test_importing_the_records_loads_no_store_driver_or_api() -> None:
    code = (
        "import sys, bilateral.loaders.records, bilateral.loaders.tables; "
        "print(' '.join(m for m in ('neo4j', 'pyoxigraph', 'pyshacl', 'networkx', 'rdflib', 'bilateral.api') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
