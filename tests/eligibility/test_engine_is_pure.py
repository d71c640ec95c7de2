"""The engine (`eligibility/engine/`) is pure Python: facts in, verdict out. It imports
nothing from Django (no ORM, no settings) and nothing from the project's apps — only itself
and the standard library — so it runs in the API, the command, the bench and these tests
alike, with or without Django (docs/eligibility.md, "Layout")."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "eligibility" / "engine"
PACKAGE = "eligibility.engine"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """The absolute names of the modules `path` imports (relative imports resolved)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                names.append(".".join(base + ([node.module] if node.module else [])))
            else:
                names.append(node.module or "")
    return names


def test_engine_modules_import_only_the_engine_and_the_standard_library():
    files = sorted(ENGINE.rglob("*.py"))
    assert len(files) >= 10  # the package, its modules and the rules by award group
    stdlib = sys.stdlib_module_names
    wrong = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in files for name in _imports(path)
        if not (name == PACKAGE or name.startswith(PACKAGE + ".")
                or name.split(".")[0] in stdlib)
    }
    assert not wrong, "the engine must stay pure:\n" + "\n".join(sorted(wrong))


def test_importing_the_engine_loads_no_django_and_no_app():
    code = (
        "import sys, importlib, pkgutil\n"
        "import eligibility.engine as e\n"
        "for m in pkgutil.walk_packages(e.__path__, 'eligibility.engine.'):\n"
        "    importlib.import_module(m.name)\n"
        "apps = {'accounts', 'nominations', 'blocs', 'workdays', 'workflows', 'notifications',\n"
        "        'reports', 'documents', 'api', 'imports', 'config'}\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in apps | {'django'}\n"
        "             or n in ('eligibility.models', 'eligibility.services'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == ""
