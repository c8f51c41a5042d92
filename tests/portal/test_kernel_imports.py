"""portal/ is the kernel the apps register with: it imports none of them, deferred imports included."""

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"
APPS = {"consultations", "cases", "knowhow"}
# The access rules still live in portal/access.py until each app registers its own policy.
NOT_YET = {PORTAL / "access.py"}


def _imported_packages(path: Path) -> set[str]:
    packages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            packages |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            packages.add(node.module.split(".")[0])
    return packages


def test_no_module_of_portal_imports_an_app():
    offenders = {
        str(path.relative_to(PORTAL)): sorted(_imported_packages(path) & APPS)
        for path in PORTAL.rglob("*.py")
        if path not in NOT_YET and "migrations" not in path.parts
    }
    assert {path: apps for path, apps in offenders.items() if apps} == {}
