"""The core, store, formats and CLI never load Qt (DESIGN §1)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "annotator"


def test_only_gui_imports_pyside6():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "gui":
            continue
        if re.search(r"^\s*(from|import)\s+PySide6", path.read_text(encoding="utf-8"), re.M):
            offenders.append(str(rel))
    assert offenders == []


def test_importing_the_core_layers_does_not_load_pyside6():
    code = (
        "import sys, annotator.core, annotator.store, annotator.formats, annotator.cli;"
        "from annotator.core import text, scheme, decoding, validation, model;"
        "from annotator import formats; formats.names();"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_import_linter_contracts_hold():
    """The contracts in pyproject.toml: only the GUI imports Qt, the core is pure, nothing
    below the GUI imports it, the store knows nothing of the CLI."""
    root = PACKAGE.parent
    r = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                        "sys.exit(lint_imports_command())"], capture_output=True, text=True, cwd=root)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "0 broken" in r.stdout


#: The parts of ``Project`` (each one module, given the parts it uses when it is built).
PARTS = ["settings", "annotators", "documents", "status", "edits", "annotations", "stances", "linked", "layers",
         "views", "stats", "team", "team_views", "adjudication",
         "export", "agreement", "importing", "packages"]

#: The modules mypy checks: the core, the store's machinery, every part, and ``Project``
#: (its delegations are checked against the parts).
TYPED = ["annotator/core", "annotator/store/changes.py", "annotator/store/undo.py", "annotator/store/db.py",
         "annotator/store/schema.py", "annotator/store/backend.py", "annotator/store/project.py",
         *(f"annotator/store/{part}.py" for part in PARTS),
         # the team database (issue 14)
         "annotator/store/postgres.py", "annotator/store/sqlpg.py", "annotator/store/lanes.py",
         "annotator/store/teamdb.py", "annotator/team_cli.py"]


def test_mypy_is_clean_on_the_typed_modules():
    root = PACKAGE.parent
    r = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--follow-imports=silent",
                        "--no-error-summary", *TYPED], capture_output=True, text=True, cwd=root)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def _private_reaches(path: Path) -> list[str]:
    """Where a module imports a private name of another store module, reaches into a
    private attribute of another object (``self.people._ids``, ``project._log``), or
    imports ``Project`` (a part is given what it needs; it never reaches back)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("annotator.store"):
            found += [f"{path.name}:{node.lineno} imports {a.name}" for a in node.names
                      if a.name.startswith("_") or a.name == "Project"]
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                found.append(f"{path.name}:{node.lineno} reaches into .{node.attr}")
    return found


def test_parts_use_no_private_name_of_another_part():
    offenders = [hit for part in PARTS for hit in _private_reaches(PACKAGE / "store" / f"{part}.py")]
    assert offenders == []
