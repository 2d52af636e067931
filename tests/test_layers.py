"""The house's layers: imports only point down, and the lower layers stay free of what is above.

config <- transforms <- warehouse <- flows <- newsetl (the command line). Every
import counts, also the ones inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import REPO

BELOW = {
    "config": set(),
    "sql": set(),
    "transforms": {"config"},
    "warehouse": {"config", "transforms", "sql"},
    "flows": {"config", "transforms", "warehouse"},
    "newsetl": {"config", "transforms", "warehouse", "flows"},
}
# Libraries a layer must not import: parsing is pure, only flows/ and the CLI know Prefect.
FORBIDDEN = {
    "transforms": {"prefect", "duckdb", "pyarrow", "pandas", "sqlalchemy"},
    "warehouse": {"prefect"},
    "config": {"prefect", "duckdb"},
}


def imported_top_levels(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(BELOW))
def test_imports_only_point_down(layer: str) -> None:
    for path in sorted((REPO / layer).rglob("*.py")):
        imported = imported_top_levels(path)
        upward = (imported & set(BELOW)) - BELOW[layer] - {layer}
        assert not upward, f"{path.relative_to(REPO)} imports {sorted(upward)}"
        banned = imported & FORBIDDEN.get(layer, set())
        assert not banned, f"{path.relative_to(REPO)} imports {sorted(banned)}"


def test_package_init_files_set_no_environment() -> None:
    """Importing a package must not change the process (os.environ, os.putenv)."""
    for layer in BELOW:
        for init in (REPO / layer).rglob("__init__.py"):
            tree = ast.parse(init.read_text(encoding="utf-8"))
            touched = [
                node.attr
                for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and node.attr in {"environ", "putenv"}
            ]
            assert not touched, init
